import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { MatchList, MatchesPanel } from './MatchesPanel';
import type { MatchView } from '../api/types';
import { renderWithProviders } from '../test/render';
import { json, listingView, matchView, stubFetch, type Call } from '../test/fixtures';

afterEach(() => vi.unstubAllGlobals());

const fund = matchView({
  factors: [
    { name: 'sector', weight: 0.2, value: 1, contribution: 0.2 },
    { name: 'amount', weight: 0.14, value: 0.5, contribution: 0.07 },
    { name: 'synergy', weight: 0.05, value: 1, contribution: 0.05 },
  ],
  reasons: [
    { factor: 'sector', zh: '同属装备制造行业', en: 'Both in equipment manufacturing' },
    { factor: 'region', zh: '地区对口：大连 ↔ 上海', en: 'Regions pair up: Dalian ↔ Shanghai' },
  ],
});
const park = matchView({
  listing: listingView({ external_id: 'sh-park-1', listing_type: 'project', title: '临港装备产业园', title_en: 'Lingang equipment park', region: 'shanghai' }),
  score: 0.55,
  reasons: [{ factor: 'sector', zh: '同属装备制造', en: 'Same sector' }],
});

/** The matches endpoint answers `matches`; decisions answer 204. */
function stubApi(matches = [fund, park]): Call[] {
  return stubFetch(({ method, path }) => (method === 'GET' && path === '/api/v1/listings/l1/matches' ? json(200, { query: 'l1', matches }) : new Response(null, { status: 204 })));
}

const card = (title: string) => screen.getByRole('article', { name: title });

describe('MatchesPanel', () => {
  it('shows each match with its score, factor bars and reasons, in Chinese', async () => {
    const calls = stubApi();
    renderWithProviders(<MatchesPanel listingId="l1" editable={false} />);
    expect(screen.getByRole('heading', { name: '推荐对接' })).toBeInTheDocument();
    await screen.findByRole('article', { name: '高端装备产业基金投资意向' });
    expect(calls[0]!.query.get('limit')).toBe('10');
    const first = card('高端装备产业基金投资意向');
    expect(within(first).getByRole('link', { name: '高端装备产业基金投资意向' })).toHaveAttribute('href', '/listings/sh-fund-1');
    expect(within(first).getByLabelText('匹配度 82%')).toBeInTheDocument();
    // one bar per factor: what it added to the score, translated, or the API's name when unknown
    expect(within(first).getAllByTestId('match-factor').map((f) => f.getAttribute('data-factor'))).toEqual(['sector', 'amount', 'synergy']);
    expect(within(first).getByLabelText('产业相同 加 20 分')).toBeInTheDocument();
    expect(within(first).getByLabelText('金额匹配 加 7 分')).toBeInTheDocument();
    expect(within(first).getByLabelText('synergy 加 5 分')).toBeInTheDocument();
    expect(within(first).getByText('+20')).toBeInTheDocument();
    // bars on the scale of the heaviest factor: sector full, amount 7/20
    const bar = (label: string) => within(first).getByLabelText(label).querySelector('.ant-progress-bg') as HTMLElement;
    expect(bar('产业相同 加 20 分').style.width).toBe('100%');
    expect(bar('金额匹配 加 7 分').style.width).toBe('35%');
    // reasons in Chinese
    expect(within(first).getByText('同属装备制造行业')).toBeInTheDocument();
    expect(within(first).getByText('地区对口：大连 ↔ 上海')).toBeInTheDocument();
    expect(within(first).queryByText('Both in equipment manufacturing')).toBeNull();
    expect(within(first).getByText('5000万元–3亿元')).toBeInTheDocument();
    // not the caller's listing: no decisions
    expect(screen.queryByRole('button', { name: /加入候选/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /不感兴趣/ })).toBeNull();
    expect(screen.getAllByTestId('match')).toHaveLength(2);
  });

  it('speaks English', async () => {
    stubApi();
    renderWithProviders(<MatchesPanel listingId="l1" editable={false} />, { locale: 'en' });
    const first = await screen.findByRole('article', { name: 'Advanced equipment fund mandate' });
    expect(within(first).getByText('Both in equipment manufacturing')).toBeInTheDocument();
    expect(within(first).getByText('Regions pair up: Dalian ↔ Shanghai')).toBeInTheDocument();
    expect(within(first).queryByText('同属装备制造行业')).toBeNull();
    expect(within(first).getByLabelText('Same sector adds 20 points')).toBeInTheDocument();
    expect(within(first).getByLabelText('Match 82%')).toBeInTheDocument();
    expect(within(first).getByText('CNY 50–300 million')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Shortlist' })).toBeNull();
  });

  it('dismisses with PUT decision=dismissed, and the match leaves the list', async () => {
    const calls = stubApi();
    const user = userEvent.setup();
    renderWithProviders(<MatchesPanel listingId="l1" editable />);
    await screen.findByRole('article', { name: '高端装备产业基金投资意向' });
    await user.click(within(card('高端装备产业基金投资意向')).getByRole('button', { name: /不感兴趣/ }));
    await waitFor(() => expect(screen.queryByRole('article', { name: '高端装备产业基金投资意向' })).toBeNull());
    expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body)}`)).toEqual([
      'PUT /api/v1/listings/l1/matches/sh-fund-1 {"decision":"dismissed"}',
    ]);
    expect(screen.getAllByTestId('match')).toHaveLength(1);
  });

  it('shortlists (tagged), and undoes it with DELETE', async () => {
    const calls = stubApi();
    const user = userEvent.setup();
    renderWithProviders(<MatchesPanel listingId="l1" editable />, { locale: 'en' });
    const first = await screen.findByRole('article', { name: 'Advanced equipment fund mandate' });
    expect(within(first).queryByTestId('match-shortlisted')).toBeNull();
    await user.click(within(first).getByRole('button', { name: /^(check )?Shortlist$/ }));
    expect(await within(first).findByTestId('match-shortlisted')).toHaveTextContent('Shortlisted');
    await user.click(within(first).getByRole('button', { name: /Remove from shortlist/ }));
    await waitFor(() => expect(within(first).queryByTestId('match-shortlisted')).toBeNull());
    expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body ?? null)}`)).toEqual([
      'PUT /api/v1/listings/l1/matches/sh-fund-1 {"decision":"shortlisted"}',
      'DELETE /api/v1/listings/l1/matches/sh-fund-1 null',
    ]);
  });

  it('tags what the API says is shortlisted, for those who may decide only', async () => {
    stubApi([{ ...fund, decision: 'shortlisted' }]);
    const { unmount } = renderWithProviders(<MatchesPanel listingId="l1" editable />);
    expect(await screen.findByTestId('match-shortlisted')).toHaveTextContent('已加入候选');
    expect(screen.getByRole('button', { name: /移出候选/ })).toBeInTheDocument();
    unmount();
    renderWithProviders(<MatchesPanel listingId="l1" editable={false} />);
    await screen.findByRole('article', { name: '高端装备产业基金投资意向' });
    expect(screen.queryByTestId('match-shortlisted')).toBeNull();
  });

  it('says so when there is nothing to suggest, and shows API errors', async () => {
    stubApi([]);
    const { unmount } = renderWithProviders(<MatchesPanel listingId="l1" editable />);
    expect(await screen.findByText('暂时没有合适的推荐。')).toBeInTheDocument();
    unmount();
    stubFetch(() => json(404, { error: { code: 'listing_not_found', message: 'gone' } }));
    renderWithProviders(<MatchesPanel listingId="l1" editable />);
    expect(await screen.findByRole('alert')).toBeInTheDocument();
  });

  it('keeps the match when the decision fails', async () => {
    stubFetch(({ method }) => (method === 'GET' ? json(200, { query: 'l1', matches: [fund] }) : json(403, { error: { code: 'forbidden', message: 'no' } })));
    const user = userEvent.setup();
    renderWithProviders(<MatchesPanel listingId="l1" editable />);
    await screen.findByRole('article', { name: '高端装备产业基金投资意向' });
    await user.click(screen.getByRole('button', { name: /不感兴趣/ }));
    await waitFor(() => expect(screen.getByRole('button', { name: /不感兴趣/ })).toBeEnabled());
    expect(screen.getByRole('article', { name: '高端装备产业基金投资意向' })).toBeInTheDocument();
  });
});

