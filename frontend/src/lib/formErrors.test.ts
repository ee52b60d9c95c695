import { describe, expect, it } from 'vitest';
import { mapFieldErrors, toNamePath } from './formErrors';
import { makeTranslate } from '../i18n/I18nProvider';

const t = makeTranslate('zh-CN');
const enT = makeTranslate('en');

describe('toNamePath', () => {
  it('splits nested fields', () => {
    expect(toNamePath('title')).toEqual(['title']);
    expect(toNamePath('contact.email')).toEqual(['contact', 'email']);
  });
  it('puts an item’s error on its list field', () => {
    expect(toNamePath('sectors[2]')).toEqual(['sectors']);
    expect(toNamePath('sectors.2')).toEqual(['sectors']);
    expect(toNamePath('target_regions[0]')).toEqual(['target_regions']);
  });
  it('follows aliases', () => {
    expect(toNamePath('amount_cny_min', { amount_cny_min: ['amount', 'min'] })).toEqual(['amount', 'min']);
  });
});

describe('mapFieldErrors', () => {
  const fields = {
    title: { field: 'title', code: 'too_long', message: 'must be at most 200 characters' },
    'contact.email': { field: 'contact.email', code: 'invalid_format', message: 'is not an email address' },
    'sectors[1]': { field: 'sectors[1]', code: 'invalid_value', message: '`x` is not one of: …' },
    bogus: { field: 'bogus', code: 'unknown_field', message: 'is not a field of a listing' },
  };

  it('maps each API field error onto its form field, translated', () => {
    const { fieldErrors } = mapFieldErrors(fields, t);
    expect(fieldErrors).toEqual([
      { name: ['title'], errors: ['不能超过 200 个字符'] },
      { name: ['contact', 'email'], errors: ['格式不正确'] },
      { name: ['sectors'], errors: ['不是可选的值'] },
      { name: ['bogus'], errors: ['不认识的字段'] },
    ]);
  });

  it('keeps errors of fields the form lacks apart', () => {
    const known = (path: (string | number)[]) => path[0] !== 'bogus';
    const { fieldErrors, unplaced } = mapFieldErrors(fields, enT, { known });
    expect(fieldErrors.map((f) => f.name.join('.'))).toEqual(['title', 'contact.email', 'sectors']);
    expect(unplaced).toEqual(['bogus: Unknown field']);
  });

  it('merges two errors on the same list', () => {
    const { fieldErrors } = mapFieldErrors(
      {
        'sectors[0]': { field: 'sectors[0]', code: 'invalid_value', message: '' },
        'sectors[3]': { field: 'sectors[3]', code: 'duplicate', message: '' },
      },
      enT,
    );
    expect(fieldErrors).toEqual([{ name: ['sectors'], errors: ['Not one of the allowed values', 'Listed twice'] }]);
  });

  it('answers nothing without fields', () => {
    expect(mapFieldErrors(undefined, t)).toEqual({ fieldErrors: [], unplaced: [] });
  });
});
