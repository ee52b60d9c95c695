import { Result, Button } from 'antd';
import { useRouteError } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';

/** Shown when a page fails to load or throws while rendering. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useI18n();
  const detail = error instanceof Error ? error.message : undefined;
  return (
    <Result
      status="error"
      title={t('common.errorTitle')}
      subTitle={detail}
      extra={
        <Button type="primary" href="/">
          {t('common.goHome')}
        </Button>
      }
    />
  );
}
