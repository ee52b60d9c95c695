/**
 * One cooperation: where it is on the pipeline (意向 → 洽谈 → 签约 → 开工 → 投产),
 * its timeline, the form to record progress (its parties), and the key-project
 * flag (promoters and admins).
 */
import { App as AntApp, Card, Col, Descriptions, Result, Row, Skeleton, Space, Steps, Switch, Tag, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { ApiError, asApiError, unwrap } from '../api/errors';
import type { CooperationSide, CooperationView } from '../api/types';
import { CooperationTimeline, StageTag } from '../components/CooperationTimeline';
import { ErrorAlert } from '../components/ErrorAlert';
import { LinkButton } from '../components/LinkButton';
import { StageForm } from '../components/StageForm';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { formatAmount } from '../lib/amount';
import { isTerminal, PIPELINE, stepsState } from '../lib/stages';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';
import { useVocabulary } from '../state/taxonomy';

function Side({ side }: { side: CooperationSide }) {
  return (
    <span>
      {side.organization ? <Link to={`/organizations/${encodeURIComponent(side.organization)}`}>{side.organization_name}</Link> : side.organization_name}
      {side.listing && (
        <>
          {' · '}
          <Link to={`/listings/${encodeURIComponent(side.listing)}`}>{side.listing_title ?? side.listing}</Link>
        </>
      )}
    </span>
  );
}

function KeyProjectSwitch({ cooperation, onChange }: { cooperation: CooperationView; onChange: (updated: CooperationView) => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const toggle = async (key_project: boolean) => {
    setBusy(true);
    try {
      const updated = unwrap(await api.PUT('/api/v1/cooperations/{id}/key-project', { params: { path: { id: cooperation.id } }, body: { key_project } }));
      onChange(updated);
      void message.success(t(key_project ? 'coop.flagged' : 'coop.unflagged'));
    } catch (error) {
      void message.error(errorMessage(asApiError(error), t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space>
      <Switch checked={cooperation.key_project} loading={busy} onChange={(checked) => void toggle(checked)} aria-label={t('coop.keyProject')} data-testid="key-project-switch" />
      <span>{t('coop.keyProject')}</span>
    </Space>
  );
}

export default function CooperationPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { label } = useVocabulary();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const coop = useAsync(() => api.GET('/api/v1/cooperations/{id}', { params: { path: { id } } }).then(unwrap), [id, user?.id]);
  const data = coop.data;
  usePageTitle(data ? data.title : t('coop.title'));

  if (coop.error) {
    if (coop.error instanceof ApiError && coop.error.status === 404) {
      return <Result status="404" title={<h1 className="result-title">{t('coop.notFound')}</h1>} extra={<LinkButton to="/cooperations">{t('coop.title')}</LinkButton>} />;
    }
    return <ErrorAlert error={coop.error} onRetry={coop.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;

  const events = data.events ?? [];
  const reached = events.map((e) => e.to_stage).filter((s): s is NonNullable<typeof s> => Boolean(s));
  const steps = stepsState(data.stage, ['interest', ...reached]);
  const update = (updated: CooperationView) => coop.setData(updated);

  return (
    <article className="cooperation-page">
      <Space size={[8, 4]} wrap>
        <StageTag stage={data.stage} />
        {data.key_project && (
          <Tag color="gold" icon={<StarFilled aria-hidden />} data-testid="key-project-tag">
            {t('coop.keyProject')}
          </Tag>
        )}
        <Tag>{label('sector', data.sector)}</Tag>
        <Tag>{label('region', data.region)}</Tag>
      </Space>
      <h1 data-testid="coop-title">{data.title}</h1>
      <Steps
        className="section pipeline-steps"
        current={steps.current}
        status={steps.status}
        size="small"
        data-testid="pipeline"
        items={PIPELINE.map((s) => ({ title: t(`coop.stage.${s}`) }))}
      />
      {data.stage === 'dropped' && <Typography.Paragraph type="danger">{t('coop.ended', { stage: t('coop.stage.dropped') })}</Typography.Paragraph>}
      <Row gutter={[24, 24]} className="section">
        <Col xs={24} lg={15}>
          <section aria-labelledby="coop-timeline" className="section">
            <h2 id="coop-timeline">{t('coop.timeline')}</h2>
            <CooperationTimeline events={events} />
          </section>
          {data.can_update && !isTerminal(data.stage) && (
            <section aria-labelledby="coop-move" className="section">
              <h2 id="coop-move">{t('coop.move')}</h2>
              <StageForm
                key={data.stage}
                cooperation={data}
                onMoved={(updated) => {
                  update(updated);
                  void message.success(t('coop.moved', { stage: t(`coop.stage.${updated.stage}`) }));
                }}
              />
            </section>
          )}
          {data.can_update && isTerminal(data.stage) && <Typography.Paragraph type="secondary">{t('coop.ended', { stage: t(`coop.stage.${data.stage}`) })}</Typography.Paragraph>}
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={<h2 className="card-heading">{t('listing.details')}</h2>}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('coop.sides')}>
                <Space direction="vertical" size={2}>
                  <Side side={data.side_a} />
                  <Side side={data.side_b} />
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('coop.stage')}>
                <StageTag stage={data.stage} />
              </Descriptions.Item>
              <Descriptions.Item label={t('coop.stageDate')}>{data.stage_date}</Descriptions.Item>
              <Descriptions.Item label={t('coop.agreedAmount')}>
                <strong data-testid="coop-amount">{data.agreed_amount_cny != null ? formatAmount(data.agreed_amount_cny, locale) : '—'}</strong>
              </Descriptions.Item>
              {data.signed_on && <Descriptions.Item label={t('coop.signedOn')}>{data.signed_on}</Descriptions.Item>}
              {data.introduction && (
                <Descriptions.Item label={t('coop.fromIntroduction')}>
                  <Link to={`/introductions/${encodeURIComponent(data.introduction)}`}>{data.introduction}</Link>
                </Descriptions.Item>
              )}
            </Descriptions>
            {data.can_flag && <KeyProjectSwitch cooperation={data} onChange={update} />}
            {!data.can_update && <Typography.Paragraph type="secondary">{t('coop.readOnly')}</Typography.Paragraph>}
          </Card>
        </Col>
      </Row>
    </article>
  );
}
