/**
 * One listing: everything about it, its organization, and its suggested
 * matches with the explanation of each.
 */
import { App as AntApp, Button, Card, Col, Descriptions, Popconfirm, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { EditOutlined, DeleteOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { ApiError, asApiError, unwrap } from '../api/errors';
import { AmountText } from '../components/AmountText';
import { ErrorAlert } from '../components/ErrorAlert';
import { LinkButton } from '../components/LinkButton';
import { BrokerButton, IntroduceButton } from '../components/IntroduceModal';
import { MatchesPanel } from '../components/MatchesPanel';
import { VerifiedBadge } from '../components/VerifiedBadge';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';
import { useVocabulary } from '../state/taxonomy';

export default function ListingPage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const { label } = useVocabulary();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  // Reload when the user changes: owners see drafts that visitors do not.
  const listing = useAsync(() => api.GET('/api/v1/listings/{id}', { params: { path: { id } } }).then(unwrap), [id, user?.id]);
  const orgId = listing.data?.organization;
  const organization = useAsync(
    () => (orgId ? api.GET('/api/v1/organizations/{id}', { params: { path: { id: orgId } } }).then(unwrap) : Promise.resolve(null)),
    [orgId],
  );
  const data = listing.data;
  usePageTitle(data ? pick(data.title, data.title_en) : null);

  if (listing.error) {
    if (listing.error instanceof ApiError && listing.error.status === 404) {
      return <Result status="404" title={<h1 className="result-title">{t('listing.notFound')}</h1>} extra={<LinkButton to="/search">{t('nav.search')}</LinkButton>} />;
    }
    return <ErrorAlert error={listing.error} onRetry={listing.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;

  const title = pick(data.title, data.title_en);
  const description = pick(data.description, data.description_en);
  const englishMissing = locale === 'en' && !data.description_en;
  const org = organization.data;

  const remove = async () => {
    try {
      unwrap(await api.DELETE('/api/v1/listings/{id}', { params: { path: { id } } }));
      void message.success(t('listing.deleted'));
      navigate('/workspace');
    } catch (error) {
      void message.error(errorMessage(asApiError(error), t));
    }
  };

  return (
    <article className="listing-page">
      <Space size={[8, 4]} wrap>
        <Tag color="blue">{label('listing_type', data.listing_type)}</Tag>
        {data.status && data.status !== 'published' && <Tag color={data.status === 'draft' ? 'default' : 'red'}>{t(`listing.status.${data.status}` as MessageKey)}</Tag>}
        {data.expired && <Tag color="red">{t('listing.expired')}</Tag>}
      </Space>
      <h1 className="listing-page__title" data-testid="listing-title">
        {title}
      </h1>
      {locale === 'zh-CN' && data.title_en && (
        <Typography.Paragraph type="secondary" lang="en">
          {data.title_en}
        </Typography.Paragraph>
      )}
      <div className="listing-page__org">
        <Link to={`/organizations/${encodeURIComponent(data.organization)}`}>{pick(data.organization_name, data.organization_name_en)}</Link>{' '}
        <VerifiedBadge verified={data.organization_verified} />
      </div>
      {data.status === 'published' && !data.expired && !data.editable && (
        <Space className="listing-page__actions" wrap>
          <IntroduceButton listing={{ external_id: data.external_id, title, organization: data.organization }} />
          <BrokerButton listing={{ external_id: data.external_id, title, organization: data.organization }} />
        </Space>
      )}
      {data.editable && (
        <Space className="listing-page__actions">
          <LinkButton to={`/listings/${encodeURIComponent(id)}/edit`} icon={<EditOutlined aria-hidden />}>
            {t('listing.edit')}
          </LinkButton>
          <Popconfirm title={t('common.confirmDelete')} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => void remove()}>
            <Button danger icon={<DeleteOutlined aria-hidden />}>
              {t('listing.delete')}
            </Button>
          </Popconfirm>
        </Space>
      )}
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={16}>
          <section aria-labelledby="description-heading" className="section">
            <h2 id="description-heading">{t('listing.description')}</h2>
            {englishMissing && <Typography.Paragraph type="secondary">{t('common.originalChinese')}</Typography.Paragraph>}
            <div className="prose" lang={englishMissing || locale === 'zh-CN' ? 'zh-CN' : 'en'}>
              {description.split(/\n+/).map((paragraph, i) => (
                <p key={i}>{paragraph}</p>
              ))}
            </div>
          </section>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={<h2 className="card-heading">{t('listing.details')}</h2>}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('listing.amount')}>
                <strong>
                  <AmountText min={data.amount_cny_min} max={data.amount_cny_max} />
                </strong>
              </Descriptions.Item>
              <Descriptions.Item label={t('listing.region')}>{label('region', data.region)}</Descriptions.Item>
              <Descriptions.Item label={t('listing.targetRegions')}>{data.effective_target_regions.map((r) => label('region', r)).join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('listing.sectors')}>
                <Space size={[4, 4]} wrap>
                  {data.sectors.map((s) => (
                    <Tag key={s} bordered={false}>
                      <Link to={`/search?sector=${encodeURIComponent(s.split('.')[0] ?? s)}`}>{label('sector', s)}</Link>
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              {(data.modes?.length ?? 0) > 0 && <Descriptions.Item label={t('listing.modes')}>{data.modes!.map((m) => label('mode', m)).join('、')}</Descriptions.Item>}
              <Descriptions.Item label={t('listing.deadline')}>{data.deadline ?? t('listing.noDeadline')}</Descriptions.Item>
              {(data.tags?.length ?? 0) > 0 && (
                <Descriptions.Item label={t('listing.tags')}>
                  <Space size={[4, 4]} wrap>
                    {data.tags!.map((tag) => (
                      <Tag key={tag}>{tag}</Tag>
                    ))}
                  </Space>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('listing.status')}>{t(`listing.status.${data.status ?? 'published'}` as MessageKey)}</Descriptions.Item>
              <Descriptions.Item label={t('listing.externalId')}>
                <Typography.Text code copyable>
                  {data.external_id}
                </Typography.Text>
              </Descriptions.Item>
              {data.published_at && <Descriptions.Item label={t('listing.publishedAt')}>{new Date(data.published_at).toLocaleDateString(locale)}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card size="small" className="section" title={<h2 className="card-heading">{t('listing.aboutOrganization')}</h2>}>
            {org ? (
              <>
                <p>
                  <strong>{pick(org.name, org.name_en)}</strong> <VerifiedBadge verified={org.verified} />
                </p>
                <p className="muted">
                  {label('org_type', org.org_type)} · {label('region', org.region)}
                  {org.district ? ` · ${org.district}` : ''}
                </p>
                <Typography.Paragraph ellipsis={{ rows: 4 }}>{pick(org.description, org.description_en)}</Typography.Paragraph>
                <LinkButton to={`/organizations/${encodeURIComponent(org.external_id)}`} type="link" className="no-padding">
                  {t('listing.viewOrganization')}
                </LinkButton>
              </>
            ) : organization.error ? (
              <ErrorAlert error={organization.error} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
      <MatchesPanel
        listingId={data.external_id}
        editable={Boolean(user) && data.editable}
        renderActions={(match) => {
          const target = { external_id: match.listing.external_id, title: pick(match.listing.title, match.listing.title_en), organization: match.listing.organization };
          return (
            <>
              <IntroduceButton listing={target} fromListing={data.editable ? data.external_id : undefined} fromOrganization={data.editable ? data.organization : undefined} />
              <BrokerButton listing={target} fromListing={{ external_id: data.external_id, title }} />
            </>
          );
        }}
      />
    </article>
  );
}
