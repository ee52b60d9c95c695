import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Result, Spin } from 'antd';
import { useAuth } from '../state/auth';
import { useI18n } from '../i18n/I18nProvider';

/** Sends visitors to sign in (and back here afterwards); `admin` also requires the admin role. */
export function RequireAuth({ children, admin = false }: { children: ReactNode; admin?: boolean }) {
  const { user, loading, isAdmin } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace state={{ reason: 'auth.required' }} />;
  }
  if (admin && loading) return <Spin />;
  if (admin && !isAdmin) return <Result status="403" title={t('auth.adminRequired')} />;
  return <>{children}</>;
}
