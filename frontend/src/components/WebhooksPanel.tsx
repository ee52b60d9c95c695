/**
 * An organization's webhooks, for its owners and editors (and admins): list,
 * create (the signing secret shown once), enable/disable, delete, send a
 * test, and each one's delivery log.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Empty, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SendOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import { asApiError, unwrap } from '../api/errors';
import type { DeliveryView, WebhookView } from '../api/types';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useApiForm } from '../lib/useApiForm';
import { useAsync } from '../lib/useAsync';
import { ErrorAlert } from './ErrorAlert';

export const WEBHOOK_EVENTS = ['match.new', 'introduction.requested', 'introduction.accepted', 'introduction.declined', 'cooperation.stage_changed'] as const;

function eventName(event: string, t: (key: MessageKey) => string): string {
  return (WEBHOOK_EVENTS as readonly string[]).includes(event) ? t(`hook.event.${event}` as MessageKey) : event;
}

const OUTCOME_COLOR: Record<string, string> = { delivered: 'green', retrying: 'gold', failed: 'red' };

function Deliveries({ organization, webhook }: { organization: string; webhook: number }) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const list = useAsync(
    () => api.GET('/api/v1/organizations/{id}/webhooks/{webhook_id}/deliveries', { params: { path: { id: organization, webhook_id: webhook }, query: { page, per_page: 10 } } }).then(unwrap),
    [organization, webhook, page],
  );
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  return (
    <Table<DeliveryView>
      size="small"
      rowKey={(d) => `${d.delivery_id}-${d.attempt}`}
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      locale={{ emptyText: <Empty description={t('hook.noDeliveries')} /> }}
      scroll={{ x: 640 }}
      pagination={{ current: page, pageSize: 10, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, hideOnSinglePage: true }}
      columns={[
        { title: t('hook.col.time'), key: 'time', render: (_, d) => new Date(d.attempted_at).toLocaleString(locale) },
        { title: t('hook.col.event'), key: 'event', render: (_, d) => (d.event === 'ping' ? 'ping' : eventName(d.event, t)) },
        { title: t('hook.col.attempt'), key: 'attempt', render: (_, d) => d.attempt },
        { title: t('hook.col.status'), key: 'status', render: (_, d) => d.status_code ?? '—' },
        { title: t('hook.col.outcome'), key: 'outcome', render: (_, d) => <Tag color={OUTCOME_COLOR[d.outcome]}>{OUTCOME_COLOR[d.outcome] ? t(`hook.outcome.${d.outcome}` as MessageKey) : d.outcome}</Tag> },
        { title: t('hook.col.duration'), key: 'duration', render: (_, d) => `${d.duration_ms} ms` },
        { title: t('hook.col.error'), key: 'error', render: (_, d) => d.error ?? '' },
      ]}
    />
  );
}

interface NewWebhook {
  url: string;
  events: string[];
}

export function WebhooksPanel({ organization }: { organization: string }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const hooks = useAsync(() => api.GET('/api/v1/organizations/{id}/webhooks', { params: { path: { id: organization } } }).then(unwrap), [organization]);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [showing, setShowing] = useState<number | null>(null);
  const [form] = Form.useForm<NewWebhook>();
  const { submitting, formError, submit } = useApiForm(form);
  const path = (id: number) => ({ path: { id: organization, webhook_id: id } });

  const create = async (values: NewWebhook) => {
    const created = await submit(async () => unwrap(await api.POST('/api/v1/organizations/{id}/webhooks', { params: { path: { id: organization } }, body: { url: values.url.trim(), events: values.events, active: true } })));
    if (!created) return;
    setCreating(false);
    setSecret(created.secret);
    hooks.reload();
    void message.success(t('hook.created'));
  };
  const run = async (action: () => Promise<unknown>, done: MessageKey) => {
    try {
      await action();
      void message.success(t(done));
    } catch (error) {
      void message.error(errorMessage(asApiError(error), t));
    }
  };
  const setActive = (hook: WebhookView, active: boolean) =>
    run(async () => {
      const updated = unwrap(await api.PATCH('/api/v1/organizations/{id}/webhooks/{webhook_id}', { params: path(hook.id), body: { active } }));
      hooks.setData((latest) => (latest ?? []).map((h) => (h.id === hook.id ? updated : h)));
    }, 'hook.updated');
  const remove = (hook: WebhookView) =>
    run(async () => {
      unwrap(await api.DELETE('/api/v1/organizations/{id}/webhooks/{webhook_id}', { params: path(hook.id) }));
      hooks.setData((latest) => (latest ?? []).filter((h) => h.id !== hook.id));
    }, 'hook.deleted');
  const test = (hook: WebhookView) => run(async () => unwrap(await api.POST('/api/v1/organizations/{id}/webhooks/{webhook_id}/test', { params: path(hook.id) })), 'hook.testQueued');

  return (
    <section aria-labelledby="org-webhooks" className="section" data-testid="webhooks">
      <div className="section__head">
        <h2 id="org-webhooks">{t('hook.title')}</h2>
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('hook.new')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('hook.intro')}</Typography.Paragraph>
      {secret && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setSecret(null)}
          className="form-error"
          data-testid="webhook-secret"
          message={t('hook.secretTitle')}
          description={
            <>
              <p>{t('hook.secretOnce')}</p>
              <Typography.Text code copyable>
                {secret}
              </Typography.Text>
            </>
          }
        />
      )}
      {hooks.error ? (
        <ErrorAlert error={hooks.error} onRetry={hooks.reload} />
      ) : (
        <Table<WebhookView>
          rowKey="id"
          size="small"
          loading={hooks.loading}
          dataSource={hooks.data ?? []}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: <Empty description={t('hook.empty')} /> }}
          expandable={{
            expandedRowKeys: showing === null ? [] : [showing],
            showExpandColumn: false,
            expandedRowRender: (hook) => <Deliveries organization={organization} webhook={hook.id} />,
          }}
          columns={[
            { title: t('hook.url'), key: 'url', render: (_, h) => <Typography.Text code>{h.url}</Typography.Text> },
            {
              title: t('hook.events'),
              key: 'events',
              render: (_, h) => (
                <Space size={[4, 4]} wrap>
                  {h.events.map((e) => (
                    <Tag key={e}>{eventName(e, t)}</Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('hook.active'),
              key: 'active',
              render: (_, h) => <Switch size="small" checked={h.active} onChange={(checked) => void setActive(h, checked)} aria-label={h.active ? t('hook.disable') : t('hook.enable')} />,
            },
            { title: t('hook.col.created'), key: 'created', render: (_, h) => new Date(h.created_at).toLocaleDateString(locale) },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_, h) => (
                <Space size={4} wrap>
                  <Button size="small" icon={<SendOutlined aria-hidden />} onClick={() => void test(h)} disabled={!h.active}>
                    {t('hook.test')}
                  </Button>
                  <Button size="small" icon={<UnorderedListOutlined aria-hidden />} onClick={() => setShowing(showing === h.id ? null : h.id)} aria-expanded={showing === h.id}>
                    {t('hook.deliveries')}
                  </Button>
                  <Popconfirm title={t('common.confirmDelete')} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => void remove(h)}>
                    <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('common.delete')} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={creating}
        title={t('hook.new')}
        okText={t('hook.create')}
        cancelText={t('common.cancel')}
        onCancel={() => setCreating(false)}
        okButtonProps={{ loading: submitting, htmlType: 'submit', form: 'webhook-form' }}
        destroyOnHidden
      >
        <Form form={form} id="webhook-form" layout="vertical" requiredMark={false} initialValues={{ events: [...WEBHOOK_EVENTS] }} onFinish={(values) => void create(values)}>
          {formError && <Alert type="error" role="alert" showIcon className="form-error" message={formError.join(' ')} />}
          <Form.Item name="url" label={t('hook.url')} rules={[{ required: true, whitespace: true, message: t('fieldError.required') }]}>
            <Input type="url" placeholder="https://example.com/hulian" maxLength={2000} />
          </Form.Item>
          <Form.Item name="events" label={t('hook.events')} rules={[{ required: true, type: 'array', min: 1, message: t('fieldError.required') }]}>
            <Checkbox.Group options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: eventName(e, t) }))} />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
