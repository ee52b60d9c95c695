/**
 * Search over listings: `GET /api/v1/search` (full text in Chinese and
 * English, filters, facet counts, highlighted titles and snippets), and the
 * Search page's state as it lives in the URL.
 */
import { api } from './client';
import { unwrap } from './errors';
import type { SearchParams, SearchResults } from './types';

export const FACETS = ['listing_type', 'sector', 'region', 'target_region', 'org_type', 'mode'] as const;
export type FacetName = (typeof FACETS)[number];

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

// ---- the endpoint ----

/** A query → the endpoint's parameters: multi-valued filters comma-separated (`sector=equipment,finance`). */
export function searchParams(query: SearchQuery): SearchParams {
  const params: SearchParams = { page: query.page, per_page: query.per_page };
  const q = query.q.trim();
  if (q) params.q = q;
  for (const facet of FACETS) if (query.filters[facet].length > 0) params[facet] = query.filters[facet].join(',');
  if (query.verified) params.verified = true;
  if (query.sort) params.sort = query.sort;
  return params;
}

export async function searchListings(query: SearchQuery): Promise<SearchResults> {
  return unwrap(await api.GET('/api/v1/search', { params: { query: searchParams(query) } }));
}
