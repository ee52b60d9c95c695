/**
 * The current language, `t()` for UI strings, and the side effects of a switch:
 * `<html lang>`, the saved choice, Ant Design's and dayjs's locale.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { MESSAGES, format, type MessageKey } from './messages';
import { initialLocale, saveLocale, type Locale } from './locale';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** Picks the text of a bilingual pair: English when available and wanted. */
  pick: (zhText: string, enText: string | null | undefined) => string;
}

export function makeTranslate(locale: Locale): Translate {
  const table = MESSAGES[locale];
  return (key, vars) => format(table[key], vars);
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    saveLocale(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const t = makeTranslate(locale);
    const pick = (zhText: string, enText: string | null | undefined) => (locale === 'en' && enText ? enText : zhText);
    return { locale, setLocale, t, pick };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}
