/** The inbox: every notice for me, newest first; mark one or all read. */
import { useState } from 'react';
import { App as AntApp, Button, Checkbox, Empty, Pagination, Skeleton, Space, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import { asApiError, unwrap } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { InboxItem } from '../components/InboxItem';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useUnread } from '../state/inbox';

const PER_PAGE = 20;

export default function Inbox() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const { setUnread } = useUnread();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  usePageTitle(t('inbox.title'));
  const inbox = useAsync(async () => {
    const result = unwrap(await api.GET('/api/v1/inbox', { params: { query: { page, per_page: PER_PAGE, ...(unreadOnly ? { unread: true } : {}) } } }));
    setUnread(result.unread);
    return result;
  }, [page, unreadOnly]);
  const data = inbox.data;

  const markRead = async (id: number) => {
    try {
      const read = unwrap(await api.POST('/api/v1/inbox/{id}/read', { params: { path: { id } } }));
      const current = inbox.data;
      if (!current) return;
      const wasUnread = current.items.some((i) => i.id === id && !i.read_at);
      const unread = Math.max(0, current.unread - (wasUnread ? 1 : 0));
      setUnread(unread);
      inbox.setData((latest) => ({ ...(latest ?? current), unread, items: (latest ?? current).items.map((i) => (i.id === id ? { ...i, read_at: read.read_at ?? new Date().toISOString() } : i)) }));
    } catch (error) {
      void message.error(errorMessage(asApiError(error), t));
    }
  };

  const markAll = async () => {
    try {
      const result = unwrap(await api.POST('/api/v1/inbox/read-all'));
      void message.success(t('inbox.markedAll', { count: result.marked }));
      setUnread(0);
      inbox.reload();
    } catch (error) {
      void message.error(errorMessage(asApiError(error), t));
    }
  };

  return (
    <div className="inbox-page">
      <div className="section__head">
        <h1>{t('inbox.title')}</h1>
        <Space wrap>
          <Checkbox
            checked={unreadOnly}
            onChange={(e) => {
              setUnreadOnly(e.target.checked);
              setPage(1);
            }}
          >
            {t('inbox.unreadOnly')}
          </Checkbox>
          <Button icon={<CheckOutlined aria-hidden />} disabled={!data || data.unread === 0} onClick={() => void markAll()}>
            {t('inbox.markAllRead')}
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">
        {t('inbox.intro')}
        {data && data.unread > 0 && <strong data-testid="inbox-unread"> {t('inbox.unreadCount', { count: data.unread })}</strong>}
      </Typography.Paragraph>
      {inbox.error ? (
        <ErrorAlert error={inbox.error} onRetry={inbox.reload} />
      ) : !data ? (
        <Skeleton active />
      ) : data.items.length === 0 ? (
        <Empty description={t('inbox.empty')} />
      ) : (
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          {data.items.map((item) => (
            <InboxItem key={item.id} item={item} onRead={(id) => void markRead(id)} />
          ))}
          {data.total > PER_PAGE && <Pagination current={page} pageSize={PER_PAGE} total={data.total} onChange={setPage} showSizeChanger={false} />}
        </Space>
      )}
    </div>
  );
}
