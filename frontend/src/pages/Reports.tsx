/**
 * Reports for the coordinating offices (promoters and admins): cooperations
 * grouped by one or two of stage, sector, region, period and key project,
 * over a date range placed by the start or the signing date; a table, a chart
 * and the same figures as CSV. The whole query lives in the URL.
 */
import { lazy, Suspense } from 'react';
import { Card, DatePicker, Result, Segmented, Select, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { Basis, Dimension, Period, ReportQuery } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { CsvButton, ReportTable, useReportChart } from '../components/ReportTable';
import { StageTag } from '../components/CooperationTimeline';
import { useI18n } from '../i18n/I18nProvider';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';

const Chart = lazy(() => import('../components/Chart'));

export const DIMENSIONS: readonly Dimension[] = ['stage', 'sector', 'region', 'period', 'key_project'];
const PERIODS: readonly Period[] = ['month', 'quarter', 'year'];
const BASES: readonly Basis[] = ['started', 'signed'];
const isDate = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The page's URL → the report query (unknown values dropped; `stage` grouping by default). */
export function reportQueryFromParams(params: URLSearchParams): ReportQuery {
  const dims = (params.get('group_by') ?? 'stage')
    .split(',')
    .filter((d): d is Dimension => (DIMENSIONS as readonly string[]).includes(d))
    .filter((d, i, all) => all.indexOf(d) === i)
    .slice(0, 2);
  const query: ReportQuery = { group_by: (dims.length > 0 ? dims : ['stage']).join(',') };
  const period = params.get('period');
  if (period && (PERIODS as readonly string[]).includes(period)) query.period = period as Period;
  const basis = params.get('basis');
  if (basis && (BASES as readonly string[]).includes(basis)) query.basis = basis as Basis;
  const from = params.get('from');
  const to = params.get('to');
  if (isDate(from)) query.from = from;
  if (isDate(to)) query.to = to;
  return query;
}

export default function Reports() {
  const { t } = useI18n();
  const { isPromoter, loading } = useAuth();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('report.title'));
  const query = reportQueryFromParams(params);
  const key = JSON.stringify(query);
  const report = useAsync(
    () => (isPromoter ? api.GET('/api/v1/reports/cooperations', { params: { query } }).then(unwrap) : Promise.resolve(undefined)),
    [key, isPromoter],
  );
  const chart = useReportChart(report.data);
  const dims = (query.group_by ?? 'stage').split(',') as Dimension[];

  if (!isPromoter) {
    if (loading) return <Skeleton active />;
    return <Result status="403" title={t('error.forbidden')} />;
  }

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next);
  };
  const setDims = (first: Dimension, second: Dimension | undefined) => update({ group_by: [first, second].filter((d, i, all) => d && all.indexOf(d) === i).join(',') });
  const dimOptions = DIMENSIONS.map((d) => ({ value: d, label: t(`report.dim.${d}`) }));

  return (
    <div className="reports-page">
      <div className="section__head">
        <h1>{t('report.title')}</h1>
        <CsvButton query={query} />
      </div>
      <Typography.Paragraph type="secondary">{t('report.intro')}</Typography.Paragraph>
      <Card size="small" className="report-controls">
        <Space wrap size={[16, 12]}>
          <span className="inline-field">
            <label htmlFor="report-group-by">{t('report.groupBy')}</label>
            <Select<Dimension> id="report-group-by" value={dims[0]} style={{ minWidth: 120 }} options={dimOptions} onChange={(d) => setDims(d, dims[1] === d ? undefined : dims[1])} />
          </span>
          <span className="inline-field">
            <label htmlFor="report-group-by-2">{t('report.groupBy2')}</label>
            <Select<Dimension | ''>
              id="report-group-by-2"
              value={dims[1] ?? ''}
              style={{ minWidth: 120 }}
              options={[{ value: '', label: t('report.none') }, ...dimOptions.filter((o) => o.value !== dims[0])]}
              onChange={(d) => setDims(dims[0] ?? 'stage', d || undefined)}
            />
          </span>
          <span className="inline-field" role="group" aria-labelledby="report-period">
            <span id="report-period">{t('report.period')}</span>
            <Segmented<Period>
              value={query.period ?? 'quarter'}
              options={PERIODS.map((p) => ({ value: p, label: t(`report.period.${p}`) }))}
              onChange={(p) => update({ period: p === 'quarter' ? undefined : p })}
            />
          </span>
          <span className="inline-field" role="group" aria-labelledby="report-basis">
            <span id="report-basis">{t('report.basis')}</span>
            <Segmented<Basis>
              value={query.basis ?? 'started'}
              options={BASES.map((b) => ({ value: b, label: t(`report.basis.${b}`) }))}
              onChange={(b) => update({ basis: b === 'started' ? undefined : b })}
            />
          </span>
          <span className="inline-field">
            <label htmlFor="report-range">{t('report.range')}</label>
            <DatePicker.RangePicker
              id={{ start: 'report-range' }}
              allowEmpty={[true, true]}
              placeholder={[t('report.from'), t('report.to')]}
              value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
              onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
            />
          </span>
        </Space>
      </Card>
      {report.error ? (
        <ErrorAlert error={report.error} onRetry={report.reload} />
      ) : !report.data ? (
        <Skeleton active />
      ) : (
        <>
          <section className="section" aria-label={t('report.byStage')}>
            <Space wrap size={[8, 8]} data-testid="report-by-stage">
              <Typography.Text type="secondary">{t('report.byStage')}:</Typography.Text>
              {report.data.totals.by_stage.map((s) => (
                <span key={s.stage}>
                  <StageTag stage={s.stage} /> {s.count}
                </span>
              ))}
            </Space>
          </section>
          <section className="section">
            <ReportTable report={report.data} />
          </section>
          {chart && (
            <section className="section">
              <Suspense fallback={<Skeleton active />}>
                <Chart option={chart.option} label={chart.label} height={320} />
              </Suspense>
            </section>
          )}
        </>
      )}
    </div>
  );
}
