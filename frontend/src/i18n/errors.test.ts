import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, errorMessage, fieldErrorMessage } from './errors';
import { makeTranslate } from './I18nProvider';
import { MESSAGES, en, zh } from './messages';

const zhT = makeTranslate('zh-CN');
const enT = makeTranslate('en');

describe('error code → message', () => {
  const required = [
    'validation_failed',
    'invalid_credentials',
    'email_taken',
    'forbidden',
    'login_required',
    'organization_exists',
    'listing_exists',
    'invalid_status_transition',
    'import_invalid',
    'payload_too_large',
    'token_expired',
    'invalid_token',
    'listing_not_found',
    'organization_not_found',
    'internal_error',
    'network_error',
  ];

  it.each(required)('%s has a message in both languages', (code) => {
    expect(ERROR_MESSAGES[code]).toBeDefined();
    const zhText = errorMessage({ code }, zhT);
    const enText = errorMessage({ code }, enT);
    expect(zhText).not.toBe('');
    expect(enText).not.toBe('');
    expect(zhText).not.toBe(enText);
  });

  it('says the specific thing', () => {
    expect(errorMessage({ code: 'invalid_credentials' }, zhT)).toBe('邮箱或密码错误。');
    expect(errorMessage({ code: 'invalid_credentials' }, enT)).toBe('Wrong email or password.');
    expect(errorMessage({ code: 'email_taken' }, enT)).toMatch(/already exists/);
  });

  it('names an unknown code instead of hiding it', () => {
    expect(errorMessage({ code: 'brand_new_code' }, enT)).toBe('Something went wrong (brand_new_code).');
    expect(errorMessage({ code: 'brand_new_code' }, zhT)).toBe('出错了（brand_new_code）。');
  });
});

describe('field error code → message', () => {
  it('uses the limit from the English message', () => {
    expect(fieldErrorMessage({ code: 'too_long', message: 'must be at most 200 characters' }, zhT)).toBe('不能超过 200 个字符');
    expect(fieldErrorMessage({ code: 'too_short', message: 'must be at least 10 characters' }, enT)).toBe('At least 10 characters');
    expect(fieldErrorMessage({ code: 'too_many', message: 'must have at most 5 items' }, zhT)).toBe('最多 5 项');
  });
  it('translates plain codes', () => {
    expect(fieldErrorMessage({ code: 'required', message: 'is required' }, zhT)).toBe('必填');
    expect(fieldErrorMessage({ code: 'invalid_value', message: '`x` is not one of: a, b' }, enT)).toBe('Not one of the allowed values');
  });
  it('falls back to the API’s message for an unknown code', () => {
    expect(fieldErrorMessage({ code: 'odd', message: 'is odd' }, enT)).toBe('Invalid: is odd');
  });
});

describe('the two dictionaries', () => {
  it('have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });
  it('have no empty string', () => {
    for (const table of Object.values(MESSAGES)) {
      for (const [key, value] of Object.entries(table)) expect(value, key).not.toBe('');
    }
  });
  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });
});
