/**
 * Search over listings, built for `GET /api/v1/search` (full text, facets,
 * highlighting). Until the API has that endpoint, it falls back to
 * `GET /api/v1/listings` with its filters and a text match over the latest
 * listings, and says so (`source: 'fallback'`), so the Search page works
 * either way and switches over by itself once the endpoint answers.
 */
import { api } from './client';
import { ApiError, unwrap } from './errors';
import { requestJson } from './raw';
import { hasEndpoint } from './capabilities';
import type { GetJsonOr, ListingView, ListingQuery } from './types';
import { excerpt, markTerms, parseMarked, queryTerms, type Segment } from '../lib/highlight';

export const FACETS = ['listing_type', 'sector', 'region', 'target_region', 'org_type', 'mode'] as const;
export type FacetName = (typeof FACETS)[number];

export interface FacetCount {
  value: string;
  count: number;
}

export type SortOrder = 'relevance' | 'newest';

/** What a search asks for; also what the Search page's URL holds. */
export interface SearchQuery {
  q: string;
  filters: Record<FacetName, string[]>;
  /** Only listings of verified organizations. */
  verified?: boolean;
  sort?: SortOrder;
  page: number;
  per_page: number;
}

export interface SearchHit {
  external_id: string;
  title: string;
  title_en: string | null;
  titleSegments: Segment[];
  titleEnSegments: Segment[] | null;
  snippetSegments: Segment[];
  score: number | null;
  listing_type: string;
  sectors: string[];
  region: string;
  organization_name: string;
  organization_name_en: string | null;
  organization_verified: boolean | null;
  amount_cny_min: number | null;
  amount_cny_max: number | null;
  deadline: string | null;
}

export interface SearchResult {
  /** `fallback`: the search endpoint is not there; text matched over `scanned` latest listings. */
  source: 'search' | 'fallback';
  hits: SearchHit[];
  total: number;
  page: number;
  per_page: number;
  facets: Partial<Record<FacetName, FacetCount[]>>;
  took_ms: number | null;
  scanned: number | null;
}

/** The answer as the search endpoint was announced; the generated type replaces it once the API has it. */
interface AnnouncedSearchResponse {
  hits: Array<{
    external_id: string;
    title: string;
    title_en?: string | null;
    snippet?: string;
    score?: number;
    listing_type: string;
    sectors?: string[];
    region: string;
    organization_name?: string;
    amount_cny_min?: number | null;
    amount_cny_max?: number | null;
    deadline?: string | null;
  }>;
  total: number;
  facets?: Partial<Record<FacetName, FacetCount[]>>;
  took_ms?: number;
}
export type SearchResponseWire = GetJsonOr<'/api/v1/search', AnnouncedSearchResponse>;

export function emptyFilters(): Record<FacetName, string[]> {
  return { listing_type: [], sector: [], region: [], target_region: [], org_type: [], mode: [] };
}

// ---- the URL of the Search page ----

/** `?q=…&sector=a&sector=b&page=2` → a query. Unknown parameters are ignored. */
export function queryFromParams(params: URLSearchParams, perPage = 20): SearchQuery {
  const filters = emptyFilters();
  for (const facet of FACETS) filters[facet] = params.getAll(facet).filter((v) => v.length > 0);
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  const query: SearchQuery = { q: params.get('q') ?? '', filters, page: Number.isFinite(page) && page > 0 ? page : 1, per_page: perPage };
  if (params.get('verified') === 'true') query.verified = true;
  if (params.get('sort') === 'newest') query.sort = 'newest';
  return query;
}

/** A query → the Search page's parameters (empty ones left out, page 1 left out). */
export function paramsFromQuery(query: Pick<SearchQuery, 'q' | 'filters' | 'page' | 'verified' | 'sort'>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q.trim()) params.set('q', query.q.trim());
  for (const facet of FACETS) for (const value of query.filters[facet]) params.append(facet, value);
  if (query.verified) params.set('verified', 'true');
  if (query.sort === 'newest') params.set('sort', 'newest');
  if (query.page > 1) params.set('page', String(query.page));
  return params;
}

// ---- normalising the endpoint's answer ----

