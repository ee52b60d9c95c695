/**
 * The suggested matches of a listing with the explanation of each: the score,
 * one bar per factor (how well it matched, and its weight), and the reasons in
 * the UI's language. Hidden while the API has no matching endpoint.
 */
import { useState, type ReactNode } from 'react';
import { App as AntApp, Button, Card, Empty, Progress, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { canDecideMatches, decideMatch, fetchMatches, type Match, type MatchFactor } from '../api/matches';
import { asApiError } from '../api/errors';
import { errorMessage } from '../i18n/errors';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { MESSAGES } from '../i18n/messages';
import { useAsync } from '../lib/useAsync';
import { useVocabulary } from '../state/taxonomy';
import { AmountText } from './AmountText';
import { ErrorAlert } from './ErrorAlert';
import { VerifiedBadge } from './VerifiedBadge';
import { isMissingRoute } from '../api/search';

function FactorBar({ factor }: { factor: MatchFactor }) {
  const { t } = useI18n();
  const key = `matches.factor.${factor.name}` as MessageKey;
  const name = key in MESSAGES['zh-CN'] ? t(key) : factor.name;
  const percent = Math.round(Math.max(0, Math.min(1, factor.value)) * 100);
  return (
    <div className="factor">
      <div className="factor__label">
        <span>{name}</span>
        <Typography.Text type="secondary" className="factor__weight">
          {t('matches.factor.weight', { weight: factor.weight.toFixed(2) })}
        </Typography.Text>
      </div>
      <Tooltip title={`${name}: ${percent}% × ${factor.weight.toFixed(2)} = ${factor.contribution.toFixed(3)}`}>
        <Progress percent={percent} size="small" aria-label={`${name} ${percent}%`} strokeColor="#1d4ed8" />
      </Tooltip>
    </div>
  );
}

function MatchCard({ match, listingId, canDecide, onDecided }: { match: Match; listingId: string; canDecide: boolean; onDecided: (decision: Match['decision']) => void }) {
  const { t, locale, pick } = useI18n();
  const { label } = useVocabulary();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const other = match.listing;
  const decide = async (decision: 'shortlist' | 'dismiss') => {
    setBusy(true);
    try {
      await decideMatch(listingId, other.external_id, decision);
      onDecided(decision === 'shortlist' ? 'shortlisted' : 'dismissed');
      void message.success(t(decision === 'shortlist' ? 'matches.shortlisted' : 'matches.dismissed'));
    } catch (error) {
      void message.error(isMissingRoute(error) ? t('matches.unavailable') : errorMessage(asApiError(error), t));
    } finally {
      setBusy(false);
    }
  };
  const score = Math.round(Math.max(0, Math.min(1, match.score)) * 100);
  return (
    <Card size="small" className={match.decision === 'dismissed' ? 'match match--dismissed' : 'match'} data-testid="match">
      <div className="match__head">
        <Progress type="circle" percent={score} size={56} aria-label={`${t('matches.score')} ${score}%`} />
        <div className="match__title">
          <Space size={[6, 4]} wrap>
            <Tag>{label('listing_type', other.listing_type)}</Tag>
            <span>{label('region', other.region)}</span>
            <AmountText min={other.amount_cny_min} max={other.amount_cny_max} />
          </Space>
          <h3 className="card-heading">
            <Link to={`/listings/${encodeURIComponent(other.external_id)}`}>{pick(other.title, other.title_en)}</Link>
          </h3>
          <Typography.Text type="secondary">
            {pick(other.organization_name, other.organization_name_en)} <VerifiedBadge verified={other.organization_verified} />
          </Typography.Text>
        </div>
      </div>
      {match.reasons.length > 0 && (
        <div className="match__reasons">
          <h4>{t('matches.why')}</h4>
          <ul>
            {match.reasons.map((reason, i) => (
              <li key={i}>{locale === 'en' ? reason.en : reason.zh}</li>
            ))}
          </ul>
        </div>
      )}
      {match.factors.length > 0 && (
        <div className="match__factors">
          <h4>{t('matches.factors')}</h4>
          {match.factors.map((factor) => (
            <FactorBar key={factor.name} factor={factor} />
          ))}
        </div>
      )}
      {canDecide && (
        <Space className="match__actions">
          <Button icon={<CheckOutlined aria-hidden />} disabled={busy || match.decision === 'shortlisted'} onClick={() => void decide('shortlist')}>
            {match.decision === 'shortlisted' ? t('matches.shortlisted') : t('matches.shortlist')}
          </Button>
          <Button icon={<CloseOutlined aria-hidden />} disabled={busy || match.decision === 'dismissed'} onClick={() => void decide('dismiss')}>
            {match.decision === 'dismissed' ? t('matches.dismissed') : t('matches.dismiss')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

export function MatchesPanel({ listingId, canDecide, limit = 10, whenUnavailable = null }: { listingId: string; canDecide: boolean; limit?: number; whenUnavailable?: ReactNode }) {
  const { t } = useI18n();
  const matches = useAsync(() => fetchMatches(listingId, limit), [listingId, limit]);
  const decisions = useAsync(() => (canDecide ? canDecideMatches() : Promise.resolve(false)), [canDecide]);
  // No matching endpoint yet: nothing to show (and nothing flashes while finding that out).
  if (matches.data === null) return <>{whenUnavailable}</>;
  if (matches.data === undefined && !matches.error) return null;
  return (
    <section aria-labelledby="matches-heading" id="matches" className="section matches">
      <h2 id="matches-heading">{t('matches.title')}</h2>
      <Typography.Paragraph type="secondary">{t('matches.intro')}</Typography.Paragraph>
      {matches.error ? (
        <ErrorAlert error={matches.error} onRetry={matches.reload} />
      ) : !matches.data ? (
        <Skeleton active />
      ) : matches.data.length === 0 ? (
        <Empty description={t('matches.empty')} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          {matches.data.map((match, index) => (
            <MatchCard
              key={match.listing.external_id}
              match={match}
              listingId={listingId}
              canDecide={canDecide && decisions.data === true}
              onDecided={(decision) => {
                const next = [...(matches.data ?? [])];
                next[index] = { ...match, decision };
                matches.setData(next);
              }}
            />
          ))}
        </Space>
      )}
    </section>
  );
}
