/**
 * The home page's headline figures: listings by sector, region and type, and
 * organization counts. From the search endpoint's facets when it is there (one
 * call); otherwise from `total` of filtered one-item listing pages.
 */
import { api } from './client';
import { unwrap } from './errors';
import { searchListings, emptyFilters, type FacetCount } from './search';
import type { ListingQuery, TaxonomyView } from './types';

export interface Figures {
  listings: number;
  organizations: number;
  verifiedOrganizations: number;
  bySector: FacetCount[];
  byRegion: FacetCount[];
  byType: FacetCount[];
}

/** Runs `tasks` with at most `limit` in flight. */
async function pooled<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

async function listingCount(query: ListingQuery): Promise<number> {
  return unwrap(await api.GET('/api/v1/listings', { params: { query: { ...query, per_page: 1 } } })).total;
}

/** Top-level sectors only: the index counts a listing filed under a sub-sector for its parent too. */
function topLevel(counts: FacetCount[]): FacetCount[] {
  return counts.filter(({ value }) => !value.includes('.'));
}

export async function fetchFigures(taxonomy: TaxonomyView): Promise<Figures> {
  const orgTotals = Promise.all([
    api.GET('/api/v1/organizations', { params: { query: { per_page: 1 } } }).then(unwrap),
    api.GET('/api/v1/organizations', { params: { query: { per_page: 1, verified: true } } }).then(unwrap),
  ]);
  const result = await searchListings({ q: '', filters: emptyFilters(), page: 1, per_page: 1 });
  let listings = result.total;
  let bySector: FacetCount[];
  let byRegion: FacetCount[];
  let byType: FacetCount[];
  if (result.source === 'search' && result.facets.sector && result.facets.region) {
    bySector = topLevel(result.facets.sector);
    byRegion = result.facets.region;
    byType = result.facets.listing_type ?? [];
  } else {
    const sectors = taxonomy.sectors.map((s) => s.slug);
    const regions = taxonomy.regions.map((r) => r.slug as NonNullable<ListingQuery['region']>);
    const types = taxonomy.listing_types.map((l) => l.slug as NonNullable<ListingQuery['listing_type']>);
    const counts = await pooled(
      [
        () => listingCount({}),
        ...sectors.map((sector) => () => listingCount({ sector })),
        ...regions.map((region) => () => listingCount({ region })),
        ...types.map((listing_type) => () => listingCount({ listing_type })),
      ],
      6,
    );
    listings = counts[0] ?? listings;
    bySector = sectors.map((value, i) => ({ value, count: counts[1 + i] ?? 0 }));
    byRegion = regions.map((value, i) => ({ value, count: counts[1 + sectors.length + i] ?? 0 }));
    byType = types.map((value, i) => ({ value, count: counts[1 + sectors.length + regions.length + i] ?? 0 }));
  }
  const [orgs, verified] = await orgTotals;
  const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count;
  return {
    listings,
    organizations: orgs.total,
    verifiedOrganizations: verified.total,
    bySector: bySector.filter((c) => c.count > 0).sort(byCount),
    byRegion: byRegion.filter((c) => c.count > 0).sort(byCount),
    byType: byType.filter((c) => c.count > 0).sort(byCount),
  };
}
