/** "Save this search" on the Search page, and the list of saved searches in the workspace. */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { BellOutlined, DeleteOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import { asApiError, unwrap } from '../api/errors';
import type { SearchQuery } from '../api/search';
import type { SavedQuery, SavedSearchView } from '../api/types';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { savedQueryFromSearch, searchUrlFromSaved } from '../lib/savedSearch';
import { useApiForm } from '../lib/useApiForm';
import { useAsync } from '../lib/useAsync';
import { useVocabulary, type TermKind } from '../state/taxonomy';
import { ErrorAlert } from './ErrorAlert';
import { LinkButton } from './LinkButton';

export function SaveSearchButton({ query }: { query: SearchQuery }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string }>();
  const { submitting, formError, submit } = useApiForm(form);
  const save = async ({ name }: { name: string }) => {
    const saved = await submit(async () => unwrap(await api.POST('/api/v1/saved-searches', { body: { name: name.trim(), query: savedQueryFromSearch(query) } })));
    if (!saved) return;
    setOpen(false);
    void message.success(t('saved.saved'));
  };
  return (
    <>
      <Button icon={<BellOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid="save-search">
        {t('saved.save')}
      </Button>
      <Modal
        open={open}
        title={t('saved.modalTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ loading: submitting, htmlType: 'submit', form: 'save-search-form' }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('saved.modalHelp')}</Typography.Paragraph>
        <Form form={form} id="save-search-form" layout="vertical" requiredMark={false} initialValues={{ name: query.q.trim() }} onFinish={(values) => void save(values)}>
          {formError && <Alert type="error" role="alert" showIcon className="form-error" message={formError.join(' ')} />}
          <Form.Item name="name" label={t('saved.name')} rules={[{ required: true, whitespace: true, message: t('fieldError.required') }]}>
            <Input maxLength={200} placeholder={t('saved.namePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const KINDS: Record<string, TermKind> = { listing_type: 'listing_type', sector: 'sector', region: 'region', target_region: 'region', org_type: 'org_type', mode: 'mode' };

/** A saved query as tags: the words, then each filter's names. */
function QueryTags({ query }: { query: SavedQuery }) {
  const { t } = useI18n();
  const { label } = useVocabulary();
  const tags: string[] = [];
  if (query.q) tags.push(`“${query.q}”`);
  for (const [field, kind] of Object.entries(KINDS)) {
    const value = query[field as keyof SavedQuery];
    if (typeof value === 'string') for (const slug of value.split(',')) tags.push(label(kind, slug));
  }
  if (query.verified) tags.push(t('search.verifiedOnly'));
  if (tags.length === 0) return <Typography.Text type="secondary">{t('saved.anyQuery')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {tags.map((tag, i) => (
        <Tag key={i}>{tag}</Tag>
      ))}
    </Space>
  );
}

export function SavedSearchList() {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const list = useAsync(() => api.GET('/api/v1/saved-searches').then(unwrap), []);
  const remove = async (id: number) => {
    try {
      unwrap(await api.DELETE('/api/v1/saved-searches/{id}', { params: { path: { id } } }));
      list.setData((latest) => (latest ?? []).filter((s) => s.id !== id));
      void message.success(t('saved.deleted'));
    } catch (error) {
      void message.error(errorMessage(asApiError(error), t));
    }
  };
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  return (
    <Table<SavedSearchView>
      rowKey="id"
      data-testid="saved-searches"
      loading={list.loading}
      dataSource={list.data ?? []}
      pagination={false}
      scroll={{ x: 640 }}
      locale={{ emptyText: <Empty description={t('saved.empty')} /> }}
      columns={[
        { title: t('saved.col.name'), key: 'name', render: (_, s) => <LinkButton type="link" className="no-padding" to={searchUrlFromSaved(s.query)}>{s.name}</LinkButton> },
        { title: t('saved.col.query'), key: 'query', render: (_, s) => <QueryTags query={s.query} /> },
        { title: t('saved.col.created'), key: 'created', render: (_, s) => new Date(s.created_at).toLocaleDateString(locale) },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_, s) => (
            <Space size={4}>
              <LinkButton size="small" to={searchUrlFromSaved(s.query)}>
                {t('saved.reopen')}
              </LinkButton>
              <Popconfirm title={t('common.confirmDelete')} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => void remove(s.id)}>
                <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('common.delete')} ${s.name}`} />
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    />
  );
}

