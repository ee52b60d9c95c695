/** My introductions: those awaiting my answer, all of them, the brokered ones. */
import { useState } from 'react';
import { Empty, Table, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { IntroductionView } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { IntroductionKindTag, IntroductionStatusTag } from '../components/IntroductionBits';
import { useI18n } from '../i18n/I18nProvider';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';

const PER_PAGE = 20;
type Tab = 'awaiting' | 'all' | 'brokered';

function IntroductionTable({ tab }: { tab: Tab }) {
  const { t, pick, locale } = useI18n();
  const [page, setPage] = useState(1);
  const list = useAsync(() => {
    const query =
      tab === 'awaiting'
        ? { awaiting_me: true, page, per_page: PER_PAGE }
        : tab === 'brokered'
          ? { kind: 'brokered' as const, page, per_page: PER_PAGE }
          : { page, per_page: PER_PAGE };
    return api.GET('/api/v1/introductions', { params: { query } }).then(unwrap);
  }, [tab, page]);
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  const items = list.data?.items ?? [];
  const name = (side: IntroductionView['side_a']) => pick(side.organization_name, side.organization_name_en);
  return (
    <Table<IntroductionView>
      rowKey="id"
      loading={list.loading}
      dataSource={items}
      data-testid={`introductions-${tab}`}
      locale={{ emptyText: <Empty description={t('intro.empty')} /> }}
      scroll={{ x: 760 }}
      pagination={{ current: page, pageSize: PER_PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      columns={[
        {
          title: t('intro.col.other'),
          key: 'sides',
          render: (_, i) => (
            <Link to={`/introductions/${encodeURIComponent(i.id)}`}>
              {name(i.side_a)}
              {i.my_sides.includes('a') ? t('intro.sideAs') : ''} ↔ {name(i.side_b)}
              {i.my_sides.includes('b') ? t('intro.sideAs') : ''}
            </Link>
          ),
        },
        {
          title: t('intro.col.listing'),
          key: 'listing',
          render: (_, i) => (i.side_b.listing ? <Link to={`/listings/${encodeURIComponent(i.side_b.listing)}`}>{i.side_b.listing_title ?? i.side_b.listing}</Link> : null),
        },
        { title: t('intro.col.kind'), key: 'kind', render: (_, i) => <IntroductionKindTag kind={i.kind} /> },
        { title: t('intro.col.status'), key: 'status', render: (_, i) => <IntroductionStatusTag status={i.status} /> },
        { title: t('intro.col.created'), key: 'created', render: (_, i) => new Date(i.created_at).toLocaleDateString(locale) },
      ]}
    />
  );
}

export default function Introductions() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('intro.title'));
  const tab = (['awaiting', 'all', 'brokered'] as const).find((k) => k === params.get('tab')) ?? 'awaiting';
  return (
    <div className="introductions-page">
      <h1>{t('intro.title')}</h1>
      <Typography.Paragraph type="secondary">{t('intro.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'awaiting' ? {} : { tab: key })}
        destroyOnHidden
        items={[
          { key: 'awaiting', label: t('intro.tab.awaiting'), children: <IntroductionTable tab="awaiting" /> },
          { key: 'all', label: t('intro.tab.all'), children: <IntroductionTable tab="all" /> },
          { key: 'brokered', label: t('intro.tab.brokered'), children: <IntroductionTable tab="brokered" /> },
        ]}
      />
    </div>
  );
}
