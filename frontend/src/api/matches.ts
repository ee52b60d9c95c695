/**
 * Suggested matches: a listing's (`GET /api/v1/listings/{id}/matches`), an
 * organization's recommendations across its listings
 * (`GET /api/v1/organizations/{id}/recommendations`), and the owners'
 * shortlist/dismiss decisions (`PUT`/`DELETE /api/v1/listings/{id}/matches/{candidate}`).
 */
import { api } from './client';
import { unwrap } from './errors';
import type { MatchDecision, MatchView } from './types';

export async function fetchMatches(listingId: string, limit = 10): Promise<MatchView[]> {
  const view = unwrap(await api.GET('/api/v1/listings/{id}/matches', { params: { path: { id: listingId }, query: { limit } } }));
  return view.matches;
}

/** Each match carries `for_listing`: which of the organization's listings it matches. */
export async function fetchRecommendations(organizationId: string, limit = 20): Promise<MatchView[]> {
  const view = unwrap(await api.GET('/api/v1/organizations/{id}/recommendations', { params: { path: { id: organizationId }, query: { limit } } }));
  return view.matches;
}

/** Shortlists or dismisses `candidate` as a match of `listingId`; a dismissed match is not proposed again. */
export async function decideMatch(listingId: string, candidate: string, decision: MatchDecision): Promise<void> {
  unwrap(await api.PUT('/api/v1/listings/{id}/matches/{candidate}', { params: { path: { id: listingId, candidate } }, body: { decision } }));
}

/** Forgets the decision on `candidate` (undoes a shortlist or a dismissal). */
export async function clearDecision(listingId: string, candidate: string): Promise<void> {
  unwrap(await api.DELETE('/api/v1/listings/{id}/matches/{candidate}', { params: { path: { id: listingId, candidate } } }));
}
