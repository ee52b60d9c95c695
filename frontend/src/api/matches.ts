/**
 * Suggested matches of a listing, built for `GET /api/v1/listings/{id}/matches`
 * and its shortlist/dismiss actions. While the API does not have the endpoint
 * (404 `route_not_found`), `fetchMatches` answers null and the panel hides.
 */
import { requestJson } from './raw';
import { ApiError } from './errors';
import { fillPath, findEndpoint, hasEndpoint } from './capabilities';

export const MATCHES_PATH = '/api/v1/listings/{id}/matches';
import { isMissingRoute } from './search';
import type { GetJsonOr, ListingView } from './types';

export interface MatchFactor {
  name: string;
  weight: number;
  value: number;
  contribution: number;
}

export interface MatchReason {
  zh: string;
  en: string;
}

export type MatchDecision = 'shortlisted' | 'dismissed' | null;

export interface Match {
  listing: ListingView;
  score: number;
  factors: MatchFactor[];
  reasons: MatchReason[];
  decision: MatchDecision;
}

/** The answer as the matching endpoint was announced; the generated type replaces it once the API has it. */
interface AnnouncedMatchesResponse {
  query?: unknown;
  matches: Array<{ listing: ListingView; score: number; factors: MatchFactor[]; reasons: MatchReason[]; decision?: string | null }>;
}
export type MatchesWire = GetJsonOr<typeof MATCHES_PATH, AnnouncedMatchesResponse>;

type Loose = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function normalizeMatches(wire: MatchesWire): Match[] {
  const body = wire as unknown as Loose;
  const list = Array.isArray(body.matches) ? body.matches : [];
  return list
    .map((raw) => raw as Loose)
    .filter((m) => typeof m.listing === 'object' && m.listing !== null)
    .map((m) => {
      const decision = m.decision ?? m.state ?? null;
      return {
        listing: m.listing as ListingView,
        score: num(m.score),
        factors: (Array.isArray(m.factors) ? m.factors : []).map((f) => {
          const factor = f as Loose;
          return { name: String(factor.name ?? ''), weight: num(factor.weight), value: num(factor.value), contribution: num(factor.contribution) };
        }),
        reasons: (Array.isArray(m.reasons) ? m.reasons : []).map((r) => {
          if (typeof r === 'string') return { zh: r, en: r };
          const reason = r as Loose;
          return { zh: String(reason.zh ?? reason.en ?? ''), en: String(reason.en ?? reason.zh ?? '') };
        }),
        decision: decision === 'shortlisted' || decision === 'shortlist' ? 'shortlisted' : decision === 'dismissed' || decision === 'dismiss' ? 'dismissed' : null,
      };
    });
}

/** The matches, or null when the API has no matching endpoint yet. */
export async function fetchMatches(listingId: string, limit = 10): Promise<Match[] | null> {
  if ((await hasEndpoint(MATCHES_PATH)) === false) return null;
  try {
    const wire = await requestJson<MatchesWire>('GET', `/api/v1/listings/${encodeURIComponent(listingId)}/matches?limit=${limit}`);
    return normalizeMatches(wire);
  } catch (error) {
    if (isMissingRoute(error)) return null;
    throw error;
  }
}

/**
 * Where shortlisting and dismissing live: the first POST or PUT path of the
 * API mentioning `shortlist` / `dismiss`, its parameters filled in order
 * (this listing, then the other); null while the API has none.
 */
async function decisionEndpoint(decision: 'shortlist' | 'dismiss'): Promise<{ path: string; method: 'POST' | 'PUT' } | null> {
  const pattern = decision === 'shortlist' ? /shortlist/ : /dismiss/;
  const post = await findEndpoint(pattern, 'post');
  if (post) return { path: post, method: 'POST' };
  const put = await findEndpoint(pattern, 'put');
  return put ? { path: put, method: 'PUT' } : null;
}

/** Whether the API can shortlist and dismiss matches. */
export async function canDecideMatches(): Promise<boolean> {
  return (await decisionEndpoint('shortlist')) !== null;
}

/** Shortlists or dismisses one suggested listing for this listing. */
export async function decideMatch(listingId: string, otherId: string, decision: 'shortlist' | 'dismiss'): Promise<void> {
  const endpoint = await decisionEndpoint(decision);
  if (!endpoint) throw new ApiError(404, { code: 'route_not_found', message: `no ${decision} endpoint` });
  const hasOtherInPath = (endpoint.path.match(/\{/g) ?? []).length >= 2;
  const path = fillPath(endpoint.path, [listingId, otherId]);
  await requestJson<unknown>(endpoint.method, path, hasOtherInPath ? undefined : { listing: otherId });
}
