/** The audit log (admins): sensitive actions, newest first, filtered by action. */
import { useState } from 'react';
import { Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { AuditAction, AuditEntryView } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n/I18nProvider';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';

const ACTIONS: readonly AuditAction[] = ['contact_reveal', 'role_change', 'membership_change', 'verification', 'import', 'export', 'deletion', 'key_project'];
const PER_PAGE = 50;

export default function AuditLog() {
  const { t, locale } = useI18n();
  const [action, setAction] = useState<AuditAction | undefined>(undefined);
  const [page, setPage] = useState(1);
  usePageTitle(t('audit.title'));
  const log = useAsync(() => api.GET('/api/v1/audit', { params: { query: { page, per_page: PER_PAGE, ...(action ? { action } : {}) } } }).then(unwrap), [action, page]);
  return (
    <div className="audit-page">
      <h1>{t('audit.title')}</h1>
      <Typography.Paragraph type="secondary">{t('audit.intro')}</Typography.Paragraph>
      <Space className="filters-row">
        <label htmlFor="audit-action">{t('audit.action')}</label>
        <Select<AuditAction>
          allowClear
          id="audit-action"
          placeholder={t('audit.action')}
          style={{ minWidth: 180 }}
          value={action}
          onChange={(value) => {
            setAction(value);
            setPage(1);
          }}
          options={ACTIONS.map((a) => ({ value: a, label: t(`audit.action.${a}`) }))}
        />
      </Space>
      {log.error ? (
        <ErrorAlert error={log.error} onRetry={log.reload} />
      ) : (
        <Table<AuditEntryView>
          rowKey="id"
          size="small"
          data-testid="audit-log"
          loading={log.loading}
          dataSource={log.data?.items ?? []}
          locale={{ emptyText: <Empty /> }}
          scroll={{ x: 860 }}
          pagination={{ current: page, pageSize: PER_PAGE, total: log.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('audit.col.time'), key: 'time', render: (_, e) => new Date(e.created_at).toLocaleString(locale) },
            { title: t('audit.col.actor'), key: 'actor', render: (_, e) => e.actor_email ?? t('audit.commandLine') },
            { title: t('audit.col.action'), key: 'action', render: (_, e) => <Tag>{t(`audit.action.${e.action}`)}</Tag> },
            { title: t('audit.col.subject'), key: 'subject', render: (_, e) => `${e.subject_type} ${e.subject_id}` },
            {
              title: t('audit.col.detail'),
              key: 'detail',
              render: (_, e) => (
                <Typography.Text code className="audit-detail">
                  {JSON.stringify(e.detail)}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
