/**
 * One facet of the search as a group of checkboxes: OR within the facet.
 * Counts are shown when the search endpoint gives them. A fieldset with a
 * legend, so screen readers announce the group; plain checkboxes, so the
 * keyboard works as everywhere else.
 */
import { useId, useState } from 'react';
import { Button, Checkbox } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export interface FacetOption {
  value: string;
  label: string;
  count?: number;
}

export interface FacetFilterProps {
  name: string;
  title: string;
  options: FacetOption[];
  selected: string[];
  onChange: (selected: string[]) => void;
  /** Options shown before "show more". */
  limit?: number;
}

export function FacetFilter({ name, title, options, selected, onChange, limit = 6 }: FacetFilterProps) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  // Selected options always stay visible, even past the limit.
  const visible = expanded ? options : options.filter((o, i) => i < limit || selected.includes(o.value));
  const hidden = options.length - visible.length;

  const toggle = (value: string, checked: boolean) => {
    onChange(checked ? [...selected, value] : selected.filter((v) => v !== value));
  };

  return (
    <fieldset className="facet" data-facet={name}>
      <legend className="facet__title">{title}</legend>
      <ul id={listId} className="facet__list">
        {visible.map((option) => (
          <li key={option.value}>
            <Checkbox
              name={name}
              value={option.value}
              checked={selected.includes(option.value)}
              onChange={(e) => toggle(option.value, e.target.checked)}
            >
              {option.label}
              {option.count !== undefined && <span className="facet__count"> ({option.count})</span>}
            </Checkbox>
          </li>
        ))}
      </ul>
      {(hidden > 0 || expanded) && options.length > limit && (
        <Button type="link" size="small" aria-expanded={expanded} aria-controls={listId} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('search.facet.showLess') : `${t('search.facet.showMore')} (${hidden})`}
        </Button>
      )}
    </fieldset>
  );
}
