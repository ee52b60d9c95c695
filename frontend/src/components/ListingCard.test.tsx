import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ListingCard } from './ListingCard';
import { renderWithProviders } from '../test/render';
import type { SearchHit } from '../api/search';
import { parseMarked } from '../lib/highlight';

const hit: SearchHit = {
  external_id: 'dl-prj-0001',
  title: '智能港口起重机生产线技改项目',
  title_en: 'Smart port crane production line upgrade',
  titleSegments: parseMarked('智能<mark>港口</mark>起重机生产线技改项目'),
  titleEnSegments: parseMarked('Smart <mark>port</mark> crane production line upgrade'),
  snippetSegments: parseMarked('拟引进战略投资者，建设自动化岸桥生产线……'),
  score: 3.2,
  listing_type: 'project',
  sectors: ['equipment.shipbuilding', 'port_logistics'],
  region: 'dalian',
  organization_name: '大连北湾重型装备有限公司',
  organization_name_en: 'Dalian Beiwan Heavy Equipment Co.',
  organization_verified: true,
  amount_cny_min: 200_000_000,
  amount_cny_max: 500_000_000,
  deadline: '2027-12-31',
};

/** jsdom does not know <mark> is inline and puts spaces around it in accessible names; browsers do not. */
const named = (text: string) => (name: string) => name.replace(/\s+/g, '') === text.replace(/\s+/g, '');

describe('ListingCard', () => {
  it('shows the listing in Chinese, with the match highlighted', () => {
    renderWithProviders(<ListingCard hit={hit} />);
    const link = screen.getByRole('link', { name: named('智能港口起重机生产线技改项目') });
    expect(link).toHaveAttribute('href', '/listings/dl-prj-0001');
    expect(within(link).getByText('港口').tagName).toBe('MARK');
    expect(screen.getByText('招商项目')).toBeInTheDocument();
    expect(screen.getByText((_, el) => el?.tagName === 'SPAN' && el.textContent?.trim() === '大连')).toBeInTheDocument();
    expect(screen.getByText('船舶与海洋工程装备')).toBeInTheDocument();
    expect(screen.getByText('港航物流')).toBeInTheDocument();
    expect(screen.getByText('2–5亿元')).toBeInTheDocument();
    expect(screen.getByText('大连北湾重型装备有限公司')).toBeInTheDocument();
    expect(screen.getByText('已认证')).toBeInTheDocument();
    expect(screen.getByText(/拟引进战略投资者/)).toBeInTheDocument();
  });

  it('shows the English title, names and amounts in English', () => {
    renderWithProviders(<ListingCard hit={hit} />, { locale: 'en' });
    const link = screen.getByRole('link', { name: 'Smart port crane production line upgrade' });
    expect(within(link).getByText('port').tagName).toBe('MARK');
    expect(screen.getByText('investment project')).toBeInTheDocument();
    expect(screen.getByText('CNY 200–500 million')).toBeInTheDocument();
    expect(screen.getByText('Dalian Beiwan Heavy Equipment Co.')).toBeInTheDocument();
    expect(screen.getByText('Verified')).toBeInTheDocument();
  });

  it('falls back to the Chinese title and says when the amount is open', () => {
    renderWithProviders(<ListingCard hit={{ ...hit, title_en: null, titleEnSegments: null, amount_cny_min: null, amount_cny_max: null, organization_verified: false }} />, { locale: 'en' });
    expect(screen.getByRole('link', { name: named('智能港口起重机生产线技改项目') })).toBeInTheDocument();
    expect(screen.getByText('To be discussed')).toBeInTheDocument();
    expect(screen.queryByText('Verified')).not.toBeInTheDocument();
  });
});
