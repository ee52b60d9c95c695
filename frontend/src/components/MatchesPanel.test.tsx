import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MatchesPanel } from './MatchesPanel';
import { renderWithProviders } from '../test/render';
import { resetCapabilities } from '../api/capabilities';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
  resetCapabilities();
});

const fund = {
  external_id: 'sh-fund-1',
  organization: 'sh-org-1',
  listing_type: 'fund_mandate',
  title: '高端装备产业基金投资意向',
  title_en: 'Advanced equipment fund mandate',
  description: '……',
  sectors: ['equipment'],
  region: 'shanghai',
  amount_cny_min: 50_000_000,
  amount_cny_max: 300_000_000,
  organization_name: '上海装备基金',
  organization_verified: true,
  expired: false,
  effective_target_regions: ['dalian'],
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  editable: false,
};

function stubApi(calls: string[] = []) {
  globalThis.fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}`);
    if (url.pathname.endsWith('/matches')) {
      return new Response(
        JSON.stringify({
          matches: [
            {
              listing: fund,
              score: 0.82,
              factors: [
                { name: 'sector', weight: 0.3, value: 1, contribution: 0.3 },
                { name: 'amount', weight: 0.2, value: 0.5, contribution: 0.1 },
              ],
              reasons: [{ zh: '同属装备制造', en: 'Both in equipment manufacturing' }],
            },
          ],
        }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      );
    }
    return new Response(null, { status: 204 });
  }) as unknown as typeof fetch;
}

describe('MatchesPanel', () => {
  it('renders nothing while the API has no matching endpoint', async () => {
    resetCapabilities({ '/api/v1/listings/{id}': { get: {} } });
    const { container } = renderWithProviders(<MatchesPanel listingId="l1" canDecide />);
    await new Promise((r) => setTimeout(r, 20));
    expect(container.querySelector('#matches')).toBeNull();
  });

  it('shows each match with its score, factor bars and reasons, in Chinese', async () => {
    resetCapabilities({ '/api/v1/listings/{id}/matches': { get: {} } });
    stubApi();
    renderWithProviders(<MatchesPanel listingId="l1" canDecide={false} />);
    expect(await screen.findByRole('heading', { name: '推荐对接' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '高端装备产业基金投资意向' })).toHaveAttribute('href', '/listings/sh-fund-1');
    expect(screen.getByLabelText('匹配度 82%')).toBeInTheDocument();
    expect(screen.getByText('同属装备制造')).toBeInTheDocument();
    expect(screen.getByText('产业相同')).toBeInTheDocument();
    expect(screen.getByLabelText('产业相同 100%')).toBeInTheDocument();
    expect(screen.getByLabelText('金额匹配 50%')).toBeInTheDocument();
    expect(screen.getByText('5000万元–3亿元')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /加入候选/ })).toBeNull();
  });

  it('speaks English, and shortlists when the API can', async () => {
    resetCapabilities({ '/api/v1/listings/{id}/matches': { get: {} }, '/api/v1/listings/{id}/matches/{other}/shortlist': { post: {} } });
    const calls: string[] = [];
    stubApi(calls);
    const user = userEvent.setup();
    renderWithProviders(<MatchesPanel listingId="l1" canDecide />, { locale: 'en' });
    expect(await screen.findByText('Both in equipment manufacturing')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Advanced equipment fund mandate' })).toBeInTheDocument();
    expect(screen.getByText('CNY 50–300 million')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Shortlist' }));
    expect(await screen.findByRole('button', { name: 'Shortlisted' })).toBeDisabled();
    expect(calls).toContain('POST /api/v1/listings/l1/matches/sh-fund-1/shortlist');
  });
});
