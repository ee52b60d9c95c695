/**
 * The typed API client, generated from the OpenAPI document (`npm run gen:api`),
 * wired to the session so every call carries the bearer token and survives an
 * expired access token.
 */
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { Session } from '../auth/session';

export type Api = ReturnType<typeof createClient<paths>>;

export function createApi(session: Session, baseUrl = typeof window === 'undefined' ? 'http://localhost' : window.location.origin): Api {
  return createClient<paths>({ baseUrl, fetch: session.fetch });
}

export const session = new Session();
export const api: Api = createApi(session);
