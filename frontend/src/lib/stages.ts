/**
 * The stages of a cooperation (意向 → 洽谈 → 签约 → 开工 → 投产, or 终止) and the
 * rules the stage-change form follows before the API judges it: forward only,
 * a date not in the future nor before the current stage's, and an agreed
 * amount from signing on when none is recorded yet.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { Stage } from '../api/types';
import type { Locale } from '../i18n/locale';

/** The pipeline, in order; `dropped` is off it. */
export const PIPELINE: readonly Stage[] = ['interest', 'negotiation', 'signed', 'construction', 'production'];
export const ALL_STAGES: readonly Stage[] = [...PIPELINE, 'dropped'];

/** Position on the pipeline; null for `dropped`. */
export function stageRank(stage: Stage): number | null {
  const rank = PIPELINE.indexOf(stage);
  return rank === -1 ? null : rank;
}

export function isTerminal(stage: Stage): boolean {
  return stage === 'production' || stage === 'dropped';
}

/** Whether the API would accept `from → to` (forward, or dropped, never out of an end). */
export function canMoveTo(from: Stage, to: Stage): boolean {
  if (isTerminal(from)) return false;
  const next = stageRank(to);
  if (next === null) return true;
  const now = stageRank(from);
  return now !== null && next > now;
}

/** 签约 and every stage after it carry an agreed amount. */
export function needsAmount(stage: Stage): boolean {
  const rank = stageRank(stage);
  return rank !== null && rank >= 2;
}

/** Whether the form must ask for an amount: moving to signed or beyond with none recorded. */
export function amountRequired(target: Stage | undefined, recorded: number | null | undefined): boolean {
  return target !== undefined && needsAmount(target) && (recorded === null || recorded === undefined);
}

/** Whether the form shows the amount field at all (the API refuses one before signing). */
export function amountAllowed(target: Stage | undefined): boolean {
  return target !== undefined && needsAmount(target);
}

/** The stages offered: the API's `next_stages`, in pipeline order, or those the rule allows. */
export function nextStages(current: Stage, fromApi?: readonly Stage[] | null): Stage[] {
  const allowed = fromApi ?? ALL_STAGES.filter((s) => canMoveTo(current, s));
  return ALL_STAGES.filter((s) => allowed.includes(s));
}

/** Dates the picker greys out: after today, or before the current stage was reached. */
/**
 * Today on the platform's calendar: China Standard Time (UTC+8, no daylight
 * saving), the calendar the server dates stages by and checks them against,
 * whatever the browser's time zone. Between 16:00 and 24:00 UTC a browser on
 * UTC is still on the day before.
 */
export function platformToday(now: number = Date.now()): Dayjs {
  return dayjs(new Date(now + 8 * 3_600_000).toISOString().slice(0, 10));
}

export function isDateDisabled(date: Dayjs, stageDate: string | null | undefined, today: Dayjs = platformToday()): boolean {
  if (date.isAfter(today, 'day')) return true;
  if (stageDate && date.isBefore(dayjs(stageDate), 'day')) return true;
  return false;
}

/** Yuan per unit the amount is typed in: 万元 in Chinese, million in English. */
export function amountFactor(locale: Locale): number {
  return locale === 'zh-CN' ? 10_000 : 1_000_000;
}

export function toYuan(value: number | null | undefined, locale: Locale): number | undefined {
  return typeof value === 'number' ? Math.round(value * amountFactor(locale)) : undefined;
}

export interface StageFormValues {
  stage?: Stage;
  date?: Dayjs | null;
  note?: string;
  /** In the display unit (万元 / million). */
  amount?: number | null;
}

/** The body of `POST /cooperations/{id}/stage` from the form's values. */
export function stageBody(values: StageFormValues, locale: Locale): { stage: Stage; date?: string; note?: string; agreed_amount_cny?: number } {
  if (!values.stage) throw new Error('stage is required');
  const body: { stage: Stage; date?: string; note?: string; agreed_amount_cny?: number } = { stage: values.stage };
  if (values.date) body.date = values.date.format('YYYY-MM-DD');
  const note = values.note?.trim();
  if (note) body.note = note;
  if (amountAllowed(values.stage)) {
    const yuan = toYuan(values.amount, locale);
    if (yuan !== undefined) body.agreed_amount_cny = yuan;
  }
  return body;
}

/** Ant Design Steps: the pipeline's current index and status (`error` when dropped). */
export function stepsState(stage: Stage, reached: readonly Stage[]): { current: number; status: 'process' | 'finish' | 'error' } {
  if (stage === 'dropped') {
    const last = Math.max(0, ...reached.map((s) => stageRank(s) ?? 0));
    return { current: last, status: 'error' };
  }
  const rank = stageRank(stage) ?? 0;
  return { current: rank, status: stage === 'production' ? 'finish' : 'process' };
}
