/** Small pieces shared by the introduction pages: status and kind tags, a contact card. */
import { Card, Descriptions, Tag, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { Contact, IntroductionKind, IntroductionStatus, SideResponse } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

const STATUS_COLOR: Record<IntroductionStatus, string> = { pending: 'gold', accepted: 'green', declined: 'red', withdrawn: 'default' };

export function IntroductionStatusTag({ status }: { status: IntroductionStatus | SideResponse }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="intro-status" data-status={status}>
      {t(`intro.status.${status}`)}
    </Tag>
  );
}

export function IntroductionKindTag({ kind }: { kind: IntroductionKind }) {
  const { t } = useI18n();
  return <Tag color={kind === 'brokered' ? 'purple' : 'blue'}>{t(`intro.kind.${kind}`)}</Tag>;
}

/** The other side's contact details, once revealed; the reveal is audited, and said so. */
export function ContactCard({ name, contact }: { name: string; contact: Contact }) {
  const { t } = useI18n();
  const empty = !contact.name && !contact.email && !contact.phone;
  return (
    <Card size="small" className="contact-card" data-testid="contact-card" title={<h3 className="card-heading">{t('intro.contactTitle', { name })}</h3>}>
      {empty ? (
        <Typography.Text type="secondary">{t('intro.contactNone')}</Typography.Text>
      ) : (
        <Descriptions column={1} size="small">
          {contact.name && <Descriptions.Item label={t('org.contactName')}>{contact.name}</Descriptions.Item>}
          {contact.email && (
            <Descriptions.Item label={t('org.contactEmail')}>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </Descriptions.Item>
          )}
          {contact.phone && <Descriptions.Item label={t('org.contactPhone')}>{contact.phone}</Descriptions.Item>}
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" className="contact-card__note">
        <SafetyCertificateOutlined aria-hidden /> {t('intro.contactRecorded')}
      </Typography.Paragraph>
    </Card>
  );
}

export function ContactHidden() {
  const { t } = useI18n();
  return (
    <Typography.Paragraph type="secondary" data-testid="contact-hidden">
      <LockOutlined aria-hidden /> {t('intro.contactHidden')}
    </Typography.Paragraph>
  );
}
