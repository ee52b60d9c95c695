import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { BrokerButton, IntroduceButton } from './IntroduceModal';
import { Session, type StoredSession } from '../auth/session';
import type { MembershipView, UserView } from '../api/types';
import { AuthProvider } from '../state/auth';
import { renderWithProviders } from '../test/render';
import { json, stubFetch, type Call } from '../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

const target = { external_id: 'dl-prj-1', title: '起重机项目', organization: 'dl-org-1' };

function signedIn(role = 'member'): Session {
  const user: UserView = { id: 5, email: 'a@example.com', display_name: '张三', role, created_at: '2026-01-01T00:00:00Z' };
  const stored: StoredSession = { access_token: 'token', refresh_token: 'refresh', expires_at: Date.now() + 3_600_000, user };
  localStorage.setItem('hulian.session', JSON.stringify(stored));
  return new Session({ storage: localStorage });
}

/** /me answers `memberships`; my listings one; the introduction `answer`. */
function stubApi(memberships: MembershipView[], answer: () => Response, role = 'member'): Call[] {
  return stubFetch(({ method, path }) => {
    if (path === '/api/v1/me') return json(200, { user: { id: 5, email: 'a@example.com', display_name: '张三', role, created_at: '2026-01-01T00:00:00Z' }, memberships });
    if (path === '/api/v1/listings') return json(200, { items: [], total: 0, page: 1, per_page: 100 });
    if (method === 'POST' && path === '/api/v1/introductions') return answer();
    return json(404, { error: { code: 'route_not_found', message: path } });
  });
}

const intro = { id: 'int-1' };

function renderButton(ui: React.ReactElement, session: Session) {
  return renderWithProviders(
    <AuthProvider session={session}>
      <Routes>
        <Route path="/" element={ui} />
        <Route path="/introductions/:id" element={<h1>introduction page</h1>} />
      </Routes>
    </AuthProvider>,
  );
}

const sh = (organization: string, organization_name: string): MembershipView => ({ organization, organization_name, role: 'owner' });

describe('express interest', () => {
  it('sends the message on behalf of my only organization, then opens the introduction', async () => {
    const calls = stubApi([sh('sh-org-1', '上海基金')], () => json(201, intro));
    renderButton(<IntroduceButton listing={target} />, signedIn());
    fireEvent.click(await screen.findByRole('button', { name: /表达合作意向/ }));
    expect(await screen.findByText('上海基金')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('留言'), { target: { value: '  希望合作  ' } });
    fireEvent.click(screen.getByRole('button', { name: /发\s*送/ }));
    expect(await screen.findByRole('heading', { name: 'introduction page' }, { timeout: 5000 })).toBeInTheDocument();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ kind: 'interest', listing: 'dl-prj-1', message: '希望合作', from_organization: 'sh-org-1' });
  }, 20_000);

  it('says a 409 and a 429 in words, and a field error at its field', async () => {
    let answer = json(409, { error: { code: 'introduction_exists', message: 'introduction `int-0` already connects these two' } });
    stubApi([sh('sh-org-1', '上海基金'), sh('sh-org-2', '上海园区')], () => answer);
    renderButton(<IntroduceButton listing={target} />, signedIn());
    fireEvent.click(await screen.findByRole('button', { name: /表达合作意向/ }));
    expect(await screen.findByLabelText('以哪个机构的名义')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('留言'), { target: { value: '希望合作' } });
    fireEvent.click(screen.getByRole('button', { name: /发\s*送/ }));
    expect(await screen.findByText('你们之间已经有一个进行中或已达成的对接。', {}, { timeout: 5000 })).toBeInTheDocument();
    answer = json(429, { error: { code: 'rate_limited', message: 'at most 20 introductions in 24 hours' } });
    fireEvent.click(screen.getByRole('button', { name: /发\s*送/ }));
    expect(await screen.findByText('操作太频繁，请明天再试。', {}, { timeout: 5000 })).toBeInTheDocument();
    answer = json(422, { error: { code: 'validation_failed', message: 'invalid', fields: { message: { field: 'message', code: 'too_long', message: 'at most 2000 characters' } } } });
    fireEvent.click(screen.getByRole('button', { name: /发\s*送/ }));
    expect(await screen.findByText('不能超过 2000 个字符', {}, { timeout: 5000 })).toBeInTheDocument();
  }, 20_000);

  it('is not offered on my own organization’s listing', async () => {
    stubApi([sh('dl-org-1', '大连装备')], () => json(201, intro));
    renderButton(
      <>
        <IntroduceButton listing={target} />
        <span>rendered</span>
      </>,
      signedIn(),
    );
    await waitFor(() => expect(screen.queryByRole('button', { name: /表达合作意向/ })).toBeNull());
  });
});

describe('broker an introduction', () => {
  it('is for promoters only, and sends both listings', async () => {
    const calls = stubApi([], () => json(201, intro), 'promoter');
    renderButton(<BrokerButton listing={target} fromListing={{ external_id: 'sh-fund-1', title: '上海基金意向' }} />, signedIn('promoter'));
    fireEvent.click(await screen.findByRole('button', { name: /撮合对接/ }));
    expect(await screen.findByText('上海基金意向')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('留言'), { target: { value: '两家很对口' } });
    fireEvent.click(screen.getByRole('button', { name: /发\s*送/ }));
    await screen.findByRole('heading', { name: 'introduction page' }, { timeout: 5000 });
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ kind: 'brokered', listing: 'dl-prj-1', from_listing: 'sh-fund-1', message: '两家很对口' });
  }, 20_000);

  it('is not shown to members', async () => {
    stubApi([], () => json(201, intro));
    renderButton(
      <>
        <BrokerButton listing={target} />
        <span>rendered</span>
      </>,
      signedIn(),
    );
    await screen.findByText('rendered');
    expect(screen.queryByRole('button', { name: /撮合对接/ })).toBeNull();
  });
});
