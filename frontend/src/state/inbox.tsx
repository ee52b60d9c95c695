/**
 * The number of unread inbox items, for the badge in the header: asked again
 * on every navigation and every minute, and at once after marking items read.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { useAuth } from './auth';

export interface Unread {
  unread: number;
  refresh: () => Promise<void>;
  /** Sets the count from an answer that carries it (an inbox page). */
  setUnread: (count: number) => void;
}

const UnreadContext = createContext<Unread>({ unread: 0, refresh: async () => {}, setUnread: () => {} });

const POLL_MS = 60_000;

export function UnreadProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const userId = user?.id ?? null;
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const current = ++generation.current;
    if (userId === null) {
      setUnread(0);
      return;
    }
    try {
      const page = unwrap(await api.GET('/api/v1/inbox', { params: { query: { per_page: 1 } } }));
      if (generation.current === current) setUnread(page.unread);
    } catch {
      // the badge is a hint: keep the last count
    }
  }, [userId]);

  useEffect(() => {
    void refresh();
  }, [refresh, location.pathname]);

  useEffect(() => {
    if (userId === null) return undefined;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh, userId]);

  const value = useMemo(() => ({ unread, refresh, setUnread }), [unread, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnread(): Unread {
  return useContext(UnreadContext);
}
