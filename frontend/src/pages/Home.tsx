/**
 * Home: the search box, entry points for each kind of user, headline figures
 * by sector and region, and what's new.
 */
import { lazy, Suspense, useMemo } from 'react';
import { Card, Col, Input, Row, Skeleton, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { fetchFigures, type Figures } from '../api/figures';
import { ListingCard } from '../components/ListingCard';
import { LinkButton } from '../components/LinkButton';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useVocabulary } from '../state/taxonomy';
import type { ChartOption } from '../components/Chart';

const Chart = lazy(() => import('../components/Chart'));

interface Entry {
  key: 'enterprise' | 'promoter' | 'park' | 'fund' | 'office';
  to: string;
}

const ENTRIES: Entry[] = [
  { key: 'enterprise', to: '/listings/new?type=need' },
  { key: 'promoter', to: '/search' },
  { key: 'park', to: '/listings/new?type=park_space' },
  { key: 'fund', to: '/listings/new?type=fund_mandate' },
  { key: 'office', to: '/admin' },
];

function FigureCharts({ figures }: { figures: Figures }) {
  const { t, locale } = useI18n();
  const { label } = useVocabulary();
  const navigate = useNavigate();
  const sectorOption = useMemo<ChartOption>(() => {
    const rows = [...figures.bySector].reverse();
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => label('sector', r.value)), axisLabel: { width: locale === 'en' ? 150 : 110, overflow: 'truncate' } },
      series: [{ type: 'bar', name: t('home.chartListings'), data: rows.map((r) => r.count), itemStyle: { color: '#1d4ed8' } }],
    } as ChartOption;
  }, [figures, label, t, locale]);
  const regionOption = useMemo<ChartOption>(
    () =>
      ({
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        legend: { bottom: 0, type: 'scroll' },
        series: [
          {
            type: 'pie',
            name: t('home.chartListings'),
            radius: ['35%', '65%'],
            center: ['50%', '45%'],
            data: figures.byRegion.map((r) => ({ name: label('region', r.value), value: r.count })),
            label: { formatter: '{b}\n{c}' },
          },
        ],
      }) as ChartOption,
    [figures, label, t],
  );
  const sectorSlugByName = new Map(figures.bySector.map((r) => [label('sector', r.value), r.value]));
  const summary = (rows: Figures['bySector'], kind: 'sector' | 'region') => rows.map((r) => `${label(kind, r.value)} ${r.count}`).join(', ');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card title={<h3 className="card-heading">{t('home.bySector')}</h3>} size="small">
          <Suspense fallback={<Skeleton active />}>
            <Chart
              option={sectorOption}
              height={Math.max(280, figures.bySector.length * 22)}
              label={`${t('home.bySector')}: ${summary(figures.bySector, 'sector')}`}
              onItemClick={(name) => {
                const slug = sectorSlugByName.get(name);
                if (slug) navigate(`/search?sector=${encodeURIComponent(slug)}`);
              }}
            />
          </Suspense>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={<h3 className="card-heading">{t('home.byRegion')}</h3>} size="small">
          <Suspense fallback={<Skeleton active />}>
            <Chart option={regionOption} height={320} label={`${t('home.byRegion')}: ${summary(figures.byRegion, 'region')}`} />
          </Suspense>
        </Card>
      </Col>
    </Row>
  );
}

export default function Home() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  usePageTitle(null);
  const latest = useAsync(() => api.GET('/api/v1/listings', { params: { query: { per_page: 6 } } }).then(unwrap), []);
  const figures = useAsync(fetchFigures, []);
  const numberFormat = new Intl.NumberFormat(locale);

  return (
    <div className="home">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title" className="hero__title">
          {t('home.heroTitle')}
        </h1>
        <p className="hero__text">{t('home.heroText')}</p>
        <div role="search" className="hero__search">
          <label htmlFor="home-q" className="visually-hidden">
            {t('home.searchLabel')}
          </label>
          <Input.Search id="home-q" name="q" size="large" placeholder={t('home.searchPlaceholder')} enterButton={t('common.search')} onSearch={(q) => navigate(q.trim() ? `/search?q=${encodeURIComponent(q.trim())}` : '/search')} />
        </div>
      </section>

      <section aria-labelledby="entry-title" className="section">
        <h2 id="entry-title">{t('home.entryPoints')}</h2>
        <Row gutter={[16, 16]}>
          {ENTRIES.map((entry) => (
            <Col xs={24} sm={12} lg={8} key={entry.key} className="entry-col">
              <Card size="small" className="entry-card">
                <h3 className="card-heading">{t(`home.entry.${entry.key}.title` as MessageKey)}</h3>
                <p>{t(`home.entry.${entry.key}.text` as MessageKey)}</p>
                <LinkButton to={entry.to}>{t(`home.entry.${entry.key}.action` as MessageKey)}</LinkButton>
              </Card>
            </Col>
          ))}
        </Row>
      </section>

      <section aria-labelledby="figures-title" className="section">
        <h2 id="figures-title">{t('home.figures')}</h2>
        {figures.error ? (
          <Typography.Paragraph type="secondary">{t('home.chartsUnavailable')}</Typography.Paragraph>
        ) : !figures.data ? (
          <Skeleton active />
        ) : (
          <>
            <Row gutter={[16, 16]} className="figures">
              <Col xs={24} sm={8}>
                <Card size="small">
                  <Statistic title={t('home.figureListings')} value={figures.data.listings} formatter={(v) => numberFormat.format(Number(v))} />
                </Card>
              </Col>
              <Col xs={12} sm={8}>
                <Card size="small">
                  <Statistic title={t('home.figureOrganizations')} value={figures.data.organizations} formatter={(v) => numberFormat.format(Number(v))} />
                </Card>
              </Col>
              <Col xs={12} sm={8}>
                <Card size="small">
                  <Statistic title={t('home.figureVerified')} value={figures.data.verifiedOrganizations} formatter={(v) => numberFormat.format(Number(v))} />
                </Card>
              </Col>
            </Row>
            <FigureCharts figures={figures.data} />
          </>
        )}
      </section>

      <section aria-labelledby="new-title" className="section">
        <div className="section__head">
          <h2 id="new-title">{t('home.whatsNew')}</h2>
          <LinkButton to="/search" type="link">
            {t('home.viewAll')}
          </LinkButton>
        </div>
        {latest.error ? (
          <ErrorAlert error={latest.error} onRetry={latest.reload} />
        ) : !latest.data ? (
          <Skeleton active />
        ) : (
          <Row gutter={[16, 16]}>
            {latest.data.items.map((listing) => (
              <Col xs={24} md={12} xl={8} key={listing.external_id}>
                <ListingCard listing={listing} />
              </Col>
            ))}
          </Row>
        )}
      </section>
    </div>
  );
}
