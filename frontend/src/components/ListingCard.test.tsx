import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { ListingCard, type Highlighting } from './ListingCard';
import { renderWithProviders } from '../test/render';
import { listingView } from '../test/fixtures';

const listing = listingView();
const highlight: Highlighting = {
  title_html: '智能<mark>港口</mark>起重机生产线技改项目',
  title_en_html: 'Smart <mark>port</mark> crane production line upgrade',
  snippet_html: '拟引进战略投资者，建设自动化<mark>岸桥</mark>生产线……',
};

/** jsdom does not know <mark> is inline and puts spaces around it in accessible names; browsers do not. */
const named = (text: string) => (name: string) => name.replace(/\s+/g, '') === text.replace(/\s+/g, '');

describe('ListingCard', () => {
  it('shows a search hit in Chinese, with the matches highlighted', () => {
    renderWithProviders(<ListingCard listing={listing} highlight={highlight} />);
    const link = screen.getByRole('link', { name: named('智能港口起重机生产线技改项目') });
    expect(link).toHaveAttribute('href', '/listings/dl-prj-0001');
    expect(within(link).getByText('港口').tagName).toBe('MARK');
    expect(screen.getByText('岸桥').tagName).toBe('MARK');
    expect(screen.getByText('招商项目')).toBeInTheDocument();
    expect(screen.getByText((_, el) => el?.tagName === 'SPAN' && el.textContent?.trim() === '大连')).toBeInTheDocument();
    expect(screen.getByText('船舶与海洋工程装备')).toBeInTheDocument();
    expect(screen.getByText('港航物流')).toBeInTheDocument();
    expect(screen.getByText('2–5亿元')).toBeInTheDocument();
    expect(screen.getByText('大连北湾重型装备有限公司')).toBeInTheDocument();
    expect(screen.getByText('已认证')).toBeInTheDocument();
  });

  it('shows the English title, names and amounts in English', () => {
    renderWithProviders(<ListingCard listing={listing} highlight={highlight} />, { locale: 'en' });
    const link = screen.getByRole('link', { name: 'Smart port crane production line upgrade' });
    expect(within(link).getByText('port').tagName).toBe('MARK');
    expect(screen.getByText('investment project')).toBeInTheDocument();
    expect(screen.getByText('CNY 200–500 million')).toBeInTheDocument();
    expect(screen.getByText('Dalian Beiwan Heavy Equipment Co.')).toBeInTheDocument();
    expect(screen.getByText('Verified')).toBeInTheDocument();
  });

  it('shows a plain listing (no search) with the start of its description', () => {
    renderWithProviders(<ListingCard listing={listing} />);
    expect(screen.getByRole('link', { name: '智能港口起重机生产线技改项目' })).toBeInTheDocument();
    expect(screen.getByText('拟引进战略投资者，建设自动化岸桥生产线。')).toBeInTheDocument();
    expect(document.querySelector('mark')).toBeNull();
  });

  it('falls back to the Chinese title and says when the amount is open', () => {
    renderWithProviders(<ListingCard listing={{ ...listing, title_en: null, amount_cny_min: null, amount_cny_max: null, organization_verified: false }} highlight={{ ...highlight, title_en_html: null }} />, {
      locale: 'en',
    });
    expect(screen.getByRole('link', { name: named('智能港口起重机生产线技改项目') })).toBeInTheDocument();
    expect(screen.getByText('To be discussed')).toBeInTheDocument();
    expect(screen.queryByText('Verified')).not.toBeInTheDocument();
  });
});
