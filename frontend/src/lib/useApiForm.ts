/**
 * Submitting an Ant Design form to the API: a busy flag, and on failure the
 * API's per-field errors shown at their fields, anything else above the form.
 */
import { useState } from 'react';
import type { FormInstance } from 'antd';
import { asApiError, type ApiError } from '../api/errors';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { mapFieldErrors, type NamePath } from './formErrors';

export interface ApiFormState {
  submitting: boolean;
  /** Errors that belong to no field of the form (or to none at all). */
  formError: string[] | null;
  submit: <T>(action: () => Promise<T>) => Promise<T | undefined>;
}

/** `codeFields`: errors without `fields` that still belong to one field, e.g. `organization_exists` → external_id. */
export function useApiForm(form: FormInstance, options: { alias?: Record<string, NamePath>; codeFields?: Record<string, NamePath> } = {}): ApiFormState {
  const { t } = useI18n();
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string[] | null>(null);

  const showError = (error: ApiError) => {
    const codeField = options.codeFields?.[error.code];
    if (codeField) {
      form.setFields([{ name: codeField, errors: [errorMessage(error, t)] }]);
      setFormError(null);
      return;
    }
    if (error.fields && Object.keys(error.fields).length > 0) {
      const known = (path: NamePath) => isRegistered(form, path);
      const { fieldErrors, unplaced } = mapFieldErrors(error.fields, t, { known, alias: options.alias });
      form.setFields(fieldErrors);
      setFormError(unplaced.length > 0 ? [t('form.fixErrors'), ...unplaced] : null);
      const first = fieldErrors[0];
      if (first) form.scrollToField(first.name, { block: 'center', focus: true });
      return;
    }
    setFormError([errorMessage(error, t)]);
  };

  const submit = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setSubmitting(true);
    setFormError(null);
    try {
      return await action();
    } catch (error) {
      showError(asApiError(error));
      return undefined;
    } finally {
      setSubmitting(false);
    }
  };

  return { submitting, formError, submit };
}

function isRegistered(form: FormInstance, path: NamePath): boolean {
  const key = path.join('.');
  return form.getFieldsError().some((entry) => entry.name.join('.') === key);
}
