import { TreeSelect } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { useVocabulary } from '../state/taxonomy';

/** Sectors and their sub-sectors (`parent.child`), several at once. */
export function SectorSelect({ id, value, onChange, max = 5, ...rest }: { id?: string; value?: string[]; onChange?: (value: string[]) => void; max?: number; 'aria-required'?: boolean }) {
  const { locale, t } = useI18n();
  const { taxonomy } = useVocabulary();
  const name = (n: { zh: string; en: string }) => (locale === 'en' ? n.en : n.zh);
  const treeData = (taxonomy?.sectors ?? []).map((sector) => ({
    value: sector.slug,
    title: name(sector),
    children: sector.subsectors.map((sub) => ({ value: `${sector.slug}.${sub.slug}`, title: name(sub) })),
  }));
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(next: string[]) => onChange?.(next.slice(0, max))}
      treeData={treeData}
      multiple
      showSearch
      treeNodeFilterProp="title"
      placeholder={t('form.selectPlaceholder')}
      allowClear
      style={{ width: '100%' }}
      {...rest}
    />
  );
}
