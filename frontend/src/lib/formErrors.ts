/**
 * The API's per-field errors (`error.fields`, keyed by the input's field name,
 * `contact.email` for nested ones, `sectors[2]` or `sectors.2` for items)
 * mapped onto Ant Design form fields, so each message shows at its field.
 */
import type { FieldErrorWire } from '../api/errors';
import { fieldErrorMessage } from '../i18n/errors';
import type { Translate } from '../i18n/I18nProvider';

export type NamePath = (string | number)[];

export interface AntdFieldError {
  name: NamePath;
  errors: string[];
}

/** `contact.email` → ['contact', 'email']; `sectors[1]` and `sectors.1` → ['sectors']. */
export function toNamePath(field: string, alias: Record<string, NamePath> = {}): NamePath {
  const aliased = alias[field];
  if (aliased) return aliased;
  const parts = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part.length > 0);
  // An error on one item of a list belongs to the list's field (one input for the whole list).
  const firstIndex = parts.findIndex((part) => /^\d+$/.test(part));
  const path = firstIndex === -1 ? parts : parts.slice(0, firstIndex);
  const aliasedParent = alias[path.join('.')];
  return aliasedParent ?? path;
}

/**
 * Errors for `form.setFields`. Fields the form does not have (`known` says
 * which it has) are returned apart, to be shown above the form.
 */
export function mapFieldErrors(
  fields: Record<string, FieldErrorWire> | undefined,
  t: Translate,
  options: { known?: (path: NamePath) => boolean; alias?: Record<string, NamePath> } = {},
): { fieldErrors: AntdFieldError[]; unplaced: string[] } {
  const fieldErrors: AntdFieldError[] = [];
  const unplaced: string[] = [];
  const byPath = new Map<string, AntdFieldError>();
  for (const [key, error] of Object.entries(fields ?? {})) {
    const name = toNamePath(error.field || key, options.alias);
    const message = fieldErrorMessage(error, t);
    if (name.length === 0 || (options.known && !options.known(name))) {
      unplaced.push(`${error.field || key}: ${message}`);
      continue;
    }
    const id = name.join('.');
    const existing = byPath.get(id);
    if (existing) {
      existing.errors.push(message);
    } else {
      const entry = { name, errors: [message] };
      byPath.set(id, entry);
      fieldErrors.push(entry);
    }
  }
  return { fieldErrors, unplaced };
}
