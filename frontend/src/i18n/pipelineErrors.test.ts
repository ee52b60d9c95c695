import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, errorMessage, fieldErrorMessage } from './errors';
import { makeTranslate } from './I18nProvider';
import { enPipeline, zhPipeline } from './pipelineMessages';

const zhT = makeTranslate('zh-CN');
const enT = makeTranslate('en');

describe('error codes of introductions, cooperations and alerts', () => {
  const codes = [
    'introduction_exists',
    'recently_declined',
    'already_answered',
    'introduction_closed',
    'rate_limited',
    'introduction_not_found',
    'cooperation_not_found',
    'invalid_stage_transition',
    'notification_not_found',
    'saved_search_not_found',
    'webhook_not_found',
    'too_many_saved_searches',
    'too_many_webhooks',
  ];

  it.each(codes)('%s is said in both languages', (code) => {
    expect(ERROR_MESSAGES[code]).toBeDefined();
    const zhText = errorMessage({ code }, zhT);
    const enText = errorMessage({ code }, enT);
    expect(zhText).not.toBe(zhT('error.unknown_code', { code }));
    expect(enText).not.toBe(enT('error.unknown_code', { code }));
    expect(zhText).not.toBe(enText);
  });

  it('says the 409 and 429 of an introduction plainly', () => {
    expect(errorMessage({ code: 'introduction_exists' }, zhT)).toBe('你们之间已经有一个进行中或已达成的对接。');
    expect(errorMessage({ code: 'recently_declined' }, enT)).toMatch(/declined .* less than 30 days ago/);
    expect(errorMessage({ code: 'rate_limited' }, zhT)).toBe('操作太频繁，请明天再试。');
  });

  it('translates the new field error codes', () => {
    expect(fieldErrorMessage({ code: 'in_future', message: 'cannot be in the future' }, zhT)).toBe('不能晚于今天');
    expect(fieldErrorMessage({ code: 'own_listing', message: 'both sides would be the same organization' }, enT)).toBe('This is your own organization’s listing');
    expect(fieldErrorMessage({ code: 'not_yours', message: 'x' }, zhT)).toBe('必须是您机构的信息');
    expect(fieldErrorMessage({ code: 'before_current_stage', message: 'x' }, enT)).toBe('Cannot be before the current stage’s date');
  });

  it('has every string in both languages, none empty', () => {
    expect(Object.keys(enPipeline).sort()).toEqual(Object.keys(zhPipeline).sort());
    for (const [key, text] of Object.entries(zhPipeline)) {
      expect(text, key).not.toBe('');
      expect(enPipeline[key as keyof typeof enPipeline], key).not.toBe('');
    }
  });
});
