/**
 * The platform's vocabularies from `GET /api/v1/taxonomy`, loaded once, and
 * the bilingual names of every slug (sectors with sub-sectors, regions,
 * listing types, modes, organization types, ownerships).
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { TaxonomyView, Term } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

export type TermKind = 'sector' | 'region' | 'listing_type' | 'mode' | 'org_type' | 'ownership';

export interface Vocabulary {
  taxonomy: TaxonomyView | null;
  /** The slug's name in the UI language; the slug itself if unknown. */
  label: (kind: TermKind, slug: string) => string;
  /** `{value, label}` options of a kind, in the taxonomy's order. */
  options: (kind: TermKind) => Array<{ value: string; label: string }>;
}

type Names = Map<string, { zh: string; en: string }>;

export function buildNames(taxonomy: TaxonomyView): Record<TermKind, Names> {
  const fromTerms = (terms: Term[]): Names => new Map(terms.map((t) => [t.slug, { zh: t.zh, en: t.en }]));
  const sectors: Names = new Map();
  for (const sector of taxonomy.sectors) {
    sectors.set(sector.slug, { zh: sector.zh, en: sector.en });
    for (const sub of sector.subsectors) sectors.set(`${sector.slug}.${sub.slug}`, { zh: sub.zh, en: sub.en });
  }
  return {
    sector: sectors,
    region: fromTerms(taxonomy.regions),
    listing_type: fromTerms(taxonomy.listing_types),
    mode: fromTerms(taxonomy.modes),
    org_type: fromTerms(taxonomy.org_types),
    ownership: fromTerms(taxonomy.ownerships),
  };
}

const TaxonomyContext = createContext<TaxonomyView | null>(null);

let cached: Promise<TaxonomyView> | null = null;
function loadTaxonomy(): Promise<TaxonomyView> {
  cached ??= api
    .GET('/api/v1/taxonomy')
    .then(unwrap)
    .catch((error: unknown) => {
      cached = null;
      throw error;
    });
  return cached;
}

/** Loads the taxonomy; `value` skips the request (tests). */
export function TaxonomyProvider({ children, value }: { children: ReactNode; value?: TaxonomyView }) {
  const [taxonomy, setTaxonomy] = useState<TaxonomyView | null>(value ?? null);
  useEffect(() => {
    if (value) return;
    let live = true;
    const attempt = (delay: number) => {
      loadTaxonomy()
        .then((t) => live && setTaxonomy(t))
        .catch(() => {
          if (live) window.setTimeout(() => attempt(Math.min(delay * 2, 30_000)), delay);
        });
    };
    attempt(1000);
    return () => {
      live = false;
    };
  }, [value]);
  return <TaxonomyContext.Provider value={taxonomy}>{children}</TaxonomyContext.Provider>;
}

export function useVocabulary(): Vocabulary {
  const taxonomy = useContext(TaxonomyContext);
  const { locale } = useI18n();
  return useMemo(() => {
    const names = taxonomy ? buildNames(taxonomy) : null;
    const label = (kind: TermKind, slug: string) => {
      const name = names?.[kind].get(slug);
      if (!name) return slug;
      return locale === 'en' ? name.en : name.zh;
    };
    const options = (kind: TermKind) => {
      if (!names) return [];
      const entries = [...names[kind].entries()];
      const top = kind === 'sector' ? entries.filter(([slug]) => !slug.includes('.')) : entries;
      return top.map(([value, name]) => ({ value, label: locale === 'en' ? name.en : name.zh }));
    };
    return { taxonomy, label, options };
  }, [taxonomy, locale]);
}