type Loose = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Tolerates the announced shape (flat hits) and the shape being built (the
 * listing nested under `listing`, `title_html`, `snippet_html`).
 */
export function normalizeSearchResponse(wire: SearchResponseWire, query: SearchQuery): SearchResult {
  const body = wire as unknown as Loose;
  const hits = (Array.isArray(body.hits) ? body.hits : []).map((raw): SearchHit => {
    const outer = raw as Loose;
    const hit: Loose = typeof outer.listing === 'object' && outer.listing !== null ? { ...(outer.listing as Loose), ...outer } : outer;
    const title = str(hit.title) ?? '';
    const titleEn = str(hit.title_en);
    const titleHtml = str(hit.title_html);
    const titleEnHtml = str(hit.title_en_html);
    const snippet = str(hit.snippet) ?? str(hit.snippet_html) ?? '';
    return {
      external_id: str(hit.external_id) ?? '',
      title,
      title_en: titleEn,
      titleSegments: titleHtml ? parseMarked(titleHtml) : markTerms(title, queryTerms(query.q)),
      titleEnSegments: titleEnHtml ? parseMarked(titleEnHtml) : titleEn ? markTerms(titleEn, queryTerms(query.q)) : null,
      snippetSegments: parseMarked(snippet),
      score: num(hit.score),
      listing_type: str(hit.listing_type) ?? '',
      sectors: strs(hit.sectors),
      region: str(hit.region) ?? '',
      organization_name: str(hit.organization_name) ?? '',
      organization_name_en: str(hit.organization_name_en),
      organization_verified: typeof hit.organization_verified === 'boolean' ? hit.organization_verified : null,
      amount_cny_min: num(hit.amount_cny_min),
      amount_cny_max: num(hit.amount_cny_max),
      deadline: str(hit.deadline),
    };
  });
  const facets: Partial<Record<FacetName, FacetCount[]>> = {};
  const rawFacets = (body.facets ?? {}) as Loose;
  for (const facet of FACETS) {
    const list = rawFacets[facet];
    if (Array.isArray(list)) {
      facets[facet] = list
        .map((entry) => entry as Loose)
        .filter((entry) => typeof entry.value === 'string')
        .map((entry) => ({ value: entry.value as string, count: num(entry.count) ?? 0 }));
    }
  }
  return {
    source: 'search',
    hits,
    total: num(body.total) ?? hits.length,
    page: num(body.page) ?? query.page,
    per_page: num(body.per_page) ?? query.per_page,
    facets,
    took_ms: num(body.took_ms),
    scanned: null,
  };
}

// ---- the fallback over GET /api/v1/listings ----

/** How many of the latest listings the fallback reads when it has text to match. */
export const FALLBACK_SCAN = 300;

export function hitFromListing(listing: ListingView, terms: string[]): SearchHit {
  const description = listing.description;
  return {
    external_id: listing.external_id,
    title: listing.title,
    title_en: listing.title_en ?? null,
    titleSegments: markTerms(listing.title, terms),
    titleEnSegments: listing.title_en ? markTerms(listing.title_en, terms) : null,
    snippetSegments: markTerms(excerpt(description, terms), terms),
    score: null,
    listing_type: listing.listing_type,
    sectors: listing.sectors,
    region: listing.region,
    organization_name: listing.organization_name,
    organization_name_en: listing.organization_name_en ?? null,
    organization_verified: listing.organization_verified,
    amount_cny_min: listing.amount_cny_min ?? null,
    amount_cny_max: listing.amount_cny_max ?? null,
    deadline: listing.deadline ?? null,
  };
}

function sectorMatches(listingSectors: string[], wanted: string[]): boolean {
  return wanted.some((w) => listingSectors.some((s) => s === w || s.startsWith(`${w}.`)));
}

