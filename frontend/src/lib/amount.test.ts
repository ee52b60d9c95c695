import { describe, expect, it } from 'vitest';
import { formatAmount, formatAmountRange } from './amount';

describe('formatAmount in Chinese (万元 / 亿元)', () => {
  it.each([
    [50_000_000, '5000万元'],
    [300_000_000, '3亿元'],
    [120_000_000, '1.2亿元'],
    [100_000_000, '1亿元'],
    [99_990_000, '9999万元'],
    [10_000, '1万元'],
    [15_000, '1.5万元'],
    [5_000, '5000元'],
    [0, '0元'],
    [1_234_567_890, '12.35亿元'],
  ])('%d yuan → %s', (yuan, text) => {
    expect(formatAmount(yuan, 'zh-CN')).toBe(text);
  });
});

describe('formatAmount in English (CNY million)', () => {
  it.each([
    [50_000_000, 'CNY 50 million'],
    [300_000_000, 'CNY 300 million'],
    [120_000_000, 'CNY 120 million'],
    [1_500_000_000, 'CNY 1,500 million'],
    [2_500_000, 'CNY 2.5 million'],
    [100_000, 'CNY 0.1 million'],
    [5_000, 'CNY 5,000'],
  ])('%d yuan → %s', (yuan, text) => {
    expect(formatAmount(yuan, 'en')).toBe(text);
  });
});

describe('formatAmountRange', () => {
  it('shares the unit when both ends have it', () => {
    expect(formatAmountRange(200_000_000, 500_000_000, 'zh-CN')).toBe('2–5亿元');
    expect(formatAmountRange(50_000_000, 300_000_000, 'en')).toBe('CNY 50–300 million');
  });
  it('spells both units when they differ', () => {
    expect(formatAmountRange(50_000_000, 300_000_000, 'zh-CN')).toBe('5000万元–3亿元');
  });
  it('handles open ends', () => {
    expect(formatAmountRange(50_000_000, null, 'zh-CN')).toBe('5000万元起');
    expect(formatAmountRange(null, 300_000_000, 'zh-CN')).toBe('最高3亿元');
    expect(formatAmountRange(50_000_000, undefined, 'en')).toBe('from CNY 50 million');
    expect(formatAmountRange(undefined, 300_000_000, 'en')).toBe('up to CNY 300 million');
  });
  it('collapses equal ends and answers null without any', () => {
    expect(formatAmountRange(300_000_000, 300_000_000, 'zh-CN')).toBe('3亿元');
    expect(formatAmountRange(null, null, 'en')).toBeNull();
  });
});
