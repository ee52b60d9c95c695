/** Wire-shaped API answers for tests, typed by the generated schema. */
import { vi } from 'vitest';
import type { ListingView, MatchView } from '../api/types';

export function listingView(overrides: Partial<ListingView> = {}): ListingView {
  return {
    external_id: 'dl-prj-0001',
    organization: 'dl-org-1',
    listing_type: 'project',
    title: '智能港口起重机生产线技改项目',
    title_en: 'Smart port crane production line upgrade',
    description: '拟引进战略投资者，建设自动化岸桥生产线。',
    description_en: 'Seeks a strategic investor to build an automated quay-crane line.',
    sectors: ['equipment.shipbuilding', 'port_logistics'],
    region: 'dalian',
    amount_cny_min: 200_000_000,
    amount_cny_max: 500_000_000,
    modes: ['equity'],
    tags: ['岸桥'],
    deadline: '2027-12-31',
    status: 'published',
    organization_name: '大连北湾重型装备有限公司',
    organization_name_en: 'Dalian Beiwan Heavy Equipment Co.',
    organization_verified: true,
    expired: false,
    effective_target_regions: ['shanghai'],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    editable: false,
    ...overrides,
  };
}

export function matchView(overrides: Partial<MatchView> = {}): MatchView {
  return {
    listing: listingView({
      external_id: 'sh-fund-1',
      organization: 'sh-org-1',
      listing_type: 'fund_mandate',
      title: '高端装备产业基金投资意向',
      title_en: 'Advanced equipment fund mandate',
      region: 'shanghai',
      sectors: ['equipment'],
      amount_cny_min: 50_000_000,
      amount_cny_max: 300_000_000,
      organization_name: '上海装备基金',
      organization_name_en: 'Shanghai Equipment Fund',
      effective_target_regions: ['dalian'],
    }),
    score: 0.82,
    factors: [
      { name: 'sector', weight: 0.2, value: 1, contribution: 0.2 },
      { name: 'amount', weight: 0.14, value: 0.5, contribution: 0.07 },
    ],
    reasons: [{ factor: 'sector', zh: '同属装备制造行业', en: 'Both in equipment manufacturing' }],
    decision: null,
    ...overrides,
  };
}

export const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** Replaces `globalThis.fetch` with `handler`; returns the calls it saw. Restore with `vi.unstubAllGlobals()`. */
export function stubFetch(handler: (call: Call) => Response | Promise<Response>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(String(input), init);
      const url = new URL(request.url);
      const text = await request.text();
      const call = { method: request.method, path: url.pathname, query: url.searchParams, body: text ? (JSON.parse(text) as unknown) : undefined };
      calls.push(call);
      return handler(call);
    }),
  );
  return calls;
}