describe('MatchList (an organization’s recommendations)', () => {
  function Recommendations({ initial }: { initial: MatchView[] }) {
    const [matches, setMatches] = useState(initial);
    const titles = new Map([['dl-prj-0001', '智能港口起重机生产线技改项目']]);
    return (
      <MatchList
        matches={matches}
        onChange={(update) => setMatches(update)}
        editable
        listingOf={(m) => m.for_listing ?? ''}
        forListingTitle={(m) => titles.get(m.for_listing ?? '') ?? m.for_listing ?? ''}
      />
    );
  }

  it('says which of my listings each match is for, and records decisions there', async () => {
    const calls = stubFetch(() => new Response(null, { status: 204 }));
    const user = userEvent.setup();
    renderWithProviders(<Recommendations initial={[{ ...fund, for_listing: 'dl-prj-0001' }, { ...park, for_listing: 'dl-prj-0002' }]} />);
    const first = card('高端装备产业基金投资意向');
    expect(within(first).getByText('对应我方信息：')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: '智能港口起重机生产线技改项目' })).toHaveAttribute('href', '/listings/dl-prj-0001');
    // a title not known: the id
    expect(within(card('临港装备产业园')).getByRole('link', { name: 'dl-prj-0002' })).toBeInTheDocument();
    await user.click(within(first).getByRole('button', { name: /加入候选/ }));
    await within(first).findByTestId('match-shortlisted');
    await user.click(within(card('临港装备产业园')).getByRole('button', { name: /不感兴趣/ }));
    await waitFor(() => expect(screen.queryByRole('article', { name: '临港装备产业园' })).toBeNull());
    expect(calls.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body)}`)).toEqual([
      'PUT /api/v1/listings/dl-prj-0001/matches/sh-fund-1 {"decision":"shortlisted"}',
      'PUT /api/v1/listings/dl-prj-0002/matches/sh-park-1 {"decision":"dismissed"}',
    ]);
  });
});
