/**
 * Amounts of money, in yuan (integers, as the API sends them), written the way
 * each audience reads them: 万元 / 亿元 in Chinese, CNY million in English.
 */
import type { Locale } from '../i18n/locale';

const WAN = 10_000;
const YI = 100_000_000;
const MILLION = 1_000_000;

/** Up to `digits` decimals, trailing zeros dropped; grouping optional. */
function trimmed(value: number, digits: number, grouping: boolean): string {
  return new Intl.NumberFormat('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
    useGrouping: grouping,
  }).format(value);
}

type ZhUnit = 'yuan' | 'wan' | 'yi';

function zhUnit(yuan: number): ZhUnit {
  const magnitude = Math.abs(yuan);
  if (magnitude >= YI) return 'yi';
  if (magnitude >= WAN) return 'wan';
  return 'yuan';
}

function zhNumber(yuan: number, unit: ZhUnit): string {
  switch (unit) {
    case 'yi':
      return trimmed(yuan / YI, 2, false);
    case 'wan':
      return trimmed(yuan / WAN, 2, false);
    case 'yuan':
      return trimmed(yuan, 0, false);
  }
}

const ZH_SUFFIX: Record<ZhUnit, string> = { yi: '亿元', wan: '万元', yuan: '元' };

/** Millions when at least 0.1 million; plain yuan below. */
function enNumber(yuan: number): { text: string; million: boolean } {
  if (Math.abs(yuan) >= MILLION / 10) return { text: trimmed(yuan / MILLION, 2, true), million: true };
  return { text: trimmed(yuan, 0, true), million: false };
}

/** One amount: `5000万元`, `1.2亿元` / `CNY 50 million`. */
export function formatAmount(yuan: number, locale: Locale): string {
  if (locale === 'zh-CN') {
    const unit = zhUnit(yuan);
    return zhNumber(yuan, unit) + ZH_SUFFIX[unit];
  }
  const { text, million } = enNumber(yuan);
  return million ? `CNY ${text} million` : `CNY ${text}`;
}

/**
 * A range of amounts; either end may be missing. Shares the unit when both ends
 * have it: `2–5亿元`, `CNY 50–300 million`. Returns null when both are missing.
 */
export function formatAmountRange(min: number | null | undefined, max: number | null | undefined, locale: Locale): string | null {
  const hasMin = typeof min === 'number';
  const hasMax = typeof max === 'number';
  if (!hasMin && !hasMax) return null;
  if (hasMin && hasMax && min === max) return formatAmount(min, locale);
  if (hasMin && hasMax) {
    if (locale === 'zh-CN') {
      const lowUnit = zhUnit(min);
      const highUnit = zhUnit(max);
      if (lowUnit === highUnit) return `${zhNumber(min, lowUnit)}–${zhNumber(max, highUnit)}${ZH_SUFFIX[highUnit]}`;
      return `${formatAmount(min, locale)}–${formatAmount(max, locale)}`;
    }
    const low = enNumber(min);
    const high = enNumber(max);
    if (low.million && high.million) return `CNY ${low.text}–${high.text} million`;
    return `${formatAmount(min, locale)} – ${formatAmount(max, locale)}`;
  }
  if (hasMin) return locale === 'zh-CN' ? `${formatAmount(min, locale)}起` : `from ${formatAmount(min, locale)}`;
  return locale === 'zh-CN' ? `最高${formatAmount(max as number, locale)}` : `up to ${formatAmount(max as number, locale)}`;
}
