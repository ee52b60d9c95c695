import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyFilters, paramsFromQuery, queryFromParams, searchListings, searchParams } from './search';
import { ApiError } from './errors';
import type { SearchResults } from './types';
import { json, listingView, stubFetch } from '../test/fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('the Search page URL', () => {
  it('round-trips the query, every filter and the page', () => {
    const query = { q: '港口 起重机', filters: { ...emptyFilters(), sector: ['equipment', 'finance'], region: ['dalian'] }, page: 3, per_page: 20 };
    const params = paramsFromQuery(query);
    expect(params.toString()).toBe('q=%E6%B8%AF%E5%8F%A3+%E8%B5%B7%E9%87%8D%E6%9C%BA&sector=equipment&sector=finance&region=dalian&page=3');
    expect(queryFromParams(params)).toEqual(query);
  });
  it('keeps sort and verified-only', () => {
    const params = paramsFromQuery({ q: '', filters: emptyFilters(), verified: true, sort: 'newest', page: 1 });
    expect(params.toString()).toBe('verified=true&sort=newest');
    expect(queryFromParams(params)).toMatchObject({ verified: true, sort: 'newest' });
  });
  it('leaves defaults out and survives junk', () => {
    expect(paramsFromQuery({ q: '  ', filters: emptyFilters(), page: 1 }).toString()).toBe('');
    expect(queryFromParams(new URLSearchParams('page=-4&foo=bar')).page).toBe(1);
  });
});

describe('searchParams', () => {
  it('joins multi-valued filters with commas and leaves empty ones out', () => {
    expect(
      searchParams({ q: ' 港口 ', filters: { ...emptyFilters(), sector: ['equipment', 'finance'], mode: ['equity'] }, verified: true, sort: 'newest', page: 2, per_page: 20 }),
    ).toEqual({ q: '港口', sector: 'equipment,finance', mode: 'equity', verified: true, sort: 'newest', page: 2, per_page: 20 });
    expect(searchParams({ q: '', filters: emptyFilters(), page: 1, per_page: 1 })).toEqual({ page: 1, per_page: 1 });
  });
});

describe('searchListings', () => {
  const answer: SearchResults = {
    hits: [{ listing: listingView(), score: 1.5, title_html: '智能<mark>港口</mark>起重机生产线技改项目', title_en_html: null, snippet_html: '<mark>港口</mark>', matched: ['港口'] }],
    total: 1,
    page: 1,
    per_page: 20,
    facets: { listing_type: [{ value: 'project', count: 1 }], sector: [], region: [], target_region: [], org_type: [], mode: [], amount: [] },
    took_ms: 0.8,
  };

  it('asks GET /api/v1/search and answers its results as they are', async () => {
    const calls = stubFetch(() => json(200, answer));
    const result = await searchListings({ q: '港口', filters: { ...emptyFilters(), sector: ['equipment', 'finance'], region: ['dalian'] }, page: 1, per_page: 20 });
    expect(result).toEqual(answer);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.path).toBe('/api/v1/search');
    expect(Object.fromEntries(calls[0]!.query)).toEqual({ q: '港口', sector: 'equipment,finance', region: 'dalian', page: '1', per_page: '20' });
  });

  it('throws the API error, never falls back', async () => {
    const calls = stubFetch(() => json(400, { error: { code: 'invalid_query', message: 'bad sort' } }));
    const failure = searchListings({ q: '', filters: emptyFilters(), page: 1, per_page: 20 });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 400, code: 'invalid_query' });
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/search']);
  });
});
