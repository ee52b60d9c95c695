/**
 * The home page's headline figures: listings by sector, region and type (the
 * facets of one empty search), and organization counts.
 */
import { api } from './client';
import { unwrap } from './errors';
import { emptyFilters, searchListings } from './search';
import type { FacetCount } from './types';

export interface Figures {
  listings: number;
  organizations: number;
  verifiedOrganizations: number;
  bySector: FacetCount[];
  byRegion: FacetCount[];
  byType: FacetCount[];
}

/** Top-level sectors only: the index counts a listing filed under a sub-sector for its parent too. */
function topLevel(counts: FacetCount[]): FacetCount[] {
  return counts.filter(({ value }) => !value.includes('.'));
}

/** Non-zero counts, largest first. */
function ranked(counts: FacetCount[]): FacetCount[] {
  return counts.filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
}

export async function fetchFigures(): Promise<Figures> {
  const [search, orgs, verified] = await Promise.all([
    searchListings({ q: '', filters: emptyFilters(), page: 1, per_page: 1 }),
    api.GET('/api/v1/organizations', { params: { query: { per_page: 1 } } }).then(unwrap),
    api.GET('/api/v1/organizations', { params: { query: { per_page: 1, verified: true } } }).then(unwrap),
  ]);
  return {
    listings: search.total,
    organizations: orgs.total,
    verifiedOrganizations: verified.total,
    bySector: ranked(topLevel(search.facets.sector)),
    byRegion: ranked(search.facets.region),
    byType: ranked(search.facets.listing_type),
  };
}
