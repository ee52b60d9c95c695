/**
 * Calls of "from match to landed project" that need more than one line:
 * the cooperation report's parameters and its CSV download (which needs the
 * bearer token, so it is fetched and saved as a blob rather than linked to).
 */
import { session } from './client';
import { toApiError } from './errors';
import type { ReportQuery } from './types';

/** A report query → URL parameters (empty ones left out). */
export function reportSearchParams(query: ReportQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  return params;
}

/** Where the CSV of a report is. */
export function reportCsvUrl(query: ReportQuery): string {
  const params = reportSearchParams(query).toString();
  return `/api/v1/reports/cooperations.csv${params ? `?${params}` : ''}`;
}

/** `attachment; filename="x.csv"` → `x.csv`. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

export interface Download {
  blob: Blob;
  filename: string;
}

/** Fetches the report's CSV with the session's token. */
export async function fetchReportCsv(query: ReportQuery, fetcher: (request: Request) => Promise<Response> = session.fetch): Promise<Download> {
  const base = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;
  const response = await fetcher(new Request(new URL(reportCsvUrl(query), base), { headers: { Accept: 'text/csv' } }));
  if (!response.ok) {
    let body: unknown = undefined;
    try {
      body = await response.json();
    } catch {
      // not JSON
    }
    throw toApiError(response.status, body);
  }
  const today = new Date().toISOString().slice(0, 10);
  return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get('Content-Disposition'), `hulian-cooperations-${today}.csv`) };
}

/** Hands a blob to the browser as a download. */
export function saveBlob({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
