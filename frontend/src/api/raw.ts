/**
 * Calls to endpoints the generated client does not have yet (announced, not
 * deployed), through the same session-aware fetch. Once `npm run gen:api`
 * picks an endpoint up, its callers move to `api.GET/POST`.
 */
import { session } from './client';
import { toApiError } from './errors';

function url(path: string): string {
  const base = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;
  return new URL(path, base).toString();
}

export async function requestJson<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const response = await session.fetch(new Request(url(path), init));
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) throw toApiError(response.status, parsed);
  return parsed as T;
}
