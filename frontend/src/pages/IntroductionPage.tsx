/**
 * One introduction: the two sides, the message, each side's answer; accept
 * or decline (with a note) when it is my side's turn, withdraw when I asked;
 * the other side's contact card once accepted, and the cooperation it became.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Input, Modal, Popconfirm, Result, Row, Skeleton, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { ApiError, asApiError, unwrap } from '../api/errors';
import type { IntroductionSide, IntroductionView } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { ContactCard, ContactHidden, IntroductionKindTag, IntroductionStatusTag } from '../components/IntroductionBits';
import { LinkButton } from '../components/LinkButton';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';

type Answer = 'accept' | 'decline';

function SideCard({ intro, which }: { intro: IntroductionView; which: 'a' | 'b' }) {
  const { t, pick } = useI18n();
  const side: IntroductionSide = which === 'a' ? intro.side_a : intro.side_b;
  const mine = intro.my_sides.includes(which);
  const name = pick(side.organization_name, side.organization_name_en);
  return (
    <Card
      size="small"
      data-testid={`intro-side-${which}`}
      title={
        <h2 className="card-heading">
          {t(which === 'a' ? 'intro.sideA' : 'intro.sideB')}
          {mine ? t('intro.sideAs') : ''}
        </h2>
      }
    >
      <p>
        <Link to={`/organizations/${encodeURIComponent(side.organization)}`}>
          <strong>{name}</strong>
        </Link>
      </p>
      {side.listing && (
        <p>
          <Link to={`/listings/${encodeURIComponent(side.listing)}`}>{side.listing_title ?? side.listing}</Link>
        </p>
      )}
      <p>
        {t('intro.response')}: <IntroductionStatusTag status={side.response} />
      </p>
      {side.contact ? <ContactCard name={name} contact={side.contact} /> : !mine && intro.status === 'pending' ? <ContactHidden /> : null}
    </Card>
  );
}

export default function IntroductionPage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const intro = useAsync(() => api.GET('/api/v1/introductions/{id}', { params: { path: { id } } }).then(unwrap), [id, user?.id]);
  const [answering, setAnswering] = useState<Answer | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const data = intro.data;
  usePageTitle(data ? t('intro.detailTitle', { a: pick(data.side_a.organization_name, data.side_a.organization_name_en), b: pick(data.side_b.organization_name, data.side_b.organization_name_en) }) : t('intro.title'));

  if (intro.error) {
    if (intro.error instanceof ApiError && intro.error.status === 404) {
      return <Result status="404" title={<h1 className="result-title">{t('intro.notFound')}</h1>} extra={<LinkButton to="/introductions">{t('intro.title')}</LinkButton>} />;
    }
    return <ErrorAlert error={intro.error} onRetry={intro.reload} />;
  }
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;

  const act = async (action: () => Promise<IntroductionView>, done: 'intro.accepted' | 'intro.declined' | 'intro.withdrawn') => {
    setBusy(true);
    setActionError(null);
    try {
      const updated = await action();
      intro.setData(updated);
      setAnswering(null);
      setNote('');
      void message.success(t(done));
    } catch (error) {
      setActionError(errorMessage(asApiError(error), t));
    } finally {
      setBusy(false);
    }
  };
  const answer = (kind: Answer) => {
    const body = note.trim() ? { note: note.trim() } : {};
    return act(
      async () =>
        kind === 'accept'
          ? unwrap(await api.POST('/api/v1/introductions/{id}/accept', { params: { path: { id } }, body }))
          : unwrap(await api.POST('/api/v1/introductions/{id}/decline', { params: { path: { id } }, body })),
      kind === 'accept' ? 'intro.accepted' : 'intro.declined',
    );
  };
  const withdraw = () => act(async () => unwrap(await api.POST('/api/v1/introductions/{id}/withdraw', { params: { path: { id } } })), 'intro.withdrawn');

  const a = pick(data.side_a.organization_name, data.side_a.organization_name_en);
  const b = pick(data.side_b.organization_name, data.side_b.organization_name_en);
  return (
    <article className="introduction-page">
      <Space size={[8, 4]} wrap>
        <IntroductionKindTag kind={data.kind} />
        <IntroductionStatusTag status={data.status} />
      </Space>
      <h1 data-testid="intro-title">{t('intro.detailTitle', { a, b })}</h1>
      <Typography.Paragraph type="secondary">
        {t('intro.col.created')}: {new Date(data.created_at).toLocaleString(locale)}
        {data.brokered_by && <> · {t('intro.brokeredBy', { name: data.brokered_by })}</>}
      </Typography.Paragraph>
      {actionError && <Alert type="error" role="alert" showIcon message={actionError} className="form-error" />}
      {(data.can_respond || data.can_withdraw || data.cooperation) && (
        <Space className="listing-page__actions" wrap>
          {data.can_respond && (
            <>
              <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setAnswering('accept')} data-testid="intro-accept">
                {t('intro.accept')}
              </Button>
              <Button danger icon={<CloseOutlined aria-hidden />} onClick={() => setAnswering('decline')} data-testid="intro-decline">
                {t('intro.decline')}
              </Button>
            </>
          )}
          {data.can_withdraw && (
            <Popconfirm title={t('intro.confirmWithdraw')} okText={t('intro.withdraw')} cancelText={t('common.cancel')} onConfirm={() => void withdraw()}>
              <Button icon={<RollbackOutlined aria-hidden />} disabled={busy}>
                {t('intro.withdraw')}
              </Button>
            </Popconfirm>
          )}
          {data.cooperation && (
            <LinkButton type="primary" ghost to={`/cooperations/${encodeURIComponent(data.cooperation)}`} data-testid="intro-cooperation">
              {t('intro.openCooperation')}
            </LinkButton>
          )}
        </Space>
      )}
      <section aria-labelledby="intro-message" className="section">
        <h2 id="intro-message">{t('intro.messageFrom')}</h2>
        <div className="prose" data-testid="intro-message-text">
          {data.message.split(/\n+/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
        {data.response_note && (
          <>
            <h3>{t('intro.responseNote')}</h3>
            <p data-testid="intro-response-note">{data.response_note}</p>
          </>
        )}
      </section>
      <Row gutter={[16, 16]} className="section">
        <Col xs={24} md={12}>
          <SideCard intro={data} which="a" />
        </Col>
        <Col xs={24} md={12}>
          <SideCard intro={data} which="b" />
        </Col>
      </Row>
      <Modal
        open={answering !== null}
        title={answering === 'decline' ? t('intro.decline') : t('intro.accept')}
        okText={answering === 'decline' ? t('intro.decline') : t('intro.accept')}
        okButtonProps={{ danger: answering === 'decline', loading: busy, id: 'intro-answer-ok' }}
        cancelText={t('common.cancel')}
        onCancel={() => setAnswering(null)}
        onOk={() => answering && void answer(answering)}
      >
        <label htmlFor="intro-note">{t('intro.noteLabel')}</label>
        <Input.TextArea id="intro-note" rows={4} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </article>
  );
}
