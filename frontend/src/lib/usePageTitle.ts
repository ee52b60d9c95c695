import { useEffect } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** Sets the document title: "page · 沪连" (or "page · Hulian"). */
export function usePageTitle(title: string | null | undefined): void {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} · ${app}` : t('app.fullName');
  }, [title, app, t]);
}
