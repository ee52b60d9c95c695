/**
 * One listing in a list (search results, what's new, an organization's
 * listings): title with the query's matches highlighted, type, organization
 * and its verification, place, sectors, amount, deadline and a snippet.
 */
import { Card, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, CalendarOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { SearchHit } from '../api/search';
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

export function ListingCard({ hit, headingLevel = 3 }: { hit: SearchHit; headingLevel?: 2 | 3 | 4 }) {
  const { t, locale } = useI18n();
  const { label } = useVocabulary();
  const showEnglish = locale === 'en' && hit.titleEnSegments && hit.titleEnSegments.length > 0;
  const titleSegments = showEnglish ? hit.titleEnSegments! : hit.titleSegments;
  const titleText = showEnglish ? (hit.title_en ?? hit.title) : hit.title;
  const orgName = locale === 'en' && hit.organization_name_en ? hit.organization_name_en : hit.organization_name;
  const Heading = `h${headingLevel}` as const;
  return (
    <Card size="small" className="listing-card" data-testid="listing-card">
      <article aria-label={titleText}>
        <Space size={[8, 4]} wrap className="listing-card__meta">
          <Tag color={TYPE_COLORS[hit.listing_type] ?? 'default'}>{label('listing_type', hit.listing_type)}</Tag>
          <span>
            <EnvironmentOutlined aria-hidden /> {label('region', hit.region)}
          </span>
          {hit.deadline && (
            <span>
              <CalendarOutlined aria-hidden /> {t('listing.deadline')} {hit.deadline}
            </span>
          )}
        </Space>
        <Heading className="listing-card__title">
          <Link to={`/listings/${encodeURIComponent(hit.external_id)}`}>
            <Highlight segments={titleSegments} />
          </Link>
        </Heading>
        <div className="listing-card__org">
          <Typography.Text type="secondary">{orgName}</Typography.Text> {hit.organization_verified && <VerifiedBadge verified />}
        </div>
        {hit.snippetSegments.length > 0 && (
          <p className="listing-card__snippet">
            <Highlight segments={hit.snippetSegments} />
          </p>
        )}
        <Space size={[4, 4]} wrap>
          {hit.sectors.map((sector) => (
            <Tag key={sector} bordered={false}>
              {label('sector', sector)}
            </Tag>
          ))}
          <Typography.Text strong className="listing-card__amount">
            <AmountText min={hit.amount_cny_min} max={hit.amount_cny_max} />
          </Typography.Text>
        </Space>
      </article>
    </Card>
  );
}
