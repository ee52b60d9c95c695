/** One inbox item: what happened (per event), when, a link, and "mark read". */
import { Badge, Button, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { InboxItemView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { describeInboxItem } from '../lib/inbox';

export function InboxItem({ item, onRead }: { item: InboxItemView; onRead: (id: number) => void }) {
  const { t, pick, locale } = useI18n();
  const text = describeInboxItem(item, t, pick);
  const unread = !item.read_at;
  return (
    <article className={unread ? 'inbox-item inbox-item--unread' : 'inbox-item'} data-testid="inbox-item" data-event={item.event} data-unread={unread} aria-label={text.title}>
      <div className="inbox-item__main">
        <h3 className="inbox-item__title">
          {unread && <Badge status="processing" aria-label={t('inbox.unread')} className="inbox-item__dot" />}
          {text.link ? (
            <Link to={text.link.to} onClick={() => unread && onRead(item.id)}>
              {text.title}
            </Link>
          ) : (
            text.title
          )}
        </h3>
        {text.detail && <Typography.Text type="secondary">{text.detail}</Typography.Text>}
        <div className="inbox-item__time muted">{new Date(item.created_at).toLocaleString(locale)}</div>
      </div>
      {unread && (
        <Button size="small" icon={<CheckOutlined aria-hidden />} onClick={() => onRead(item.id)}>
          {t('inbox.markRead')}
        </Button>
      )}
    </article>
  );
}
