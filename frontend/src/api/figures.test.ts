import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchFigures } from './figures';
import { json, stubFetch } from '../test/fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('fetchFigures', () => {
  it('reads listings by sector, region and type from the facets of one empty search', async () => {
    const calls = stubFetch(({ path, query }) => {
      if (path === '/api/v1/search') {
        return json(200, {
          hits: [],
          total: 1139,
          page: 1,
          per_page: 1,
          took_ms: 2,
          facets: {
            listing_type: [
              { value: 'need', count: 224 },
              { value: 'project', count: 336 },
            ],
            sector: [
              { value: 'equipment', count: 200 },
              { value: 'equipment.shipbuilding', count: 51 },
              { value: 'finance', count: 0 },
              { value: 'software_it', count: 143 },
            ],
            region: [{ value: 'shanghai', count: 527 }],
            target_region: [],
            org_type: [],
            mode: [],
            amount: [],
          },
        });
      }
      return json(200, { items: [], total: query.get('verified') === 'true' ? 12 : 300, page: 1, per_page: 1 });
    });
    expect(await fetchFigures()).toEqual({
      listings: 1139,
      organizations: 300,
      verifiedOrganizations: 12,
      bySector: [
        { value: 'equipment', count: 200 },
        { value: 'software_it', count: 143 },
      ],
      byRegion: [{ value: 'shanghai', count: 527 }],
      byType: [
        { value: 'project', count: 336 },
        { value: 'need', count: 224 },
      ],
    });
    const searches = calls.filter((c) => c.path === '/api/v1/search');
    expect(searches).toHaveLength(1);
    expect(Object.fromEntries(searches[0]!.query)).toEqual({ page: '1', per_page: '1' });
    expect(calls.filter((c) => c.path === '/api/v1/listings')).toHaveLength(0);
    expect(calls).toHaveLength(3);
  });
});
