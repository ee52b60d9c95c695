/**
 * Admin: verify organizations; import an exchange-format file and see every
 * invalid line; users and their platform roles.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Descriptions, Input, Segmented, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { InboxOutlined, DownloadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { api, session } from '../api/client';
import { ApiError, asApiError, toApiError, unwrap } from '../api/errors';
import type { ImportLineError, ImportReport, OrganizationView, PlatformRole, UserView } from '../api/types';
import { VerifiedBadge } from '../components/VerifiedBadge';
import { ErrorAlert } from '../components/ErrorAlert';
import { errorMessage, fieldErrorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';
import { useVocabulary } from '../state/taxonomy';

const PER_PAGE = 20;

function VerifyTab() {
  const { t, pick } = useI18n();
  const { label } = useVocabulary();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<'unverified' | 'verified' | 'all'>('unverified');
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string | null>(null);
  const verified = filter === 'all' ? undefined : filter === 'verified';
  const orgs = useAsync(() => api.GET('/api/v1/organizations', { params: { query: { verified, page, per_page: PER_PAGE } } }).then(unwrap), [filter, page]);

  const setVerified = async (org: OrganizationView, value: boolean) => {
    setBusy(org.external_id);
    try {
      unwrap(await api.PUT('/api/v1/organizations/{id}/verification', { params: { path: { id: org.external_id } }, body: { verified: value } }));
      void message.success(t(value ? 'admin.verify.done' : 'admin.verify.revoked', { name: pick(org.name, org.name_en) }));
      orgs.reload();
    } catch (error) {
      void message.error(errorMessage(asApiError(error), t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('admin.verify.intro')}</Typography.Paragraph>
      <Space className="toolbar" align="center" wrap>
        <span id="verify-filter-label">{t('admin.verify.filter')}</span>
        <Segmented
          aria-labelledby="verify-filter-label"
          value={filter}
          onChange={(value) => {
            setFilter(value as typeof filter);
            setPage(1);
          }}
          options={[
            { value: 'unverified', label: t('admin.verify.unverified') },
            { value: 'verified', label: t('admin.verify.verified') },
            { value: 'all', label: t('admin.verify.all') },
          ]}
        />
      </Space>
      {orgs.error ? (
        <ErrorAlert error={orgs.error} onRetry={orgs.reload} />
      ) : (
        <Table<OrganizationView>
          rowKey="external_id"
          loading={orgs.loading}
          dataSource={orgs.data?.items ?? []}
          scroll={{ x: 640 }}
          pagination={{ current: page, pageSize: PER_PAGE, total: orgs.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('admin.col.name'), key: 'name', render: (_, o) => <Link to={`/organizations/${encodeURIComponent(o.external_id)}`}>{pick(o.name, o.name_en)}</Link> },
            { title: t('admin.col.type'), key: 'type', render: (_, o) => label('org_type', o.org_type) },
            { title: t('admin.col.region'), key: 'region', render: (_, o) => label('region', o.region) },
            { title: t('admin.col.verified'), key: 'verified', render: (_, o) => <VerifiedBadge verified={o.verified} showUnverified /> },
            {
              title: t('admin.col.actions'),
              key: 'actions',
              render: (_, o) =>
                o.verified ? (
                  <Button size="small" loading={busy === o.external_id} onClick={() => void setVerified(o, false)} aria-label={`${t('admin.verify.revoke')}: ${pick(o.name, o.name_en)}`}>
                    {t('admin.verify.revoke')}
                  </Button>
                ) : (
                  <Button size="small" type="primary" loading={busy === o.external_id} onClick={() => void setVerified(o, true)} aria-label={`${t('admin.verify.action')}: ${pick(o.name, o.name_en)}`}>
                    {t('admin.verify.action')}
                  </Button>
                ),
            },
          ]}
        />
      )}
    </>
  );
}

function LineErrors({ lines }: { lines: ImportLineError[] }) {
  const { t } = useI18n();
  return (
    <Table<ImportLineError>
      rowKey={(e) => `${e.line}:${e.field}:${e.code}`}
      dataSource={lines}
      size="small"
      pagination={lines.length > 50 ? { pageSize: 50 } : false}
      data-testid="import-errors"
      columns={[
        { title: t('admin.import.col.line'), dataIndex: 'line', width: 80 },
        { title: t('admin.import.col.field'), dataIndex: 'field', render: (f: string) => <Typography.Text code>{f || '—'}</Typography.Text> },
        { title: t('admin.import.col.code'), key: 'code', render: (_, e) => fieldErrorMessage(e, t) },
        { title: t('admin.import.col.message'), dataIndex: 'message', render: (m: string) => <span lang="en">{m}</span> },
      ]}
    />
  );
}

function ImportTab() {
  const { t } = useI18n();
  const { isPromoter } = useAuth();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [empty, setEmpty] = useState(false);

  const run = async () => {
    if (!text.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    setBusy(true);
    setReport(null);
    setError(null);
    try {
      const result = await api.POST('/api/v1/import', {
        params: { query: { skip_invalid: skipInvalid, dry_run: dryRun } },
        body: text,
        bodySerializer: (body: string) => body,
        headers: { 'Content-Type': 'application/x-ndjson' },
      });
      setReport(unwrap(result));
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    try {
      const response = await session.fetch(new Request(new URL('/api/v1/export', window.location.origin)));
      if (!response.ok) throw toApiError(response.status, await response.json().catch(() => null));
      const blob = await response.blob();
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = 'hulian-export.ndjson';
      a.click();
      URL.revokeObjectURL(href);
    } catch (e) {
      setError(asApiError(e));
    }
  };

  const counts: Array<[MessageKey, number]> = report
    ? [
        ['admin.import.orgCreated', report.organizations_created],
        ['admin.import.orgUpdated', report.organizations_updated],
        ['admin.import.orgUnchanged', report.organizations_unchanged],
        ['admin.import.listCreated', report.listings_created],
        ['admin.import.listUpdated', report.listings_updated],
        ['admin.import.listUnchanged', report.listings_unchanged],
        ['admin.import.skipped', report.skipped],
      ]
    : [];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('admin.import.intro')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".ndjson,.jsonl,.json,.txt,application/x-ndjson"
        multiple={false}
        showUploadList={false}
        beforeUpload={(file) => {
          void file.text().then((content) => {
            setText(content);
            setFileName(file.name);
          });
          return false;
        }}
        aria-label={t('admin.import.fileLabel')}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p>{fileName ?? t('admin.import.file')}</p>
      </Upload.Dragger>
      <label htmlFor="import-text" className="field-label">
        {t('admin.import.orPaste')}
      </label>
      <Input.TextArea
        id="import-text"
        rows={8}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setFileName(null);
        }}
        className="mono"
        spellCheck={false}
        placeholder={'{"kind":"organization", ...}\n{"kind":"listing", ...}'}
      />
      <Space className="toolbar" wrap>
        <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
          {t('admin.import.skipInvalid')}
        </Checkbox>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
          {t('admin.import.dryRun')}
        </Checkbox>
        <Button type="primary" loading={busy} onClick={() => void run()} data-testid="import-submit">
          {t('admin.import.submit')}
        </Button>
        {isPromoter && (
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void download()}>
            {t('admin.import.export')}
          </Button>
        )}
      </Space>
      {empty && <Alert type="warning" showIcon message={t('admin.import.empty')} />}
      <div aria-live="polite">
        {error && error.code === 'import_invalid' && error.lines ? (
          <section className="section" aria-labelledby="import-errors-heading">
            <Alert type="error" role="alert" showIcon message={t('admin.import.errorsCount', { count: error.lines.length })} />
            <h3 id="import-errors-heading">{t('admin.import.errors')}</h3>
            <LineErrors lines={error.lines} />
          </section>
        ) : error ? (
          <ErrorAlert error={error} />
        ) : null}
        {report && (
          <section className="section" aria-labelledby="import-report-heading">
            <h3 id="import-report-heading">
              {t('admin.import.report')} <Tag color={report.committed ? 'green' : 'default'}>{report.committed ? t('admin.import.committed') : t('admin.import.notCommitted')}</Tag>
            </h3>
            <Descriptions size="small" bordered column={{ xs: 1, sm: 2, md: 3 }}>
              {counts.map(([key, value]) => (
                <Descriptions.Item key={key} label={t(key)}>
                  {value}
                </Descriptions.Item>
              ))}
            </Descriptions>
            {report.errors.length > 0 && (
              <>
                <h3>{t('admin.import.errors')}</h3>
                <LineErrors lines={report.errors} />
              </>
            )}
          </section>
        )}
      </div>
    </>
  );
}

const ROLES: PlatformRole[] = ['member', 'promoter', 'admin'];

function UsersTab() {
  const { t, locale } = useI18n();
  const { user: me } = useAuth();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const users = useAsync(() => api.GET('/api/v1/users', { params: { query: { page, per_page: PER_PAGE } } }).then(unwrap), [page]);
  const setRole = async (user: UserView, role: PlatformRole) => {
    try {
      unwrap(await api.PUT('/api/v1/users/{id}/role', { params: { path: { id: user.id } }, body: { role } }));
      void message.success(t('admin.users.roleChanged', { name: user.display_name, role: t(`role.${role}` as MessageKey) }));
      users.reload();
    } catch (error) {
      void message.error(errorMessage(asApiError(error), t));
    }
  };
  if (users.error) return <ErrorAlert error={users.error} onRetry={users.reload} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('admin.users.intro')}</Typography.Paragraph>
      <Table<UserView>
        rowKey="id"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 640 }}
        pagination={{ current: page, pageSize: PER_PAGE, total: users.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('admin.users.col.name'), dataIndex: 'display_name' },
          { title: t('admin.users.col.email'), dataIndex: 'email' },
          {
            title: t('admin.users.col.role'),
            key: 'role',
            render: (_, u) => (
              <Select<PlatformRole>
                value={u.role as PlatformRole}
                disabled={u.id === me?.id}
                onChange={(role) => void setRole(u, role)}
                options={ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))}
                aria-label={t('admin.users.roleLabel', { name: u.display_name })}
                style={{ minWidth: 140 }}
              />
            ),
          },
          { title: t('admin.users.col.created'), key: 'created', render: (_, u) => new Date(u.created_at).toLocaleDateString(locale) },
        ]}
      />
    </>
  );
}

export default function Admin() {
  const { t } = useI18n();
  const { tab = 'verify' } = useParams();
  const navigate = useNavigate();
  usePageTitle(t('admin.title'));
  return (
    <div className="admin">
      <h1>{t('admin.title')}</h1>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`/admin/${key}`)}
        items={[
          { key: 'verify', label: t('admin.tab.verify'), children: <VerifyTab /> },
          { key: 'import', label: t('admin.tab.import'), children: <ImportTab /> },
          { key: 'users', label: t('admin.tab.users'), children: <UsersTab /> },
        ]}
      />
    </div>
  );
}
