import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearDecision, decideMatch, fetchMatches, fetchRecommendations } from './matches';
import { json, matchView, stubFetch } from '../test/fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('fetchMatches', () => {
  it('asks for the listing’s matches with a limit and answers them', async () => {
    const match = matchView();
    const calls = stubFetch(() => json(200, { query: 'l 1', matches: [match] }));
    expect(await fetchMatches('l 1', 5)).toEqual([match]);
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/api/v1/listings/l%201/matches' });
    expect(calls[0]!.query.get('limit')).toBe('5');
  });
  it('throws the API error', async () => {
    stubFetch(() => json(404, { error: { code: 'listing_not_found', message: 'no listing' } }));
    await expect(fetchMatches('gone')).rejects.toMatchObject({ status: 404, code: 'listing_not_found' });
  });
});

describe('fetchRecommendations', () => {
  it('asks for an organization’s recommendations, each saying which listing it is for', async () => {
    const match = matchView({ for_listing: 'dl-prj-0001' });
    const calls = stubFetch(() => json(200, { query: 'dl-org-1', matches: [match] }));
    const matches = await fetchRecommendations('dl-org-1', 20);
    expect(matches[0]?.for_listing).toBe('dl-prj-0001');
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/api/v1/organizations/dl-org-1/recommendations' });
    expect(calls[0]!.query.get('limit')).toBe('20');
  });
  it('throws when not allowed', async () => {
    stubFetch(() => json(403, { error: { code: 'forbidden', message: 'no' } }));
    await expect(fetchRecommendations('other-org')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('decisions', () => {
  it('shortlists and dismisses with PUT and the decision in the body', async () => {
    const calls = stubFetch(() => new Response(null, { status: 204 }));
    await decideMatch('l1', 'f/2', 'shortlisted');
    await decideMatch('l1', 'f3', 'dismissed');
    expect(calls.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body)}`)).toEqual([
      'PUT /api/v1/listings/l1/matches/f%2F2 {"decision":"shortlisted"}',
      'PUT /api/v1/listings/l1/matches/f3 {"decision":"dismissed"}',
    ]);
  });
  it('clears a decision with DELETE', async () => {
    const calls = stubFetch(() => new Response(null, { status: 204 }));
    await clearDecision('l1', 'f2');
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['DELETE /api/v1/listings/l1/matches/f2']);
  });
  it('throws when the caller may not decide', async () => {
    stubFetch(() => json(403, { error: { code: 'forbidden', message: 'not an editor' } }));
    await expect(decideMatch('l1', 'f2', 'dismissed')).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });
});