/** Whether a listing passes the text and every filter the fallback can judge locally. */
export function listingMatches(listing: ListingView, terms: string[], filters: Record<FacetName, string[]>, verifiedOnly = false): boolean {
  if (verifiedOnly && !listing.organization_verified) return false;
  const haystack = [listing.title, listing.title_en, listing.description, listing.description_en, listing.organization_name, listing.organization_name_en, ...(listing.tags ?? [])]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  if (!terms.every((term) => haystack.includes(term))) return false;
  if (filters.listing_type.length && !filters.listing_type.includes(listing.listing_type)) return false;
  if (filters.sector.length && !sectorMatches(listing.sectors, filters.sector)) return false;
  if (filters.region.length && !filters.region.includes(listing.region)) return false;
  if (filters.target_region.length && !listing.effective_target_regions.some((r) => filters.target_region.includes(r))) return false;
  if (filters.mode.length && !(listing.modes ?? []).some((m) => filters.mode.includes(m))) return false;
  return true;
}

async function fallbackSearch(query: SearchQuery): Promise<SearchResult> {
  const terms = queryTerms(query.q);
  const { filters } = query;
  const serverQuery: ListingQuery = {};
  if (filters.listing_type.length === 1) serverQuery.listing_type = filters.listing_type[0] as ListingQuery['listing_type'];
  if (filters.sector.length === 1) serverQuery.sector = filters.sector[0];
  if (filters.region.length === 1) serverQuery.region = filters.region[0] as ListingQuery['region'];
  const needsLocal =
    terms.length > 0 ||
    filters.listing_type.length > 1 ||
    filters.sector.length > 1 ||
    filters.region.length > 1 ||
    filters.target_region.length > 0 ||
    filters.mode.length > 0 ||
    query.verified === true;

  if (!needsLocal) {
    const page = unwrap(await api.GET('/api/v1/listings', { params: { query: { ...serverQuery, page: query.page, per_page: query.per_page } } }));
    return {
      source: 'fallback',
      hits: page.items.map((l) => hitFromListing(l, terms)),
      total: page.total,
      page: page.page,
      per_page: page.per_page,
      facets: {},
      took_ms: null,
      scanned: null,
    };
  }

  const scanned: ListingView[] = [];
  for (let page = 1; scanned.length < FALLBACK_SCAN; page++) {
    const batch = unwrap(await api.GET('/api/v1/listings', { params: { query: { ...serverQuery, page, per_page: 100 } } }));
    scanned.push(...batch.items);
    if (batch.items.length < 100 || scanned.length >= batch.total) break;
  }
  const matching = scanned.filter((l) => listingMatches(l, terms, filters, query.verified === true));
  const start = (query.page - 1) * query.per_page;
  return {
    source: 'fallback',
    hits: matching.slice(start, start + query.per_page).map((l) => hitFromListing(l, terms)),
    total: matching.length,
    page: query.page,
    per_page: query.per_page,
    facets: {},
    took_ms: null,
    scanned: scanned.length,
  };
}

// ---- the one entry point ----

let searchEndpoint: 'unknown' | 'present' | 'absent' = 'unknown';

/** For tests. */
export function resetSearchEndpoint(): void {
  searchEndpoint = 'unknown';
}

/** A 404 for the route itself, not for a record: the endpoint is not deployed. */
export function isMissingRoute(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && error.code === 'route_not_found';
}

async function endpointSearch(query: SearchQuery): Promise<SearchResult> {
  const params = new URLSearchParams({ page: String(query.page), per_page: String(query.per_page) });
  if (query.q.trim()) params.set('q', query.q.trim());
  // Multi-valued filters are comma-separated (`sector=equipment,finance`).
  for (const facet of FACETS) if (query.filters[facet].length > 0) params.set(facet, query.filters[facet].join(','));
  if (query.verified) params.set('verified', 'true');
  if (query.sort) params.set('sort', query.sort);
  // Not in the generated client until the endpoint exists, hence the plain request.
  const wire = await requestJson<SearchResponseWire>('GET', `/api/v1/search?${params.toString()}`);
  return normalizeSearchResponse(wire, query);
}

export async function searchListings(query: SearchQuery): Promise<SearchResult> {
  if (searchEndpoint === 'unknown' && (await hasEndpoint('/api/v1/search')) === false) searchEndpoint = 'absent';
  if (searchEndpoint !== 'absent') {
    try {
      const result = await endpointSearch(query);
      searchEndpoint = 'present';
      return result;
    } catch (error) {
      if (!isMissingRoute(error)) throw error;
      searchEndpoint = 'absent';
    }
  }
  return fallbackSearch(query);
}
