import { describe, expect, it } from 'vitest';
import { excerpt, parseMarked } from './highlight';

describe('parseMarked', () => {
  it('turns <mark> into marked segments and decodes entities', () => {
    expect(parseMarked('智能<mark>港口</mark>起重机 &amp; &lt;b&gt;')).toEqual([
      { text: '智能', mark: false },
      { text: '港口', mark: true },
      { text: '起重机 & <b>', mark: false },
    ]);
  });
  it('never lets other tags through', () => {
    const segments = parseMarked('<img src=x onerror=alert(1)>安全<script>x</script>');
    expect(segments.map((s) => s.text).join('')).toBe('安全x');
  });
});

describe('excerpt', () => {
  it('centres on the first match', () => {
    const text = `${'甲'.repeat(200)}港口${'乙'.repeat(200)}`;
    const window = excerpt(text, ['港口'], 60);
    expect(window).toContain('港口');
    expect(window.startsWith('…')).toBe(true);
    expect(window.endsWith('…')).toBe(true);
  });
});
