/** Cooperations I may see (my organizations'; all of them for promoters and admins), filtered; the filters live in the URL. */
import { Checkbox, Empty, Select, Space, Table, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { CooperationQuery, CooperationView, Region, Stage } from '../api/types';
import { StageTag } from '../components/CooperationTimeline';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/I18nProvider';
import { formatAmount } from '../lib/amount';
import { ALL_STAGES } from '../lib/stages';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useVocabulary } from '../state/taxonomy';

const PER_PAGE = 20;

export default function Cooperations() {
  const { t, locale } = useI18n();
  const { label, options } = useVocabulary();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('coop.title'));
  const stage = (ALL_STAGES as readonly string[]).includes(params.get('stage') ?? '') ? (params.get('stage') as Stage) : undefined;
  const sector = params.get('sector') ?? undefined;
  const region = (params.get('region') as Region | null) ?? undefined;
  const keyProject = params.get('key_project') === 'true';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const query: CooperationQuery = { page, per_page: PER_PAGE };
  if (stage) query.stage = stage;
  if (sector) query.sector = sector;
  if (region) query.region = region;
  if (keyProject) query.key_project = true;
  const list = useAsync(() => api.GET('/api/v1/cooperations', { params: { query } }).then(unwrap), [params.toString()]);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next);
  };

  return (
    <div className="cooperations-page">
      <h1>{t('coop.title')}</h1>
      <Typography.Paragraph type="secondary">{t('coop.intro')}</Typography.Paragraph>
      <Space wrap className="filters-row" size={[12, 8]}>
        <label htmlFor="coop-stage" className="visually-hidden">
          {t('coop.stage')}
        </label>
        <Select<Stage>
          allowClear
          id="coop-stage"
          placeholder={t('coop.stage')}
          style={{ minWidth: 140 }}
          value={stage}
          onChange={(v) => set('stage', v)}
          options={ALL_STAGES.map((s) => ({ value: s, label: t(`coop.stage.${s}`) }))}
        />
        <label htmlFor="coop-sector" className="visually-hidden">
          {t('coop.sector')}
        </label>
        <Select
          allowClear
          id="coop-sector"
          placeholder={t('coop.sector')}
          style={{ minWidth: 180 }}
          value={sector}
          onChange={(v: string | undefined) => set('sector', v)}
          options={options('sector').filter((o) => !o.value.includes('.'))}
        />
        <label htmlFor="coop-region" className="visually-hidden">
          {t('coop.region')}
        </label>
        <Select
          allowClear
          id="coop-region"
          placeholder={t('coop.region')}
          style={{ minWidth: 140 }}
          value={region}
          onChange={(v: string | undefined) => set('region', v)}
          options={options('region')}
        />
        <Checkbox checked={keyProject} onChange={(e) => set('key_project', e.target.checked ? 'true' : undefined)}>
          {t('coop.keyProjectOnly')}
        </Checkbox>
      </Space>
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={list.reload} />
      ) : (
        <Table<CooperationView>
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="cooperations"
          locale={{ emptyText: <Empty description={t('coop.empty')} /> }}
          scroll={{ x: 820 }}
          pagination={{ current: page, pageSize: PER_PAGE, total: list.data?.total ?? 0, onChange: (p) => set('page', String(p)), showSizeChanger: false }}
          columns={[
            {
              title: t('coop.col.title'),
              key: 'title',
              render: (_, c) => (
                <Space size={4}>
                  {c.key_project && <StarFilled aria-label={t('coop.keyProject')} style={{ color: '#d48806' }} />}
                  <Link to={`/cooperations/${encodeURIComponent(c.id)}`}>{c.title}</Link>
                </Space>
              ),
            },
            { title: t('coop.col.sides'), key: 'sides', render: (_, c) => `${c.side_a.organization_name} ↔ ${c.side_b.organization_name}` },
            { title: t('coop.col.stage'), key: 'stage', render: (_, c) => <StageTag stage={c.stage} /> },
            { title: t('coop.col.stageDate'), key: 'date', render: (_, c) => c.stage_date },
            { title: t('coop.sector'), key: 'sector', render: (_, c) => label('sector', c.sector) },
            { title: t('coop.region'), key: 'region', render: (_, c) => label('region', c.region) },
            { title: t('coop.col.amount'), key: 'amount', align: 'right', render: (_, c) => (c.agreed_amount_cny != null ? formatAmount(c.agreed_amount_cny, locale) : '—') },
          ]}
        />
      )}
    </div>
  );
}
