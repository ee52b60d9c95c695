/**
 * The session: an access token (15 minutes) and a rotating, single-use refresh
 * token, kept in localStorage so a reload keeps the user signed in.
 *
 * `session.fetch` is the fetch every API call goes through: it adds the bearer
 * token, and on a 401 `token_expired` refreshes once (one refresh in flight at
 * a time, since a refresh token works only once) and retries the request.
 */
import type { components } from '../api/schema';

export type AuthSessionWire = components['schemas']['AuthSession'];
export type UserWire = components['schemas']['UserView'];

export interface StoredSession {
  access_token: string;
  refresh_token: string;
  /** Epoch milliseconds after which the access token is expired. */
  expires_at: number;
  user: UserWire;
}

export interface SessionOptions {
  fetch?: (request: Request) => Promise<Response>;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  storageKey?: string;
  now?: () => number;
  /** Where `/api/v1/auth/refresh` lives; defaults to the page's origin. */
  baseUrl?: string;
}

type Listener = (session: StoredSession | null) => void;

/** Refresh a little before the access token actually expires. */
const EXPIRY_MARGIN_MS = 20_000;

export function fromAuthSession(auth: AuthSessionWire, now: number): StoredSession {
  return {
    access_token: auth.access_token,
    refresh_token: auth.refresh_token,
    expires_at: now + auth.expires_in * 1000,
    user: auth.user,
  };
}

function parseStored(text: string | null): StoredSession | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredSession>;
    if (typeof value.access_token === 'string' && typeof value.refresh_token === 'string' && typeof value.expires_at === 'number' && value.user) {
      return value as StoredSession;
    }
  } catch {
    // a corrupt entry is the same as none
  }
  return null;
}

async function errorCode(response: Response): Promise<string | null> {
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown } };
    return typeof body.error?.code === 'string' ? body.error.code : null;
  } catch {
    return null;
  }
}

export class Session {
  private current: StoredSession | null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly rawFetch: (request: Request) => Promise<Response>;
  private readonly storage: SessionOptions['storage'];
  private readonly storageKey: string;
  private readonly now: () => number;
  private readonly baseUrl: string;

  constructor(options: SessionOptions = {}) {
    this.rawFetch = options.fetch ?? ((request) => globalThis.fetch(request));
    this.storage = options.storage === undefined ? safeLocalStorage() : options.storage;
    this.storageKey = options.storageKey ?? 'hulian.session';
    this.now = options.now ?? Date.now;
    this.baseUrl = options.baseUrl ?? (typeof window === 'undefined' ? 'http://localhost' : window.location.origin);
    this.current = parseStored(this.readStorage());
  }

  get value(): StoredSession | null {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After register, login or refresh. */
  start(auth: AuthSessionWire): void {
    this.set(fromAuthSession(auth, this.now()));
  }

  clear(): void {
    this.set(null);
  }

  /** Another tab changed the stored session: adopt it. */
  syncFromStorage(): void {
    const stored = parseStored(this.readStorage());
    if (stored?.refresh_token !== this.current?.refresh_token) {
      this.current = stored;
      this.emit();
    }
  }

  /** Exchanges the refresh token for a new pair; concurrent callers share one request. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Ends the session here and on the server. */
  async logout(): Promise<void> {
    const session = this.current;
    this.clear();
    if (!session) return;
    try {
      await this.rawFetch(
        new Request(`${this.baseUrl}/api/v1/auth/logout`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refresh_token: session.refresh_token }),
        }),
      );
    } catch {
      // signed out locally all the same
    }
  }

  /** The fetch the API client uses. */
  readonly fetch = async (request: Request): Promise<Response> => {
    if (request.headers.has('Authorization') || !this.current) return this.rawFetch(request);
    if (this.current.expires_at - EXPIRY_MARGIN_MS <= this.now()) await this.refresh();
    const retry = request.clone();
    const sentToken = this.current?.access_token;
    const response = await this.rawFetch(this.authorized(request, sentToken));
    if (response.status !== 401 || !sentToken) return response;
    const code = await errorCode(response);
    if (code === 'token_expired') {
      // Another request may already have refreshed while this one was in flight.
      const refreshed = this.current?.access_token !== sentToken ? true : await this.refresh();
      if (refreshed && this.current) return this.rawFetch(this.authorized(retry, this.current.access_token));
      return this.rawFetch(retry);
    }
    if (code === 'invalid_token') {
      // The token will never work again (e.g. the server's key changed): sign out, try as a visitor.
      this.clear();
      return this.rawFetch(retry);
    }
    return response;
  };

  private authorized(request: Request, token: string | undefined): Request {
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  }

  private async doRefresh(): Promise<boolean> {
    // Another tab may have rotated the token already: use its result.
    const stored = parseStored(this.readStorage());
    if (stored && this.current && stored.refresh_token !== this.current.refresh_token && stored.expires_at - EXPIRY_MARGIN_MS > this.now()) {
      this.current = stored;
      this.emit();
      return true;
    }
    const session = this.current;
    if (!session) return false;
    let response: Response;
    try {
      response = await this.rawFetch(
        new Request(`${this.baseUrl}/api/v1/auth/refresh`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ refresh_token: session.refresh_token }),
        }),
      );
    } catch {
      return false; // offline: keep the session, the next call tries again
    }
    if (!response.ok) {
      if (response.status === 401 || response.status === 422) this.clear();
      return false;
    }
    this.start((await response.json()) as AuthSessionWire);
    return true;
  }

  private set(session: StoredSession | null): void {
    this.current = session;
    try {
      if (session) this.storage?.setItem(this.storageKey, JSON.stringify(session));
      else this.storage?.removeItem(this.storageKey);
    } catch {
      // storage full or unavailable: the session still lives in memory
    }
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.current);
  }

  private readStorage(): string | null {
    try {
      return this.storage?.getItem(this.storageKey) ?? null;
    } catch {
      return null;
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
