import { describe, expect, it, vi } from 'vitest';
import { Session, type AuthSessionWire } from './session';

const user = { id: 7, email: 'a@example.com', display_name: 'A', role: 'member', created_at: '2026-01-01T00:00:00Z' };

function auth(access: string, refresh: string): AuthSessionWire {
  return { access_token: access, refresh_token: refresh, token_type: 'Bearer', expires_in: 900, user };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    map,
  };
}

/** A fake API: `/me` needs the token `valid`; refresh turns `r1` into `valid`/`r2` once. */
function fakeApi(options: { refreshFails?: boolean } = {}) {
  const calls: string[] = [];
  let refreshUsed = false;
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    const authz = request.headers.get('Authorization');
    calls.push(`${request.method} ${url.pathname} ${authz ?? '-'}`);
    if (url.pathname === '/api/v1/auth/refresh') {
      const body = (await request.json()) as { refresh_token: string };
      if (options.refreshFails || refreshUsed || body.refresh_token !== 'r1') return json(401, { error: { code: 'invalid_refresh_token', message: 'no' } });
      refreshUsed = true;
      return json(200, auth('valid', 'r2'));
    }
    if (url.pathname === '/api/v1/me') {
      if (authz === 'Bearer valid') return json(200, { user, memberships: [] });
      if (authz === 'Bearer stale') return json(401, { error: { code: 'token_expired', message: 'expired' } });
      if (authz === 'Bearer forged') return json(401, { error: { code: 'invalid_token', message: 'bad' } });
      return json(401, { error: { code: 'login_required', message: 'log in' } });
    }
    if (url.pathname === '/api/v1/listings' && request.method === 'POST') {
      const body = await request.text();
      return authz === 'Bearer valid' ? json(201, { echoed: body }) : json(401, { error: { code: 'token_expired', message: 'expired' } });
    }
    return json(404, { error: { code: 'route_not_found', message: '' } });
  });
  return { fetch, calls };
}

function sessionWith(api: ReturnType<typeof fakeApi>, access = 'stale') {
  const storage = memoryStorage();
  const session = new Session({ fetch: api.fetch, storage, baseUrl: 'http://test', now: () => 1_000_000 });
  session.start(auth(access, 'r1'));
  return { session, storage };
}

describe('Session.fetch', () => {
  it('adds the bearer token', async () => {
    const api = fakeApi();
    const { session } = sessionWith(api, 'valid');
    const response = await session.fetch(new Request('http://test/api/v1/me'));
    expect(response.status).toBe(200);
    expect(api.calls).toEqual(['GET /api/v1/me Bearer valid']);
  });

  it('on 401 token_expired refreshes once, then retries with the new token', async () => {
    const api = fakeApi();
    const { session, storage } = sessionWith(api);
    const response = await session.fetch(new Request('http://test/api/v1/me'));
    expect(response.status).toBe(200);
    expect(api.calls).toEqual(['GET /api/v1/me Bearer stale', 'POST /api/v1/auth/refresh -', 'GET /api/v1/me Bearer valid']);
    expect(session.value?.refresh_token).toBe('r2');
    expect(JSON.parse(storage.map.get('hulian.session')!).access_token).toBe('valid');
  });

  it('retries a request with a body, body intact', async () => {
    const api = fakeApi();
    const { session } = sessionWith(api);
    const response = await session.fetch(new Request('http://test/api/v1/listings', { method: 'POST', body: '{"title":"港口"}', headers: { 'Content-Type': 'application/json' } }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ echoed: '{"title":"港口"}' });
  });

  it('shares one refresh among concurrent requests (a refresh token works once)', async () => {
    const api = fakeApi();
    const { session } = sessionWith(api);
    const responses = await Promise.all([1, 2, 3].map(() => session.fetch(new Request('http://test/api/v1/me'))));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(api.calls.filter((c) => c.includes('/auth/refresh'))).toHaveLength(1);
  });

  it('does not refresh on other 401s', async () => {
    const api = fakeApi();
    const storage = memoryStorage();
    const session = new Session({ fetch: api.fetch, storage, baseUrl: 'http://test' });
    const response = await session.fetch(new Request('http://test/api/v1/me'));
    expect(response.status).toBe(401);
    expect(api.calls).toEqual(['GET /api/v1/me -']);
  });

  it('signs out when the refresh fails, and answers the retry as a visitor', async () => {
    const api = fakeApi({ refreshFails: true });
    const { session, storage } = sessionWith(api);
    const listener = vi.fn();
    session.subscribe(listener);
    const response = await session.fetch(new Request('http://test/api/v1/me'));
    expect(response.status).toBe(401);
    expect(session.value).toBeNull();
    expect(storage.map.has('hulian.session')).toBe(false);
    expect(listener).toHaveBeenCalledWith(null);
    expect(api.calls).toEqual(['GET /api/v1/me Bearer stale', 'POST /api/v1/auth/refresh -', 'GET /api/v1/me -']);
  });

  it('drops a token the server will never accept and retries as a visitor', async () => {
    const api = fakeApi();
    const { session } = sessionWith(api, 'forged');
    await session.fetch(new Request('http://test/api/v1/me'));
    expect(session.value).toBeNull();
    expect(api.calls).toEqual(['GET /api/v1/me Bearer forged', 'GET /api/v1/me -']);
  });

  it('refreshes ahead of time when the access token is about to expire', async () => {
    const api = fakeApi();
    let now = 1_000_000;
    const session = new Session({ fetch: api.fetch, storage: memoryStorage(), baseUrl: 'http://test', now: () => now });
    session.start(auth('stale', 'r1'));
    now += 900_000; // 15 minutes later
    const response = await session.fetch(new Request('http://test/api/v1/me'));
    expect(response.status).toBe(200);
    expect(api.calls).toEqual(['POST /api/v1/auth/refresh -', 'GET /api/v1/me Bearer valid']);
  });

  it('adopts a session another tab refreshed instead of reusing the old refresh token', async () => {
    const api = fakeApi();
    const { session, storage } = sessionWith(api);
    // the other tab rotated r1 → r2 and stored the result
    storage.setItem('hulian.session', JSON.stringify({ access_token: 'valid', refresh_token: 'r2', expires_at: 9_999_999_999, user }));
    const response = await session.fetch(new Request('http://test/api/v1/me'));
    expect(response.status).toBe(200);
    expect(api.calls.some((c) => c.includes('/auth/refresh'))).toBe(false);
  });

  it('logout revokes the refresh token and forgets the session', async () => {
    const api = fakeApi();
    const { session } = sessionWith(api, 'valid');
    await session.logout();
    expect(session.value).toBeNull();
    expect(api.calls).toEqual(['POST /api/v1/auth/logout -']);
  });
});
