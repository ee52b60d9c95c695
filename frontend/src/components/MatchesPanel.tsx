/**
 * Suggested matches with the explanation of each: the score, one bar per
 * factor (what it added to the score), and the reasons in the UI's language.
 * The listing's owners and editors (`editable`) shortlist or dismiss them: a
 * dismissed match leaves the list (and is not proposed again), a shortlisted
 * one is tagged until the shortlisting is undone.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, Button, Card, Empty, Progress, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, StarFilled, UndoOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { clearDecision, decideMatch, fetchMatches } from '../api/matches';
import { asApiError } from '../api/errors';
import type { MatchDecision, MatchFactor, MatchView } from '../api/types';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import { MESSAGES, type MessageKey } from '../i18n/messages';
import { useAsync } from '../lib/useAsync';
import { useVocabulary } from '../state/taxonomy';
import { AmountText } from './AmountText';
import { ErrorAlert } from './ErrorAlert';
import { VerifiedBadge } from './VerifiedBadge';

/** A factor's name in the UI's language; a name the UI does not know yet, as the API sent it. */
export function useFactorName(): (name: string) => string {
  const { t } = useI18n();
  return (name) => {
    const key = `matches.factor.${name}`;
    return key in MESSAGES['zh-CN'] ? t(key as MessageKey) : name;
  };
}

const points = (fraction: number) => Math.round(Math.max(0, Math.min(1, fraction)) * 100);

/**
 * One factor: a bar as long as what it added to the score, on the scale of
 * the heaviest factor (a full bar is the most any factor could add).
 */
function FactorBar({ factor, scale }: { factor: MatchFactor; scale: number }) {
  const { t } = useI18n();
  const factorName = useFactorName();
  const name = factorName(factor.name);
  const added = points(factor.contribution);
  const percent = scale > 0 ? Math.round(Math.max(0, Math.min(1, factor.contribution / scale)) * 100) : 0;
  const detail = t('matches.factor.detail', { value: points(factor.value), weight: points(factor.weight), points: added });
  return (
    <div className="factor" data-testid="match-factor" data-factor={factor.name}>
      <span className="factor__name">{name}</span>
      <Tooltip title={detail}>
        <Progress className="factor__bar" percent={percent} size="small" showInfo={false} aria-label={t('matches.factor.aria', { name, points: added })} strokeColor="#1d4ed8" />
      </Tooltip>
      <Typography.Text type="secondary" className="factor__points" aria-hidden>
        +{added}
      </Typography.Text>
    </div>
  );
}

export interface MatchCardProps {
  match: MatchView;
  /** The listing the match is for: where decisions are recorded. */
  listingId: string;
  /** Whether the caller may shortlist and dismiss (owners and editors of the listing's organization, admins). */
  editable: boolean;
  /** The title of the listing the match is for, when it is not the page's own (recommendations). */
  forListingTitle?: string;
  /** After a decision was recorded: the new decision, or null when cleared. */
  onDecided: (decision: MatchDecision | null) => void;
  /** More actions on the match (express interest, broker an introduction). */
  actions?: ReactNode;
}

/** Renders the extra actions of a match, given the listing it is for. */
export type MatchActions = (match: MatchView, listingId: string) => ReactNode;

