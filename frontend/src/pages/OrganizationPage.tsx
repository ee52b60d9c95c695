/** An organization: its profile, verification badge and listings. */
import { useState } from 'react';
import { Card, Col, Descriptions, Empty, Pagination, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { api } from '../api/client';
import { ApiError, unwrap } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { LinkButton } from '../components/LinkButton';
import { ListingCard } from '../components/ListingCard';
import { VerifiedBadge } from '../components/VerifiedBadge';
import { WebhooksPanel } from '../components/WebhooksPanel';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';
import { useVocabulary } from '../state/taxonomy';

const PER_PAGE = 10;

export default function OrganizationPage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const { label } = useVocabulary();
  const { user, isAdmin } = useAuth();
  const [page, setPage] = useState(1);
  const org = useAsync(() => api.GET('/api/v1/organizations/{id}', { params: { path: { id } } }).then(unwrap), [id, user?.id]);
  const listings = useAsync(
    () => api.GET('/api/v1/listings', { params: { query: { organization: id, page, per_page: PER_PAGE } } }).then(unwrap),
    [id, page, user?.id],
  );
  const data = org.data;
  usePageTitle(data ? pick(data.name, data.name_en) : null);

  if (org.error) {
    if (org.error instanceof ApiError && org.error.status === 404) return <Result status="404" title={<h1 className="result-title">{t('org.notFound')}</h1>} />;
    return <ErrorAlert error={org.error} onRetry={org.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;

  const canEdit = Boolean(data.my_role) || isAdmin;
  const englishMissing = locale === 'en' && !data.description_en;

  return (
    <article className="org-page">
      <Space size={[8, 4]} wrap>
        <Tag color="geekblue">{label('org_type', data.org_type)}</Tag>
        <VerifiedBadge verified={data.verified} showUnverified />
        {data.my_role && <Tag>{t('org.myRole', { role: t(`org.role.${data.my_role}` as MessageKey) })}</Tag>}
      </Space>
      <h1 data-testid="org-name">{pick(data.name, data.name_en)}</h1>
      {locale === 'zh-CN' && data.name_en && (
        <Typography.Paragraph type="secondary" lang="en">
          {data.name_en}
        </Typography.Paragraph>
      )}
      {canEdit && (
        <Space className="listing-page__actions" wrap>
          <LinkButton to={`/organizations/${encodeURIComponent(id)}/edit`} icon={<EditOutlined aria-hidden />}>
            {t('common.edit')}
          </LinkButton>
          <LinkButton to={`/listings/new?organization=${encodeURIComponent(id)}`} type="primary" icon={<PlusOutlined aria-hidden />}>
            {t('org.postListing')}
          </LinkButton>
        </Space>
      )}
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={16}>
          <section aria-labelledby="org-about" className="section">
            <h2 id="org-about">{t('org.description')}</h2>
            {englishMissing && <Typography.Paragraph type="secondary">{t('common.originalChinese')}</Typography.Paragraph>}
            <div className="prose">
              {pick(data.description, data.description_en)
                .split(/\n+/)
                .map((p, i) => (
                  <p key={i}>{p}</p>
                ))}
            </div>
          </section>
          <section aria-labelledby="org-listings" className="section">
            <h2 id="org-listings">
              {t('org.listings')}
              {listings.data && <Typography.Text type="secondary"> · {t('common.total', { count: listings.data.total })}</Typography.Text>}
            </h2>
            {listings.error ? (
              <ErrorAlert error={listings.error} onRetry={listings.reload} />
            ) : !listings.data ? (
              <Skeleton active />
            ) : listings.data.items.length === 0 ? (
              <Empty description={t('org.noListings')} />
            ) : (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                {listings.data.items.map((l) => (
                  <ListingCard key={l.external_id} listing={l} />
                ))}
                {listings.data.total > PER_PAGE && <Pagination current={page} pageSize={PER_PAGE} total={listings.data.total} onChange={setPage} showSizeChanger={false} />}
              </Space>
            )}
          </section>
          {(data.my_role === 'owner' || data.my_role === 'editor' || isAdmin) && <WebhooksPanel organization={data.external_id} />}
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={<h2 className="card-heading">{t('listing.details')}</h2>}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('org.type')}>{label('org_type', data.org_type)}</Descriptions.Item>
              <Descriptions.Item label={t('org.region')}>
                {label('region', data.region)}
                {data.district ? ` · ${data.district}` : ''}
              </Descriptions.Item>
              {data.ownership && <Descriptions.Item label={t('org.ownership')}>{label('ownership', data.ownership)}</Descriptions.Item>}
              <Descriptions.Item label={t('org.sectors')}>
                <Space size={[4, 4]} wrap>
                  {data.sectors.map((s) => (
                    <Tag key={s} bordered={false}>
                      {label('sector', s)}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              {data.website && (
                <Descriptions.Item label={t('org.website')}>
                  <a href={data.website} target="_blank" rel="noopener noreferrer">
                    {data.website}
                  </a>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('listing.externalId')}>
                <Typography.Text code>{data.external_id}</Typography.Text>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {data.contact && (data.contact.name || data.contact.email || data.contact.phone) && (
            <Card size="small" className="section" title={<h2 className="card-heading">{t('org.contact')}</h2>}>
              <Descriptions column={1} size="small">
                {data.contact.name && <Descriptions.Item label={t('org.contactName')}>{data.contact.name}</Descriptions.Item>}
                {data.contact.email && (
                  <Descriptions.Item label={t('org.contactEmail')}>
                    <a href={`mailto:${data.contact.email}`}>{data.contact.email}</a>
                  </Descriptions.Item>
                )}
                {data.contact.phone && <Descriptions.Item label={t('org.contactPhone')}>{data.contact.phone}</Descriptions.Item>}
              </Descriptions>
              <Typography.Text type="secondary">{t('org.contactPrivate')}</Typography.Text>
            </Card>
          )}
        </Col>
      </Row>
    </article>
  );
}
