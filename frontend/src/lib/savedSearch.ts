/**
 * Saved searches ↔ the Search page: the page's query saved as the parameters
 * of `GET /api/v1/search` (lists comma-separated), and a saved one reopened
 * as the page's URL.
 */
import { FACETS, emptyFilters, paramsFromQuery, type SearchQuery } from '../api/search';
import type { SavedQuery } from '../api/types';

export function savedQueryFromSearch(query: Pick<SearchQuery, 'q' | 'filters' | 'verified'>): SavedQuery {
  const saved: SavedQuery = {};
  const q = query.q.trim();
  if (q) saved.q = q;
  for (const facet of FACETS) if (query.filters[facet].length > 0) saved[facet] = query.filters[facet].join(',');
  if (query.verified) saved.verified = true;
  return saved;
}

/** `/search?q=…&sector=a&sector=b` for a saved search. */
export function searchUrlFromSaved(saved: SavedQuery): string {
  const filters = emptyFilters();
  for (const facet of FACETS) {
    const value = saved[facet];
    if (typeof value === 'string') filters[facet] = value.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
  }
  const params = paramsFromQuery({ q: saved.q ?? '', filters, page: 1, verified: saved.verified === true });
  const text = params.toString();
  return text ? `/search?${text}` : '/search';
}

/** Whether the page's query says anything (an empty search alerts on every new listing). */
export function isEmptySearch(query: Pick<SearchQuery, 'q' | 'filters' | 'verified'>): boolean {
  return Object.keys(savedQueryFromSearch(query)).length === 0;
}
