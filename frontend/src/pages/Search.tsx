/**
 * Search: the query box, facets as filters, highlighted results, pagination.
 * The whole state lives in the URL (`?q=…&sector=…&page=2`), so a search can be
 * shared, bookmarked and reloaded.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Checkbox, Col, Empty, Input, Pagination, Row, Select, Skeleton, Space, Typography } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { FACETS, emptyFilters, paramsFromQuery, queryFromParams, searchListings, type FacetName, type SearchQuery, type SortOrder } from '../api/search';
import { FacetFilter, type FacetOption } from '../components/FacetFilter';
import { ListingCard } from '../components/ListingCard';
import { ErrorAlert } from '../components/ErrorAlert';
import { SaveSearchButton } from '../components/SavedSearches';
import { useAuth } from '../state/auth';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useVocabulary, type TermKind } from '../state/taxonomy';

const PER_PAGE = 20;

/** Which vocabulary names each facet's values. */
const FACET_KIND: Record<FacetName, TermKind> = {
  listing_type: 'listing_type',
  sector: 'sector',
  region: 'region',
  target_region: 'region',
  org_type: 'org_type',
  mode: 'mode',
};

export default function Search() {
  const { t } = useI18n();
  const { label, options } = useVocabulary();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params, PER_PAGE), [params]);
  const key = paramsFromQuery(query).toString();
  const result = useAsync(() => searchListings(query), [key]);
  const [text, setText] = useState(query.q);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  usePageTitle(query.q ? `${query.q} · ${t('search.title')}` : t('search.title'));

  // Back/forward changes the URL: keep the box in step.
  useEffect(() => setText(query.q), [query.q]);

  const go = (next: Partial<SearchQuery>, options_: { focusResults?: boolean } = {}) => {
    const merged = { ...query, ...next };
    setParams(paramsFromQuery(merged));
    if (options_.focusResults) resultsHeading.current?.focus();
  };

  const setFacet = (facet: FacetName, values: string[]) => go({ filters: { ...query.filters, [facet]: values }, page: 1 });
  const anyFilter = FACETS.some((f) => query.filters[f].length > 0) || query.verified === true;
  const data = result.data;

  // The API's counts (disjunctive: a facet's own filter does not narrow it), once in; the vocabulary until then.
  const facetOptions = (facet: FacetName): FacetOption[] => {
    const counts = data?.facets[facet];
    if (counts) {
      // Sub-sectors only when chosen (from a listing's page, say): the parents already count them.
      const listed = counts.filter((c) => facet !== 'sector' || !c.value.includes('.') || query.filters.sector.includes(c.value)).map((c) => ({ value: c.value, label: label(FACET_KIND[facet], c.value), count: c.count }));
      const missing = query.filters[facet].filter((v) => !counts.some((c) => c.value === v)).map((v) => ({ value: v, label: label(FACET_KIND[facet], v), count: 0 }));
      return [...listed, ...missing];
    }
    return options(FACET_KIND[facet]);
  };

  const filters = (
    <aside aria-label={t('search.filters')} className={filtersOpen ? 'facets facets--open' : 'facets'}>
      <div className="facets__head">
        <h2 className="facets__title">{t('search.filters')}</h2>
        {anyFilter && (
          <Button type="link" size="small" onClick={() => go({ filters: emptyFilters(), verified: false, page: 1 })}>
            {t('search.clearFilters')}
          </Button>
        )}
      </div>
      <Checkbox className="facet-verified" checked={query.verified === true} onChange={(e) => go({ verified: e.target.checked, page: 1 })}>
        {t('search.verifiedOnly')}
      </Checkbox>
      {FACETS.map((facet) => ({ facet, options: facetOptions(facet) }))
        .filter(({ options: shown }) => shown.length > 0)
        .map(({ facet, options: shown }) => (
          <FacetFilter
            key={facet}
            name={facet}
            title={t(`search.facet.${facet}` as MessageKey)}
            options={shown}
            selected={query.filters[facet]}
            onChange={(values) => setFacet(facet, values)}
          />
        ))}
    </aside>
  );

  return (
    <div className="search-page">
      <h1>{t('search.title')}</h1>
      <div role="search" className="search-box">
        <label htmlFor="search-q" className="visually-hidden">
          {t('search.label')}
        </label>
        <Input.Search
          id="search-q"
          size="large"
          value={text}
          allowClear
          placeholder={t('search.placeholder')}
          enterButton={t('common.search')}
          onChange={(e) => setText(e.target.value)}
          onSearch={(value) => go({ q: value, page: 1 })}
        />
      </div>
      <Button className="facets-toggle" icon={<FilterOutlined aria-hidden />} aria-expanded={filtersOpen} onClick={() => setFiltersOpen(!filtersOpen)}>
        {t('search.showFilters')}
      </Button>
      <Row gutter={[24, 16]}>
        <Col xs={24} md={7} lg={6}>
          {filters}
        </Col>
        <Col xs={24} md={17} lg={18}>
          <section aria-labelledby="results-heading">
            <h2 id="results-heading" ref={resultsHeading} tabIndex={-1} className="results-heading" aria-live="polite">
              {data ? (
                <>
                  {t('search.results', { total: data.total })}
                  <Typography.Text type="secondary"> · {t('search.took', { ms: Math.round(data.took_ms) })}</Typography.Text>
                </>
              ) : (
                t('app.loading')
              )}
            </h2>
            {data && (
              <div className="results-toolbar">
                <label htmlFor="search-sort">{t('search.sort.label')}</label>
                <Select<SortOrder>
                  id="search-sort"
                  size="small"
                  value={query.sort ?? 'relevance'}
                  onChange={(sort) => go({ sort, page: 1 })}
                  options={[
                    { value: 'relevance', label: t('search.sort.relevance') },
                    { value: 'newest', label: t('search.sort.newest') },
                  ]}
                  style={{ minWidth: 120 }}
                />
                {user && <SaveSearchButton query={query} />}
              </div>
            )}
            {result.error ? (
              <ErrorAlert error={result.error} onRetry={result.reload} />
            ) : result.loading && !data ? (
              <Skeleton active />
            ) : data && data.hits.length === 0 ? (
              <Empty description={t('search.noResults')} />
            ) : (
              <Space direction="vertical" size={12} className={result.loading ? 'results results--loading' : 'results'} aria-busy={result.loading}>
                {data?.hits.map((hit) => <ListingCard key={hit.listing.external_id} listing={hit.listing} highlight={hit} />)}
              </Space>
            )}
            {data && data.total > data.per_page && (
              <nav aria-label={t('search.page', { page: query.page })} className="pagination">
                <Pagination
                  current={query.page}
                  pageSize={data.per_page}
                  total={Math.min(data.total, 10_000)}
                  showSizeChanger={false}
                  onChange={(page) => go({ page }, { focusResults: true })}
                />
              </nav>
            )}
          </section>
        </Col>
      </Row>
    </div>
  );
}
