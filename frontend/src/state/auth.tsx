/**
 * Who is signed in: the session (tokens in localStorage, refreshed on demand),
 * the account and its organizations from `GET /api/v1/me`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, session as defaultSession } from '../api/client';
import { unwrap } from '../api/errors';
import type { MeView, UserView } from '../api/types';
import type { Session, StoredSession } from '../auth/session';

export interface Auth {
  user: UserView | null;
  me: MeView | null;
  /** True until the stored session has been checked against the API. */
  loading: boolean;
  isAdmin: boolean;
  isPromoter: boolean;
  signIn: (email: string, password: string) => Promise<UserView>;
  signUp: (input: { email: string; password: string; display_name: string }) => Promise<UserView>;
  signOut: () => Promise<void>;
  reloadMe: () => Promise<MeView | null>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children, session = defaultSession }: { children: ReactNode; session?: Session }) {
  const [stored, setStored] = useState<StoredSession | null>(session.value);
  const [me, setMe] = useState<MeView | null>(null);
  const [loading, setLoading] = useState<boolean>(session.value !== null);

  useEffect(() => session.subscribe(setStored), [session]);

  // Another tab signed in, out, or refreshed.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key === 'hulian.session') session.syncFromStorage();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [session]);

  const reloadMe = useCallback(async () => {
    if (!session.value) {
      setMe(null);
      return null;
    }
    try {
      const result = unwrap(await api.GET('/api/v1/me'));
      setMe(result);
      return result;
    } catch {
      setMe(null);
      return null;
    } finally {
      setLoading(false);
    }
  }, [session]);

  const userId = stored?.user.id ?? null;
  useEffect(() => {
    if (userId === null) {
      setMe(null);
      setLoading(false);
      return;
    }
    void reloadMe();
  }, [userId, reloadMe]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const auth = unwrap(await api.POST('/api/v1/auth/login', { body: { email, password } }));
      session.start(auth);
      return auth.user;
    },
    [session],
  );

  const signUp = useCallback(
    async (input: { email: string; password: string; display_name: string }) => {
      const auth = unwrap(await api.POST('/api/v1/auth/register', { body: input }));
      session.start(auth);
      return auth.user;
    },
    [session],
  );

  const signOut = useCallback(async () => {
    await session.logout();
    setMe(null);
  }, [session]);

  const value = useMemo<Auth>(() => {
    const user = me?.user ?? stored?.user ?? null;
    return {
      user,
      me,
      loading,
      isAdmin: user?.role === 'admin',
      isPromoter: user?.role === 'admin' || user?.role === 'promoter',
      signIn,
      signUp,
      signOut,
      reloadMe,
    };
  }, [me, stored, loading, signIn, signUp, signOut, reloadMe]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside <AuthProvider>');
  return value;
}
