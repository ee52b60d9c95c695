import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { InboxItem } from './InboxItem';
import type { InboxItemView } from '../api/types';
import { renderWithProviders } from '../test/render';

function item(overrides: Partial<InboxItemView>): InboxItemView {
  return { id: 7, event: 'introduction.requested', data: {} as Record<string, never>, created_at: '2026-11-27T08:00:00Z', read_at: null, ...overrides };
}

describe('InboxItem', () => {
  it('renders an unread introduction request with its link and "mark read"', () => {
    const onRead = vi.fn();
    const data = { introduction: 'int-9', from_organization_name: '上海基金', organization_name: '大连装备', listing_title: '起重机项目' } as unknown as Record<string, never>;
    renderWithProviders(<InboxItem item={item({ data })} onRead={onRead} />);
    const article = screen.getByRole('article', { name: '上海基金 希望与您对接' });
    expect(article).toHaveAttribute('data-unread', 'true');
    expect(within(article).getByRole('link', { name: '上海基金 希望与您对接' })).toHaveAttribute('href', '/introductions/int-9');
    expect(within(article).getByText('关于“起重机项目”')).toBeInTheDocument();
    fireEvent.click(within(article).getByRole('button', { name: /标为已读/ }));
    expect(onRead).toHaveBeenCalledWith(7);
    // following the link reads it too
    fireEvent.click(within(article).getByRole('link'));
    expect(onRead).toHaveBeenCalledTimes(2);
  });

  it('renders a read stage change in English, without "mark read"', () => {
    const data = { cooperation: 'coop-2', title: 'Crane project', from_stage: 'negotiation', to_stage: 'signed' } as unknown as Record<string, never>;
    renderWithProviders(<InboxItem item={item({ event: 'cooperation.stage_changed', data, read_at: '2026-11-27T09:00:00Z' })} onRead={() => {}} />, { locale: 'en' });
    const article = screen.getByRole('article', { name: 'Cooperation progress: Crane project' });
    expect(article).toHaveAttribute('data-unread', 'false');
    expect(within(article).getByText('Negotiation → Signed')).toBeInTheDocument();
    expect(within(article).getByRole('link')).toHaveAttribute('href', '/cooperations/coop-2');
    expect(within(article).queryByRole('button')).toBeNull();
  });

  it('renders a saved-search hit and a new match with links to the listings', () => {
    const hit = { saved_search: { id: 1, name: '大连装备' }, listing: { id: 'dl-3', title: '新项目' } } as unknown as Record<string, never>;
    const match = { listing: { id: 'mine', title: '我的项目' }, matched_listing: { id: 'sh-4', title: '上海基金意向' }, score: 0.66 } as unknown as Record<string, never>;
    renderWithProviders(
      <>
        <InboxItem item={item({ id: 1, event: 'saved_search.hit', data: hit })} onRead={() => {}} />
        <InboxItem item={item({ id: 2, event: 'match.new', data: match })} onRead={() => {}} />
      </>,
    );
    expect(screen.getByRole('link', { name: '订阅的检索“大连装备”有新结果' })).toHaveAttribute('href', '/listings/dl-3');
    expect(screen.getByRole('link', { name: '新的推荐：上海基金意向' })).toHaveAttribute('href', '/listings/sh-4');
    expect(screen.getByText('与您的“我的项目”匹配，匹配度 66%')).toBeInTheDocument();
  });
});
