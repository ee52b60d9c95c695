import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { amountAllowed, amountRequired, canMoveTo, isDateDisabled, nextStages, platformToday, stageBody, stepsState } from './stages';

describe('stage rules', () => {
  it('moves forward, may skip stages, may drop, never goes back or leaves an end', () => {
    expect(canMoveTo('interest', 'negotiation')).toBe(true);
    expect(canMoveTo('interest', 'signed')).toBe(true);
    expect(canMoveTo('negotiation', 'dropped')).toBe(true);
    expect(canMoveTo('signed', 'negotiation')).toBe(false);
    expect(canMoveTo('signed', 'signed')).toBe(false);
    expect(canMoveTo('production', 'dropped')).toBe(false);
    expect(canMoveTo('dropped', 'interest')).toBe(false);
  });

  it('offers the next stages in pipeline order, the API’s list when given', () => {
    expect(nextStages('negotiation')).toEqual(['signed', 'construction', 'production', 'dropped']);
    expect(nextStages('interest', ['dropped', 'negotiation'])).toEqual(['negotiation', 'dropped']);
    expect(nextStages('production')).toEqual([]);
  });

  it('asks for an amount from 签约 on, required only when none is recorded', () => {
    expect(amountAllowed('negotiation')).toBe(false);
    expect(amountAllowed('dropped')).toBe(false);
    expect(amountAllowed('signed')).toBe(true);
    expect(amountAllowed('production')).toBe(true);
    expect(amountRequired('signed', null)).toBe(true);
    expect(amountRequired('construction', undefined)).toBe(true);
    expect(amountRequired('construction', 200_000_000)).toBe(false);
    expect(amountRequired('negotiation', null)).toBe(false);
    expect(amountRequired(undefined, null)).toBe(false);
  });

  it('greys out dates after today and before the current stage’s', () => {
    const today = dayjs('2026-11-27');
    expect(isDateDisabled(dayjs('2026-11-28'), '2026-01-01', today)).toBe(true);
    expect(isDateDisabled(dayjs('2026-11-27'), '2026-01-01', today)).toBe(false);
    expect(isDateDisabled(dayjs('2025-12-31'), '2026-01-01', today)).toBe(true);
    expect(isDateDisabled(dayjs('2026-01-01'), '2026-01-01', today)).toBe(false);
    expect(isDateDisabled(dayjs('2020-01-01'), null, today)).toBe(false);
  });

  it('takes today from the platform’s calendar (UTC+8), not the browser’s time zone', () => {
    expect(platformToday(Date.parse('2026-11-27T15:59:59Z')).format('YYYY-MM-DD')).toBe('2026-11-27');
    expect(platformToday(Date.parse('2026-11-27T16:00:00Z')).format('YYYY-MM-DD')).toBe('2026-11-28');
    expect(platformToday(Date.parse('2026-12-31T23:30:00Z')).format('YYYY-MM-DD')).toBe('2027-01-01');
    // A cooperation that began on the platform's today may move on the same day.
    const evening = platformToday(Date.parse('2026-11-27T17:30:00Z'));
    expect(isDateDisabled(evening, '2026-11-28', evening)).toBe(false);
  });

  it('builds the body: the date as YYYY-MM-DD, the amount in yuan from 万元 or million, none before signing', () => {
    expect(stageBody({ stage: 'signed', date: dayjs('2026-11-20'), note: '  签订协议 ', amount: 20000 }, 'zh-CN')).toEqual({
      stage: 'signed',
      date: '2026-11-20',
      note: '签订协议',
      agreed_amount_cny: 200_000_000,
    });
    expect(stageBody({ stage: 'signed', amount: 200 }, 'en')).toEqual({ stage: 'signed', agreed_amount_cny: 200_000_000 });
    expect(stageBody({ stage: 'negotiation', amount: 5, note: '  ' }, 'zh-CN')).toEqual({ stage: 'negotiation' });
    expect(() => stageBody({}, 'en')).toThrow();
  });

  it('shows progress on the pipeline; a dropped one in red where it stopped', () => {
    expect(stepsState('negotiation', ['interest', 'negotiation'])).toEqual({ current: 1, status: 'process' });
    expect(stepsState('production', ['interest', 'signed', 'production'])).toEqual({ current: 4, status: 'finish' });
    expect(stepsState('dropped', ['interest', 'negotiation', 'dropped'])).toEqual({ current: 1, status: 'error' });
  });
});
