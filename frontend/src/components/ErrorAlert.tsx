import { Alert, Button } from 'antd';
import { asApiError } from '../api/errors';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';

/** An error from the API, said in the UI's language. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const apiError = asApiError(error);
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      message={errorMessage(apiError, t)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
