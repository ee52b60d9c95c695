import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyFilters, listingMatches, normalizeSearchResponse, paramsFromQuery, queryFromParams, resetSearchEndpoint, searchListings, type SearchResponseWire } from './search';
import type { ListingView } from './types';
import { resetCapabilities } from './capabilities';

function listing(overrides: Partial<ListingView> = {}): ListingView {
  return {
    external_id: 'l1',
    organization: 'o1',
    listing_type: 'project',
    title: '智能港口起重机生产线技改项目',
    description: '拟引进战略投资者，建设自动化岸桥生产线。',
    sectors: ['equipment.shipbuilding'],
    region: 'dalian',
    modes: ['equity'],
    tags: ['岸桥'],
    organization_name: '大连北湾重型装备有限公司',
    organization_verified: false,
    expired: false,
    effective_target_regions: ['shanghai'],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    editable: false,
    ...overrides,
  } as ListingView;
}

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

describe('normalizeSearchResponse', () => {
  it('reads the announced shape', () => {
    const wire = {
      hits: [{ external_id: 'l1', title: '智能港口', snippet: '建设<mark>港口</mark> &amp; 园区', score: 2.5, listing_type: 'project', sectors: ['equipment'], region: 'dalian', organization_name: '北湾', amount_cny_min: 1, amount_cny_max: 2, deadline: null }],
      total: 41,
      facets: { sector: [{ value: 'equipment', count: 12 }], region: [{ value: 'dalian', count: 30 }] },
      took_ms: 3.4,
    } as unknown as SearchResponseWire;
    const result = normalizeSearchResponse(wire, { q: '港口', filters: emptyFilters(), page: 2, per_page: 20 });
    expect(result.source).toBe('search');
    expect(result.total).toBe(41);
    expect(result.page).toBe(2);
    expect(result.took_ms).toBe(3.4);
    expect(result.facets.sector).toEqual([{ value: 'equipment', count: 12 }]);
    const hit = result.hits[0]!;
    expect(hit.snippetSegments).toEqual([
      { text: '建设', mark: false },
      { text: '港口', mark: true },
      { text: ' & 园区', mark: false },
    ]);
    // no title_html: the title is marked locally
    expect(hit.titleSegments).toEqual([
      { text: '智能', mark: false },
      { text: '港口', mark: true },
    ]);
  });
  it('reads hits whose listing is nested, as the search service builds them', () => {
    const wire = {
      hits: [{ listing: listing(), score: 1.5, title_html: '智能<mark>港口</mark>起重机生产线技改项目', title_en_html: null, snippet_html: '<mark>港口</mark>', matched: ['港口'] }],
      total: 1,
      page: 1,
      per_page: 20,
      facets: { listing_type: [], sector: [], region: [], target_region: [], org_type: [], mode: [], amount: [] },
      took_ms: 0.8,
    } as unknown as SearchResponseWire;
    const hit = normalizeSearchResponse(wire, { q: '港口', filters: emptyFilters(), page: 1, per_page: 20 }).hits[0]!;
    expect(hit.external_id).toBe('l1');
    expect(hit.organization_name).toBe('大连北湾重型装备有限公司');
    expect(hit.sectors).toEqual(['equipment.shipbuilding']);
    expect(hit.score).toBe(1.5);
    expect(hit.titleSegments[1]).toEqual({ text: '港口', mark: true });
    expect(hit.snippetSegments).toEqual([{ text: '港口', mark: true }]);
  });

  it('accepts title_html / snippet_html variants', () => {
    const wire = { hits: [{ external_id: 'x', title: 'A', title_html: '<mark>A</mark>', snippet_html: 'b', listing_type: 'need', region: 'shanghai' }], total: 1 } as unknown as SearchResponseWire;
    const hit = normalizeSearchResponse(wire, { q: '', filters: emptyFilters(), page: 1, per_page: 20 }).hits[0]!;
    expect(hit.titleSegments).toEqual([{ text: 'A', mark: true }]);
    expect(hit.snippetSegments).toEqual([{ text: 'b', mark: false }]);
  });
});

describe('listingMatches (fallback)', () => {
  it('needs every term somewhere in the listing', () => {
    expect(listingMatches(listing(), ['港口', '岸桥'], emptyFilters())).toBe(true);
    expect(listingMatches(listing(), ['港口', '基金'], emptyFilters())).toBe(false);
  });
  it('applies filters, a parent sector matching its sub-sectors', () => {
    expect(listingMatches(listing(), [], { ...emptyFilters(), sector: ['equipment'] })).toBe(true);
    expect(listingMatches(listing(), [], { ...emptyFilters(), sector: ['finance'] })).toBe(false);
    expect(listingMatches(listing(), [], { ...emptyFilters(), target_region: ['shanghai'], mode: ['equity'] })).toBe(true);
    expect(listingMatches(listing(), [], { ...emptyFilters(), region: ['shanghai'] })).toBe(false);
  });
});

describe('searchListings', () => {
  const realFetch = globalThis.fetch;
  beforeEach(() => {
    resetSearchEndpoint();
    resetCapabilities();
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  function stub(handler: (url: URL) => Response) {
    const seen: string[] = [];
    globalThis.fetch = vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      seen.push(url.pathname + url.search);
      return handler(url);
    }) as typeof fetch;
    return seen;
  }
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

  it('uses the search endpoint when the API document lists it', async () => {
    resetCapabilities({ '/api/v1/search': { get: {} } });
    const seen = stub(() => json(200, { hits: [], total: 0, facets: {}, took_ms: 1 }));
    const result = await searchListings({ q: '港口', filters: { ...emptyFilters(), sector: ['equipment', 'finance'], region: ['dalian'] }, page: 1, per_page: 20 });
    expect(result.source).toBe('search');
    expect(seen[0]).toMatch(/^\/api\/v1\/search\?/);
    // multi-valued filters go comma-separated
    expect(new URL(`http://x${seen[0]}`).searchParams.get('sector')).toBe('equipment,finance');
    expect(new URL(`http://x${seen[0]}`).searchParams.get('region')).toBe('dalian');
  });

  it('falls back to the listings endpoint, without probing, when the API document lacks search', async () => {
    resetCapabilities({ '/api/v1/listings': { get: {} } });
    const seen = stub(() => json(200, { items: [listing()], total: 1, page: 1, per_page: 20 }));
    const result = await searchListings({ q: '', filters: emptyFilters(), page: 1, per_page: 20 });
    expect(result.source).toBe('fallback');
    expect(seen).toEqual(['/api/v1/listings?page=1&per_page=20']);
  });

  it('falls back when search answers 404 route_not_found, and remembers', async () => {
    const seen = stub((url) =>
      url.pathname === '/api/v1/openapi.json'
        ? json(500, {})
        :
      url.pathname === '/api/v1/search'
        ? json(404, { error: { code: 'route_not_found', message: 'no route' } })
        : json(200, { items: [listing(), listing({ external_id: 'l2', title: '冷链物流园区', description: '冷库', tags: [] })], total: 2, page: 1, per_page: 100 }),
    );
    const result = await searchListings({ q: '港口', filters: emptyFilters(), page: 1, per_page: 20 });
    expect(result.source).toBe('fallback');
    expect(result.hits.map((h) => h.external_id)).toEqual(['l1']);
    expect(result.scanned).toBe(2);
    await searchListings({ q: '', filters: emptyFilters(), page: 1, per_page: 20 });
    expect(seen.filter((s) => s.startsWith('/api/v1/search'))).toHaveLength(1);
  });
});
