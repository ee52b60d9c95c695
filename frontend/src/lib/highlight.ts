/**
 * Highlighted text as segments, so it renders as React text and <mark>
 * elements without ever setting HTML.
 */
export interface Segment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the entities an HTML-escaping server produces. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/**
 * Escaped HTML whose only tags are <mark>…</mark> (what the search API sends)
 * into segments. Any other tag is dropped, its text kept.
 */
export function parseMarked(html: string): Segment[] {
  const segments: Segment[] = [];
  let mark = false;
  for (const part of html.split(/(<\/?mark\b[^>]*>)/i)) {
    if (/^<mark\b/i.test(part)) {
      mark = true;
    } else if (/^<\/mark>/i.test(part)) {
      mark = false;
    } else if (part) {
      const text = decodeEntities(part.replace(/<[^>]*>/g, ''));
      if (text) pushSegment(segments, text, mark);
    }
  }
  return segments;
}

function pushSegment(segments: Segment[], text: string, mark: boolean): void {
  const last = segments[segments.length - 1];
  if (last && last.mark === mark) last.text += text;
  else segments.push({ text, mark });
}

/** A window of about `size` characters of `text` around the first term found. */
export function excerpt(text: string, terms: string[], size = 120): string {
  if (text.length <= size) return text;
  const lower = text.toLowerCase();
  const at = terms.map((term) => lower.indexOf(term)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  const start = Math.max(0, Math.min(at - Math.floor(size / 3), text.length - size));
  const body = text.slice(start, start + size);
  return (start > 0 ? '…' : '') + body + (start + size < text.length ? '…' : '');
}
