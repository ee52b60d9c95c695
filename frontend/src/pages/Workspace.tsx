/**
 * My workspace: my organizations and listings, and the recommendations for
 * each of my organizations, to shortlist or dismiss.
 */
import { useMemo, useState } from 'react';
import { Card, Empty, List, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { ListingView } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { LinkButton } from '../components/LinkButton';
import { IntroduceButton } from '../components/IntroduceModal';
import { MatchList } from '../components/MatchesPanel';
import { SavedSearchList } from '../components/SavedSearches';
import { fetchRecommendations } from '../api/matches';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';
import { useVocabulary } from '../state/taxonomy';

const PER_PAGE = 20;

function MyListings() {
  const { t, pick, locale } = useI18n();
  const { label } = useVocabulary();
  const [page, setPage] = useState(1);
  const listings = useAsync(() => api.GET('/api/v1/listings', { params: { query: { mine: true, page, per_page: PER_PAGE } } }).then(unwrap), [page]);
  if (listings.error) return <ErrorAlert error={listings.error} onRetry={listings.reload} />;
  return (
    <Table<ListingView>
      rowKey="external_id"
      loading={listings.loading}
      dataSource={listings.data?.items ?? []}
      locale={{ emptyText: <Empty description={t('ws.noListings')} /> }}
      scroll={{ x: 720 }}
      pagination={{ current: page, pageSize: PER_PAGE, total: listings.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      columns={[
        {
          title: t('ws.col.title'),
          key: 'title',
          render: (_, l) => <Link to={`/listings/${encodeURIComponent(l.external_id)}`}>{pick(l.title, l.title_en)}</Link>,
        },
        { title: t('ws.col.type'), key: 'type', render: (_, l) => label('listing_type', l.listing_type) },
        {
          title: t('ws.col.status'),
          key: 'status',
          render: (_, l) => (
            <Space size={4}>
              <Tag color={l.status === 'published' ? 'green' : l.status === 'closed' ? 'red' : 'default'}>{t(`listing.status.${l.status ?? 'published'}` as MessageKey)}</Tag>
              {l.expired && <Tag color="orange">{t('listing.expired')}</Tag>}
            </Space>
          ),
        },
        { title: t('ws.col.organization'), key: 'org', render: (_, l) => pick(l.organization_name, l.organization_name_en) },
        { title: t('ws.col.updated'), key: 'updated', render: (_, l) => new Date(l.updated_at).toLocaleDateString(locale) },
        {
          title: t('ws.col.actions'),
          key: 'actions',
          render: (_, l) => (
            <Space size={4} wrap>
              <LinkButton size="small" to={`/listings/${encodeURIComponent(l.external_id)}/edit`}>
                {t('common.edit')}
              </LinkButton>
              {l.status === 'published' && !l.expired && (
                <LinkButton size="small" type="link" to={`/listings/${encodeURIComponent(l.external_id)}#matches`}>
                  {t('ws.viewMatches')}
                </LinkButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** One organization's recommendations across its listings, to shortlist or dismiss. */
function Recommendations({ organization, name, titles }: { organization: string; name: string; titles: Map<string, string> }) {
  const { pick } = useI18n();
  const recommendations = useAsync(() => fetchRecommendations(organization, 10), [organization]);
  const headingId = `ws-recs-${organization}`;
  return (
    <section aria-labelledby={headingId} className="section" data-testid="recommendations" data-organization={organization}>
      <h3 id={headingId}>
        <Link to={`/organizations/${encodeURIComponent(organization)}`}>{name}</Link>
      </h3>
      {recommendations.error ? (
        <ErrorAlert error={recommendations.error} onRetry={recommendations.reload} />
      ) : !recommendations.data ? (
        <Skeleton active />
      ) : (
        <MatchList
          matches={recommendations.data}
          onChange={(update) => recommendations.setData((latest) => update(latest ?? []))}
          editable
          listingOf={(m) => m.for_listing ?? ''}
          forListingTitle={(m) => titles.get(m.for_listing ?? '') ?? m.for_listing ?? ''}
          renderActions={(m, listingId) => (
            <IntroduceButton
              listing={{ external_id: m.listing.external_id, title: pick(m.listing.title, m.listing.title_en), organization: m.listing.organization }}
              fromListing={listingId || undefined}
              fromOrganization={organization}
            />
          )}
        />
      )}
    </section>
  );
}

function MatchesTab() {
  const { t, pick } = useI18n();
  const { me, loading } = useAuth();
  // The titles of my listings, to say which one each recommendation is for.
  const mine = useAsync(() => api.GET('/api/v1/listings', { params: { query: { mine: true, per_page: 100 } } }).then(unwrap), []);
  const titles = useMemo(() => new Map((mine.data?.items ?? []).map((l) => [l.external_id, pick(l.title, l.title_en)])), [mine.data, pick]);
  if (loading && !me) return <Skeleton active />;
  if (!me || me.memberships.length === 0) return <Empty description={t('ws.noOrganizations')} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('ws.matchesIntro')}</Typography.Paragraph>
      {me.memberships.map((m) => (
        <Recommendations key={m.organization} organization={m.organization} name={m.organization_name} titles={titles} />
      ))}
    </>
  );
}

export default function Workspace() {
  const { t } = useI18n();
  const { user, me, loading } = useAuth();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('ws.title'));
  const tab = params.get('tab') ?? 'listings';

  return (
    <div className="workspace">
      <h1>{t('ws.title')}</h1>
      <Typography.Paragraph type="secondary">{t('ws.greeting', { name: user?.display_name ?? '' })}</Typography.Paragraph>
      <section aria-labelledby="ws-orgs" className="section">
        <div className="section__head">
          <h2 id="ws-orgs">{t('ws.myOrganizations')}</h2>
          <LinkButton to="/organizations/new" icon={<PlusOutlined aria-hidden />}>
            {t('ws.newOrganization')}
          </LinkButton>
        </div>
        {loading && !me ? (
          <Skeleton active />
        ) : !me || me.memberships.length === 0 ? (
          <Empty description={t('ws.noOrganizations')} />
        ) : (
          <List
            grid={{ gutter: 16, xs: 1, sm: 2, lg: 3 }}
            dataSource={me.memberships}
            renderItem={(m) => (
              <List.Item>
                <Card size="small">
                  <h3 className="card-heading">
                    <Link to={`/organizations/${encodeURIComponent(m.organization)}`}>{m.organization_name}</Link>
                  </h3>
                  <p className="muted">{t('org.myRole', { role: t(`org.role.${m.role}` as MessageKey) })}</p>
                  <LinkButton size="small" type="primary" to={`/listings/new?organization=${encodeURIComponent(m.organization)}`} icon={<PlusOutlined aria-hidden />}>
                    {t('ws.newListing')}
                  </LinkButton>
                </Card>
              </List.Item>
            )}
          />
        )}
      </section>
      <section aria-label={t('ws.myListings')} className="section">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'listings' ? {} : { tab: key })}
          items={[
            { key: 'listings', label: t('ws.myListings'), children: <MyListings /> },
            { key: 'matches', label: t('ws.matches'), children: <MatchesTab /> },
            { key: 'searches', label: t('saved.title'), children: <SavedSearchList /> },
          ]}
        />
      </section>
    </div>
  );
}
