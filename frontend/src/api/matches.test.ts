import { afterEach, describe, expect, it, vi } from 'vitest';
import { canDecideMatches, decideMatch, fetchMatches, normalizeMatches, type MatchesWire } from './matches';
import { fillPath, resetCapabilities } from './capabilities';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
  resetCapabilities();
});

const other = { external_id: 'fund-1', title: '基金', listing_type: 'fund_mandate' };

describe('normalizeMatches', () => {
  it('reads the announced shape', () => {
    const wire = {
      query: {},
      matches: [{ listing: other, score: 0.82, factors: [{ name: 'sector', weight: 0.3, value: 1, contribution: 0.3 }], reasons: [{ zh: '同属装备制造', en: 'Both in equipment' }] }],
    } as unknown as MatchesWire;
    expect(normalizeMatches(wire)).toEqual([
      { listing: other, score: 0.82, factors: [{ name: 'sector', weight: 0.3, value: 1, contribution: 0.3 }], reasons: [{ zh: '同属装备制造', en: 'Both in equipment' }], decision: null },
    ]);
  });
  it('tolerates plain-string reasons and a decision field', () => {
    const wire = { matches: [{ listing: other, score: 1, factors: [], reasons: ['same sector'], decision: 'shortlisted' }] } as unknown as MatchesWire;
    const [match] = normalizeMatches(wire);
    expect(match?.reasons).toEqual([{ zh: 'same sector', en: 'same sector' }]);
    expect(match?.decision).toBe('shortlisted');
  });
});

describe('fetchMatches', () => {
  it('answers null, without a request, while the API has no matching endpoint', async () => {
    resetCapabilities({ '/api/v1/listings/{id}': { get: {} } });
    const spy = vi.fn();
    globalThis.fetch = spy as unknown as typeof fetch;
    expect(await fetchMatches('l1')).toBeNull();
    expect(spy).not.toHaveBeenCalled();
  });
  it('fetches once the endpoint is there', async () => {
    resetCapabilities({ '/api/v1/listings/{id}/matches': { get: {} } });
    globalThis.fetch = vi.fn(async () => new Response(JSON.stringify({ matches: [{ listing: other, score: 0.5, factors: [], reasons: [] }] }), { status: 200 })) as unknown as typeof fetch;
    expect((await fetchMatches('l1'))?.[0]?.score).toBe(0.5);
  });
});

describe('shortlist and dismiss', () => {
  it('finds the endpoint in the API document and fills its parameters in order', async () => {
    resetCapabilities({ '/api/v1/listings/{id}/matches/{other}/shortlist': { post: {} } });
    const urls: string[] = [];
    globalThis.fetch = vi.fn(async (input: Request) => {
      urls.push(`${input.method} ${new URL(input.url).pathname}`);
      return new Response(null, { status: 204 });
    }) as unknown as typeof fetch;
    expect(await canDecideMatches()).toBe(true);
    await decideMatch('l 1', 'f/2', 'shortlist');
    expect(urls).toEqual(['POST /api/v1/listings/l%201/matches/f%2F2/shortlist']);
  });
  it('is unavailable without such an endpoint', async () => {
    resetCapabilities({});
    expect(await canDecideMatches()).toBe(false);
    await expect(decideMatch('a', 'b', 'dismiss')).rejects.toMatchObject({ code: 'route_not_found' });
  });
  it('fillPath encodes', () => {
    expect(fillPath('/x/{a}/y/{b}', ['1', 'é'])).toBe('/x/1/y/%C3%A9');
  });
});
