import { Result } from 'antd';
import { LinkButton } from '../components/LinkButton';
import { useI18n } from '../i18n/I18nProvider';
import { usePageTitle } from '../lib/usePageTitle';

export default function NotFound() {
  const { t } = useI18n();
  usePageTitle(t('common.notFoundTitle'));
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('common.notFoundTitle')}</h1>}
      subTitle={t('common.notFound')}
      extra={
        <LinkButton to="/" type="primary">
          {t('common.goHome')}
        </LinkButton>
      }
    />
  );
}
