import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { chartSeries, CsvButton, ReportTable } from './ReportTable';
import { fetchReportCsv, filenameFromDisposition, reportCsvUrl } from '../api/pipeline';
import type { ReportView } from '../api/types';
import { renderWithProviders } from '../test/render';

afterEach(() => vi.unstubAllGlobals());

const report: ReportView = {
  group_by: ['stage', 'region'],
  period: 'quarter',
  basis: 'started',
  from: null,
  to: null,
  rows: [
    { keys: [{ dimension: 'stage', key: 'signed', zh: '签约', en: 'signed' }, { dimension: 'region', key: 'dalian', zh: '大连', en: 'Dalian' }], count: 2, signed_count: 2, key_projects: 1, agreed_amount_cny: 350_000_000 },
    { keys: [{ dimension: 'stage', key: 'signed', zh: '签约', en: 'signed' }, { dimension: 'region', key: 'shanghai', zh: '上海', en: 'Shanghai' }], count: 1, signed_count: 1, key_projects: 0, agreed_amount_cny: 50_000_000 },
    { keys: [{ dimension: 'stage', key: 'negotiation', zh: '洽谈', en: 'negotiation' }, { dimension: 'region', key: 'dalian', zh: '大连', en: 'Dalian' }], count: 4, signed_count: 0, key_projects: 0, agreed_amount_cny: 0 },
  ],
  totals: { count: 7, signed_count: 3, key_projects: 1, agreed_amount_cny: 400_000_000, by_stage: [] },
};

describe('ReportTable', () => {
  it('names each group in Chinese, with counts, signed counts, key projects, amounts in 万元/亿元 and a total', () => {
    renderWithProviders(<ReportTable report={report} />);
    const table = screen.getByTestId('report-table');
    expect(within(table).getByRole('columnheader', { name: '阶段' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: '地区' })).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent))).toEqual([
      ['签约', '大连', '2', '2', '1', '3.5亿元'],
      ['签约', '上海', '1', '1', '0', '5000万元'],
      ['洽谈', '大连', '4', '0', '0', '—'],
      ['合计', '7', '3', '1', '4亿元'],
    ]);
  });

  it('speaks English: the UI’s stage names, the API’s other names, CNY million', () => {
    renderWithProviders(<ReportTable report={report} />, { locale: 'en' });
    const first = within(screen.getByTestId('report-table')).getAllByRole('row')[1]!;
    expect(Array.from(first.querySelectorAll('td')).map((td) => td.textContent)).toEqual(['Signed', 'Dalian', '2', '2', '1', 'CNY 350 million']);
  });

  it('charts the first grouping, summed over the second', () => {
    expect(chartSeries(report, 'zh-CN')).toEqual({ categories: ['签约', '洽谈'], counts: [3, 4], signed: [3, 0] });
  });

  it('says when nothing matches', () => {
    renderWithProviders(<ReportTable report={{ ...report, rows: [], totals: { ...report.totals, count: 0 } }} />);
    expect(screen.getByText('没有符合条件的合作项目。')).toBeInTheDocument();
  });
});

describe('the CSV', () => {
  it('is the same query at the .csv endpoint', () => {
    expect(reportCsvUrl({ group_by: 'stage,sector', period: 'year', from: '2026-01-01', to: undefined })).toBe('/api/v1/reports/cooperations.csv?group_by=stage%2Csector&period=year&from=2026-01-01');
    expect(reportCsvUrl({})).toBe('/api/v1/reports/cooperations.csv');
  });

  it('is named from Content-Disposition', () => {
    expect(filenameFromDisposition('attachment; filename="cooperations-2026.csv"', 'x.csv')).toBe('cooperations-2026.csv');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E5%90%88%E4%BD%9C.csv", 'x.csv')).toBe('合作.csv');
    expect(filenameFromDisposition(null, 'x.csv')).toBe('x.csv');
  });

  it('is fetched through the session (which adds the token), and an error envelope is thrown as the API error', async () => {
    const seen: Request[] = [];
    const ok = await fetchReportCsv({ group_by: 'stage' }, async (request) => {
      seen.push(request);
      return new Response('stage,count\nsigned,1\n', { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="r.csv"' } });
    });
    expect(new URL(seen[0]!.url).pathname).toBe('/api/v1/reports/cooperations.csv');
    expect(new URL(seen[0]!.url).searchParams.get('group_by')).toBe('stage');
    expect(ok.filename).toBe('r.csv');
    expect(await ok.blob.text()).toBe('stage,count\nsigned,1\n');
    await expect(
      fetchReportCsv({}, async () => new Response(JSON.stringify({ error: { code: 'forbidden', message: 'no' } }), { status: 403, headers: { 'Content-Type': 'application/json' } })),
    ).rejects.toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('downloads from the button, or says why not', async () => {
    const save = vi.fn();
    const fetchCsv = vi.fn().mockResolvedValue({ blob: new Blob(['a']), filename: 'r.csv' });
    renderWithProviders(<CsvButton query={{ group_by: 'region' }} fetchCsv={fetchCsv} save={save} />);
    fireEvent.click(screen.getByRole('button', { name: /下载 CSV/ }));
    await waitFor(() => expect(save).toHaveBeenCalledWith({ blob: expect.any(Blob), filename: 'r.csv' }));
    expect(fetchCsv).toHaveBeenCalledWith({ group_by: 'region' });
    expect(await screen.findByText('已下载 r.csv')).toBeInTheDocument();

    const { ApiError } = await import('../api/errors');
    const failing = vi.fn().mockRejectedValue(new ApiError(403, { code: 'forbidden', message: 'no' }));
    renderWithProviders(<CsvButton query={{}} fetchCsv={failing} save={save} />, { locale: 'en' });
    fireEvent.click(screen.getByRole('button', { name: /Download CSV/ }));
    expect(await screen.findByText('You may not do this.')).toBeInTheDocument();
  }, 15_000);
});
