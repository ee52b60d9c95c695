import { Fragment } from 'react';
import type { Segment } from '../lib/highlight';

/** Text with the query's matches in <mark>, built from segments (never from HTML). */
export function Highlight({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((segment, index) => (segment.mark ? <mark key={index}>{segment.text}</mark> : <Fragment key={index}>{segment.text}</Fragment>))}
    </>
  );
}
