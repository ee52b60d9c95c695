/**
 * One listing in a list (search results, what's new, an organization's
 * listings): title with the query's matches highlighted, type, organization
 * and its verification, place, sectors, amount, deadline and a snippet.
 */
import { Card, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, CalendarOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { ListingView, SearchHit } from '../api/types';
import { excerpt, parseMarked, type Segment } from '../lib/highlight';
import { useI18n } from '../i18n/I18nProvider';
import { useVocabulary } from '../state/taxonomy';
import { AmountText } from './AmountText';
import { Highlight } from './Highlight';
import { VerifiedBadge } from './VerifiedBadge';

const TYPE_COLORS: Record<string, string> = {
  project: 'blue',
  need: 'orange',
  offer: 'cyan',
  park_space: 'purple',
  fund_mandate: 'gold',
  technology: 'geekblue',
};

/** What the search endpoint highlighted: HTML-escaped text with the matches in `<mark>`. */
export type Highlighting = Pick<SearchHit, 'title_html' | 'title_en_html' | 'snippet_html'>;

const plain = (text: string): Segment[] => (text ? [{ text, mark: false }] : []);

export function ListingCard({ listing, highlight, headingLevel = 3 }: { listing: ListingView; highlight?: Highlighting; headingLevel?: 2 | 3 | 4 }) {
  const { t, locale, pick } = useI18n();
  const { label } = useVocabulary();
  const showEnglish = locale === 'en' && Boolean(listing.title_en);
  const titleText = showEnglish ? listing.title_en! : listing.title;
  const titleSegments = showEnglish
    ? highlight?.title_en_html
      ? parseMarked(highlight.title_en_html)
      : plain(titleText)
    : highlight
      ? parseMarked(highlight.title_html)
      : plain(titleText);
  const snippetSegments = highlight ? parseMarked(highlight.snippet_html) : plain(excerpt(pick(listing.description, listing.description_en), []));
  const orgName = pick(listing.organization_name, listing.organization_name_en);
  const Heading = `h${headingLevel}` as const;
  return (
    <Card size="small" className="listing-card" data-testid="listing-card">
      <article aria-label={titleText}>
        <Space size={[8, 4]} wrap className="listing-card__meta">
          <Tag color={TYPE_COLORS[listing.listing_type] ?? 'default'}>{label('listing_type', listing.listing_type)}</Tag>
          <span>
            <EnvironmentOutlined aria-hidden /> {label('region', listing.region)}
          </span>
          {listing.deadline && (
            <span>
              <CalendarOutlined aria-hidden /> {t('listing.deadline')} {listing.deadline}
            </span>
          )}
        </Space>
        <Heading className="listing-card__title">
          <Link to={`/listings/${encodeURIComponent(listing.external_id)}`}>
            <Highlight segments={titleSegments} />
          </Link>
        </Heading>
        <div className="listing-card__org">
          <Typography.Text type="secondary">{orgName}</Typography.Text> {listing.organization_verified && <VerifiedBadge verified />}
        </div>
        {snippetSegments.length > 0 && (
          <p className="listing-card__snippet">
            <Highlight segments={snippetSegments} />
          </p>
        )}
        <Space size={[4, 4]} wrap>
          {listing.sectors.map((sector) => (
            <Tag key={sector} bordered={false}>
              {label('sector', sector)}
            </Tag>
          ))}
          <Typography.Text strong className="listing-card__amount">
            <AmountText min={listing.amount_cny_min} max={listing.amount_cny_max} />
          </Typography.Text>
        </Space>
      </article>
    </Card>
  );
}