export function MatchCard({ match, listingId, editable, forListingTitle, onDecided, actions }: MatchCardProps) {
  const { t, locale, pick } = useI18n();
  const { label } = useVocabulary();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const other = match.listing;
  const shortlisted = match.decision === 'shortlisted';

  const act = async (action: () => Promise<void>, next: MatchDecision | null, done: MessageKey) => {
    setBusy(true);
    try {
      await action();
      setBusy(false);
      onDecided(next);
      void message.success(t(done));
    } catch (error) {
      setBusy(false);
      void message.error(errorMessage(asApiError(error), t));
    }
  };
  const decide = (decision: MatchDecision) =>
    act(() => decideMatch(listingId, other.external_id, decision), decision, decision === 'shortlisted' ? 'matches.shortlistedMessage' : 'matches.dismissedMessage');
  const undo = () => act(() => clearDecision(listingId, other.external_id), null, 'matches.unshortlistedMessage');

  const score = points(match.score);
  const scale = Math.max(0, ...match.factors.map((f) => f.weight));
  const title = pick(other.title, other.title_en);
  return (
    <Card size="small" className={shortlisted && editable ? 'match match--shortlisted' : 'match'} data-testid="match" data-candidate={other.external_id}>
      <article aria-label={title}>
        <div className="match__head">
          <Progress type="circle" percent={score} size={56} aria-label={`${t('matches.score')} ${score}%`} />
          <div className="match__title">
            <Space size={[6, 4]} wrap>
              <Tag>{label('listing_type', other.listing_type)}</Tag>
              <span>{label('region', other.region)}</span>
              <AmountText min={other.amount_cny_min} max={other.amount_cny_max} />
              {shortlisted && editable && (
                <Tag color="gold" icon={<StarFilled aria-hidden />} data-testid="match-shortlisted">
                  {t('matches.shortlisted')}
                </Tag>
              )}
            </Space>
            <h3 className="card-heading">
              <Link to={`/listings/${encodeURIComponent(other.external_id)}`}>{title}</Link>
            </h3>
            <Typography.Text type="secondary">
              {pick(other.organization_name, other.organization_name_en)} <VerifiedBadge verified={other.organization_verified} />
            </Typography.Text>
            {forListingTitle !== undefined && (
              <div className="match__for">
                {t('matches.forListing')} <Link to={`/listings/${encodeURIComponent(listingId)}`}>{forListingTitle}</Link>
              </div>
            )}
          </div>
        </div>
        <div className="match__body">
          {match.reasons.length > 0 && (
            <div className="match__reasons">
              <h4>{t('matches.why')}</h4>
              <ul data-testid="match-reasons">
                {match.reasons.map((reason, i) => (
                  <li key={i} lang={locale === 'en' ? 'en' : 'zh-CN'}>
                    {locale === 'en' ? reason.en : reason.zh}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {match.factors.length > 0 && (
            <div className="match__factors">
              <h4>{t('matches.factors')}</h4>
              {match.factors.map((factor) => (
                <FactorBar key={factor.name} factor={factor} scale={scale} />
              ))}
            </div>
          )}
        </div>
        {(editable || actions) && (
          <Space className="match__actions" wrap>
            {editable && (shortlisted ? (
              <Button icon={<UndoOutlined aria-hidden />} disabled={busy} onClick={() => void undo()}>
                {t('matches.undoShortlist')}
              </Button>
            ) : (
              <Button type="primary" ghost icon={<CheckOutlined aria-hidden />} disabled={busy} onClick={() => void decide('shortlisted')}>
                {t('matches.shortlist')}
              </Button>
            ))}
            {editable && (
              <Button icon={<CloseOutlined aria-hidden />} disabled={busy} onClick={() => void decide('dismissed')}>
                {t('matches.dismiss')}
              </Button>
            )}
            {actions}
          </Space>
        )}
      </article>
    </Card>
  );
}

/**
 * Matches as a list that follows the decisions made on them: dismissed ones
 * leave it. `listingOf` says which listing each match is for.
 */
export function MatchList({
  matches,
  onChange,
  editable,
  listingOf,
  forListingTitle,
  renderActions,
}: {
  matches: MatchView[];
  /** Called with an update of the latest list (several decisions may be under way). */
  onChange: (update: (latest: MatchView[]) => MatchView[]) => void;
  editable: boolean;
  listingOf: (match: MatchView) => string;
  forListingTitle?: (match: MatchView) => string;
  renderActions?: MatchActions;
}) {
  const { t } = useI18n();
  if (matches.length === 0) return <Empty description={t('matches.empty')} />;
  const key = (m: MatchView) => `${listingOf(m)}→${m.listing.external_id}`;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      {matches.map((match) => (
        <MatchCard
          key={key(match)}
          match={match}
          listingId={listingOf(match)}
          editable={editable}
          forListingTitle={forListingTitle?.(match)}
          actions={renderActions?.(match, listingOf(match))}
          onDecided={(decision) =>
            onChange((latest) =>
              decision === 'dismissed' ? latest.filter((m) => key(m) !== key(match)) : latest.map((m) => (key(m) === key(match) ? { ...m, decision } : m)),
            )
          }
        />
      ))}
    </Space>
  );
}

/** The suggested matches of one listing, as a section of its page (`#matches`). */
export function MatchesPanel({ listingId, editable, limit = 10, renderActions }: { listingId: string; editable: boolean; limit?: number; renderActions?: MatchActions }) {
  const { t } = useI18n();
  const location = useLocation();
  const matches = useAsync(() => fetchMatches(listingId, limit), [listingId, limit]);
  const loaded = matches.data !== undefined;

  // Linked to as `/listings/{id}#matches`: scroll there once the list is in.
  useEffect(() => {
    if (loaded && location.hash === '#matches') document.getElementById('matches')?.scrollIntoView?.();
  }, [loaded, location.hash]);

  return (
    <section aria-labelledby="matches-heading" id="matches" className="section matches">
      <h2 id="matches-heading">{t('matches.title')}</h2>
      <Typography.Paragraph type="secondary">{t('matches.intro')}</Typography.Paragraph>
      {matches.error ? (
        <ErrorAlert error={matches.error} onRetry={matches.reload} />
      ) : !matches.data ? (
        <Skeleton active />
      ) : (
        <MatchList matches={matches.data} onChange={(update) => matches.setData((latest) => update(latest ?? []))} editable={editable} listingOf={() => listingId} renderActions={renderActions} />
      )}
    </section>
  );
}
