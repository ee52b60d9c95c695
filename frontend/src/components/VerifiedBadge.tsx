import { Tag, Tooltip } from 'antd';
import { SafetyCertificateFilled } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';

/** Shown beside an organization's name once an administrator has verified it. */
export function VerifiedBadge({ verified, showUnverified = false }: { verified: boolean; showUnverified?: boolean }) {
  const { t } = useI18n();
  if (!verified) return showUnverified ? <Tag>{t('org.unverified')}</Tag> : null;
  return (
    <Tooltip title={t('org.verifiedTip')}>
      <Tag color="green" icon={<SafetyCertificateFilled aria-hidden />} className="verified-badge" tabIndex={0}>
        {t('org.verified')}
      </Tag>
    </Tooltip>
  );
}
