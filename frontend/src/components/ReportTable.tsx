/**
 * The cooperation report: one row per group (each key named in the UI's
 * language), with counts, signed counts, key projects and agreed amounts, a
 * totals row; a chart of the first grouping; and the CSV download, fetched
 * with the session's token and saved as a blob (the endpoint needs auth).
 */
import { useMemo, useState } from 'react';
import { App as AntApp, Button, Empty, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { fetchReportCsv, saveBlob, type Download } from '../api/pipeline';
import { asApiError } from '../api/errors';
import type { Dimension, GroupKey, ReportQuery, ReportRow, ReportView } from '../api/types';
import { errorMessage } from '../i18n/errors';
import { makeTranslate, useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import type { Locale } from '../i18n/locale';
import { formatAmount } from '../lib/amount';
import type { ChartOption } from './Chart';

const STAGES: readonly string[] = ['interest', 'negotiation', 'signed', 'construction', 'production', 'dropped'];

/** A group's name: the UI's own for stages (as everywhere else), the API's zh/en for the rest. */
export function keyLabel(key: GroupKey, locale: Locale): string {
  if (key.dimension === 'stage' && STAGES.includes(key.key)) return makeTranslate(locale)(`coop.stage.${key.key}` as MessageKey);
  return locale === 'en' ? key.en || key.key : key.zh || key.key;
}

export function ReportTable({ report }: { report: ReportView }) {
  const { t, locale } = useI18n();
  const dims: Dimension[] = report.group_by;
  return (
    <Table<ReportRow>
      data-testid="report-table"
      rowKey={(row) => row.keys.map((k) => k.key).join('|')}
      dataSource={report.rows}
      pagination={false}
      size="small"
      scroll={{ x: 640 }}
      locale={{ emptyText: <Empty description={t('report.empty')} /> }}
      columns={[
        ...dims.map((dim, i) => ({
          title: t(`report.dim.${dim}`),
          key: `dim-${dim}`,
          render: (_: unknown, row: ReportRow) => (row.keys[i] ? keyLabel(row.keys[i], locale) : ''),
        })),
        { title: t('report.col.count'), key: 'count', align: 'right' as const, render: (_: unknown, row: ReportRow) => row.count },
        { title: t('report.col.signed'), key: 'signed', align: 'right' as const, render: (_: unknown, row: ReportRow) => row.signed_count },
        { title: t('report.col.keyProjects'), key: 'key', align: 'right' as const, render: (_: unknown, row: ReportRow) => row.key_projects },
        { title: t('report.col.amount'), key: 'amount', align: 'right' as const, render: (_: unknown, row: ReportRow) => (row.agreed_amount_cny ? formatAmount(row.agreed_amount_cny, locale) : '—') },
      ]}
      summary={() =>
        report.rows.length > 0 ? (
          <Table.Summary.Row className="report-total" data-testid="report-total">
            <Table.Summary.Cell index={0} colSpan={dims.length}>
              <strong>{t('report.total')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong>{report.totals.count}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <strong>{report.totals.signed_count}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <strong>{report.totals.key_projects}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              <strong>{report.totals.agreed_amount_cny ? formatAmount(report.totals.agreed_amount_cny, locale) : '—'}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

/** The chart's data: the first grouping's keys, with counts and signed counts summed over any second one. */
export function chartSeries(report: ReportView, locale: Locale): { categories: string[]; counts: number[]; signed: number[] } {
  const order: string[] = [];
  const byKey = new Map<string, { label: string; count: number; signed: number }>();
  for (const row of report.rows) {
    const key = row.keys[0];
    if (!key) continue;
    let entry = byKey.get(key.key);
    if (!entry) {
      entry = { label: keyLabel(key, locale), count: 0, signed: 0 };
      byKey.set(key.key, entry);
      order.push(key.key);
    }
    entry.count += row.count;
    entry.signed += row.signed_count;
  }
  const entries = order.map((k) => byKey.get(k)!);
  return { categories: entries.map((e) => e.label), counts: entries.map((e) => e.count), signed: entries.map((e) => e.signed) };
}

export function useReportChart(report: ReportView | undefined): { option: ChartOption; label: string } | null {
  const { t, locale } = useI18n();
  return useMemo(() => {
    if (!report || report.rows.length === 0) return null;
    const dim = report.group_by[0] ?? 'stage';
    const { categories, counts, signed } = chartSeries(report, locale);
    const countName = t('report.col.count');
    const signedName = t('report.col.signed');
    const option: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { data: [countName, signedName] },
      grid: { left: 40, right: 16, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: countName, type: 'bar', data: counts, itemStyle: { color: '#1d4ed8' } },
        { name: signedName, type: 'bar', data: signed, itemStyle: { color: '#16a34a' } },
      ],
    } as ChartOption;
    const summary = categories.map((c, i) => `${c} ${counts[i]}/${signed[i]}`).join('，');
    return { option, label: `${t('report.chart', { dim: t(`report.dim.${dim}`) })}: ${summary}` };
  }, [report, locale, t]);
}

/** "Download CSV" of the same query. */
export function CsvButton({ query, fetchCsv = fetchReportCsv, save = saveBlob }: { query: ReportQuery; fetchCsv?: (query: ReportQuery) => Promise<Download>; save?: (download: Download) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const file = await fetchCsv(query);
      save(file);
      void message.success(t('report.downloaded', { name: file.filename }));
    } catch (error) {
      void message.error(errorMessage(asApiError(error), t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void download()} data-testid="report-csv">
      {t('report.csv')}
    </Button>
  );
}
