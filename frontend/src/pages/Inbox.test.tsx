import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import Inbox from './Inbox';
import { Session, type StoredSession } from '../auth/session';
import type { InboxItemView } from '../api/types';
import { AuthProvider } from '../state/auth';
import { UnreadProvider, useUnread } from '../state/inbox';
import { renderWithProviders } from '../test/render';
import { json, stubFetch } from '../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

const user = { id: 5, email: 'b@example.com', display_name: '李四', role: 'member', created_at: '2026-01-01T00:00:00Z' };

function Badge() {
  const { unread } = useUnread();
  return <output data-testid="badge">{unread}</output>;
}

const items: InboxItemView[] = [
  { id: 2, event: 'introduction.requested', data: { introduction: 'int-1', from_organization_name: '上海基金', listing_title: '起重机项目' } as unknown as Record<string, never>, created_at: '2026-11-27T08:00:00Z', read_at: null },
  { id: 1, event: 'match.new', data: { listing: { id: 'm', title: '我的' }, matched_listing: { id: 'x', title: '园区' }, score: 0.5 } as unknown as Record<string, never>, created_at: '2026-11-26T08:00:00Z', read_at: null },
];

describe('Inbox', () => {
  it('lists the items, marks one read, then all, and the badge follows', async () => {
    const stored: StoredSession = { access_token: 't', refresh_token: 'r', expires_at: Date.now() + 3_600_000, user };
    localStorage.setItem('hulian.session', JSON.stringify(stored));
    let unread = 2;
    const calls = stubFetch(({ method, path }) => {
      if (path === '/api/v1/me') return json(200, { user, memberships: [] });
      if (method === 'GET' && path === '/api/v1/inbox') return json(200, { items, total: 2, unread, page: 1, per_page: 20 });
      if (method === 'POST' && path === '/api/v1/inbox/2/read') {
        unread = 1;
        return json(200, { ...items[0], read_at: '2026-11-27T09:00:00Z' });
      }
      if (method === 'POST' && path === '/api/v1/inbox/read-all') {
        unread = 0;
        return json(200, { marked: 1 });
      }
      return json(404, { error: { code: 'route_not_found', message: path } });
    });
    renderWithProviders(
      <AuthProvider session={new Session({ storage: localStorage })}>
        <UnreadProvider>
          <Badge />
          <Inbox />
        </UnreadProvider>
      </AuthProvider>,
    );
    const request = await screen.findByRole('article', { name: '上海基金 希望与您对接' }, { timeout: 5000 });
    await waitFor(() => expect(screen.getByTestId('badge')).toHaveTextContent('2'));
    expect(screen.getByTestId('inbox-unread')).toHaveTextContent('2 条未读');
    fireEvent.click(within(request).getByRole('button', { name: /标为已读/ }));
    await waitFor(() => expect(request).toHaveAttribute('data-unread', 'false'));
    expect(screen.getByTestId('badge')).toHaveTextContent('1');
    fireEvent.click(screen.getByRole('button', { name: /全部标为已读/ }));
    expect(await screen.findByText('已将 1 条消息标为已读', {}, { timeout: 5000 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('badge')).toHaveTextContent('0'));
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/inbox/2/read', '/api/v1/inbox/read-all']);
  }, 20_000);
});
