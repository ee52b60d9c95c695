/**
 * What an inbox item says, per event: a title, a detail line and where it
 * leads. The item's `data` is the event's payload (as webhooks receive it),
 * read defensively: a field the SPA does not find is left out, never a crash.
 */
import type { InboxItemView, Stage } from '../api/types';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

export interface InboxText {
  title: string;
  detail?: string;
  link?: { to: string; label: string };
}

type Data = Record<string, unknown>;

const obj = (value: unknown): Data => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const path = (kind: 'listings' | 'introductions' | 'cooperations', id: string) => `/${kind}/${encodeURIComponent(id)}`;

const STAGES: readonly string[] = ['interest', 'negotiation', 'signed', 'construction', 'production', 'dropped'];

export function stageName(stage: unknown, t: Translate): string {
  return typeof stage === 'string' && STAGES.includes(stage) ? t(`coop.stage.${stage as Stage}` as MessageKey) : String(stage ?? '');
}

/** `pick(zh, en)` of a listing's title in an event payload. */
function listingTitle(listing: Data, pick: (zh: string, en: string | null | undefined) => string): string {
  return pick(str(listing.title) ?? str(listing.id) ?? '', str(listing.title_en));
}

export function describeInboxItem(item: Pick<InboxItemView, 'event' | 'data'>, t: Translate, pick: (zh: string, en: string | null | undefined) => string): InboxText {
  const data = obj(item.data as unknown);
  switch (item.event) {
    case 'match.new': {
      const matched = obj(data.matched_listing);
      const mine = obj(data.listing);
      const score = num(data.score);
      const id = str(matched.id);
      return {
        title: t('inbox.event.match.new', { title: listingTitle(matched, pick) }),
        detail: t('inbox.event.match.new.detail', { mine: listingTitle(mine, pick), score: score === undefined ? '–' : Math.round(score * 100) }),
        link: id ? { to: path('listings', id), label: t('inbox.link.listing') } : undefined,
      };
    }
    case 'introduction.requested':
    case 'introduction.accepted':
    case 'introduction.declined': {
      const from = str(data.from_organization_name) ?? str(data.from_organization) ?? '';
      const to = str(data.organization_name) ?? str(data.organization) ?? '';
      const title = str(data.listing_title) ?? str(data.listing) ?? '';
      const id = str(data.introduction);
      const key = item.event as 'introduction.requested' | 'introduction.accepted' | 'introduction.declined';
      return {
        title: t(`inbox.event.${key}`, { from, to, title }),
        detail: t(`inbox.event.${key}.detail`, { from, to, title }),
        link: id ? { to: path('introductions', id), label: t('inbox.link.introduction') } : undefined,
      };
    }
    case 'cooperation.stage_changed': {
      const title = str(data.title) ?? str(data.cooperation) ?? '';
      const id = str(data.cooperation);
      const link = id ? { to: path('cooperations', id), label: t('inbox.link.cooperation') } : undefined;
      if (data.to_stage === undefined && typeof data.key_project === 'boolean') {
        return { title: t(data.key_project ? 'inbox.event.cooperation.key_project' : 'inbox.event.cooperation.key_project_off', { title }), link };
      }
      return {
        title: t('inbox.event.cooperation.stage_changed', { title }),
        detail: t('inbox.event.cooperation.stage_changed.detail', { from: stageName(data.from_stage, t), to: stageName(data.to_stage ?? data.stage, t) }),
        link,
      };
    }
    case 'saved_search.hit': {
      const search = obj(data.saved_search);
      const listing = obj(data.listing);
      const id = str(listing.id);
      return {
        title: t('inbox.event.saved_search.hit', { name: str(search.name) ?? '' }),
        detail: t('inbox.event.saved_search.hit.detail', { title: listingTitle(listing, pick) }),
        link: id ? { to: path('listings', id), label: t('inbox.link.listing') } : undefined,
      };
    }
    default:
      return { title: t('inbox.event.other', { event: item.event }) };
  }
}
