/** A cooperation's timeline, oldest first: each stage change with its date, author, note and amount. */
import { Empty, Tag, Timeline, Typography } from 'antd';
import { StarFilled } from '@ant-design/icons';
import type { CooperationEventView, Stage } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { formatAmount } from '../lib/amount';

const STAGE_COLOR: Record<Stage, string> = { interest: 'blue', negotiation: 'cyan', signed: 'green', construction: 'geekblue', production: 'purple', dropped: 'red' };

export function StageTag({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  return (
    <Tag color={STAGE_COLOR[stage]} data-testid="stage-tag" data-stage={stage}>
      {t(`coop.stage.${stage}`)}
    </Tag>
  );
}

export function CooperationTimeline({ events }: { events: CooperationEventView[] }) {
  const { t, locale } = useI18n();
  if (events.length === 0) return <Empty />;
  const heading = (e: CooperationEventView) => {
    if (e.kind === 'key_project') return t(e.key_project ? 'coop.event.keyOn' : 'coop.event.keyOff');
    if (e.kind === 'created' || !e.from_stage) return t('coop.event.created');
    return t('coop.event.stage', { from: t(`coop.stage.${e.from_stage}`), to: e.to_stage ? t(`coop.stage.${e.to_stage}`) : '' });
  };
  return (
    <Timeline
      data-testid="timeline"
      items={events.map((e, i) => ({
        key: `${e.recorded_at}-${i}`,
        color: e.kind === 'key_project' ? 'gold' : e.to_stage ? STAGE_COLOR[e.to_stage] : 'blue',
        dot: e.kind === 'key_project' ? <StarFilled aria-hidden /> : undefined,
        children: (
          <div className="timeline-entry" data-testid="timeline-entry" data-kind={e.kind} data-stage={e.to_stage ?? ''}>
            <div>
              <strong>{heading(e)}</strong> <Typography.Text type="secondary">{e.date}</Typography.Text>
            </div>
            {e.agreed_amount_cny != null && <div data-testid="timeline-amount">{t('coop.event.amount', { amount: formatAmount(e.agreed_amount_cny, locale) })}</div>}
            {e.note && <div className="timeline-entry__note">{e.note}</div>}
            <Typography.Text type="secondary" className="timeline-entry__by">
              {t('coop.event.by', { name: e.author })} · {new Date(e.recorded_at).toLocaleString(locale)}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
