import { useI18n } from '../i18n/I18nProvider';
import { formatAmountRange } from '../lib/amount';

/** An amount range in 万元/亿元 (Chinese) or CNY million (English). */
export function AmountText({ min, max }: { min: number | null | undefined; max: number | null | undefined }) {
  const { locale, t } = useI18n();
  return <>{formatAmountRange(min, max, locale) ?? t('listing.amountUnknown')}</>;
}
