/**
 * The frame of every page: skip link, header with the main navigation, the
 * language switch and the account menu; a drawer for the navigation at phone
 * width; the footer.
 */
import { useState } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { App as AntApp, Badge, Button, Drawer, Dropdown } from 'antd';
import { BellOutlined, MenuOutlined, UserOutlined, GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';
import { useAuth } from '../state/auth';
import { UnreadProvider, useUnread } from '../state/inbox';
import type { MessageKey } from '../i18n/messages';

interface NavItem {
  to: string;
  label: MessageKey;
  end?: boolean;
}

function NavLinks({ items, onNavigate }: { items: NavItem[]; onNavigate?: () => void }) {
  const { t } = useI18n();
  return (
    <ul className="nav-list">
      {items.map((item) => (
        <li key={item.to}>
          <NavLink to={item.to} end={item.end ?? false} onClick={onNavigate} className={({ isActive }) => (isActive ? 'nav-link nav-link--active' : 'nav-link')}>
            {t(item.label)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const next = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      onClick={() => setLocale(next)}
      aria-label={t('nav.switchLanguageLabel')}
      lang={next}
      data-testid="language-switch"
      className="header-button"
    >
      {t('nav.switchLanguage')}
    </Button>
  );
}

/** The inbox, with the number of unread items. */
function InboxLink() {
  const { t } = useI18n();
  const { unread } = useUnread();
  return (
    <Link to="/inbox" className="header-link inbox-link" data-testid="inbox-link" data-unread={unread} aria-label={unread > 0 ? t('nav.inboxUnread', { count: unread }) : t('nav.inbox')}>
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined aria-hidden className="inbox-link__icon" />
      </Badge>
    </Link>
  );
}

function AccountMenu() {
  const { t } = useI18n();
  const { user, signOut, isAdmin } = useAuth();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  if (!user) {
    return (
      <span className="account-links">
        <Link to="/signin" className="header-link">
          {t('nav.signIn')}
        </Link>
        <Link to="/signup" className="header-link header-link--primary">
          {t('nav.signUp')}
        </Link>
      </span>
    );
  }
  return (
    <Dropdown
      trigger={['click']}
      autoFocus
      menu={{
        items: [
          { key: 'workspace', label: t('nav.workspace') },
          ...(isAdmin ? [{ key: 'audit', label: t('nav.audit') }] : []),
          { type: 'divider' },
          { key: 'signout', label: t('nav.signOut') },
        ],
        onClick: ({ key }) => {
          if (key === 'workspace') navigate('/workspace');
          if (key === 'audit') navigate('/audit');
          if (key === 'signout') {
            void signOut().then(() => {
              void message.success(t('auth.signedOut'));
              navigate('/');
            });
          }
        },
      }}
    >
      <Button type="text" icon={<UserOutlined aria-hidden />} aria-label={`${t('nav.userMenu')}: ${user.display_name}`} aria-haspopup="menu" className="header-button" data-testid="account-menu">
        <span className="account-name">{user.display_name}</span>
      </Button>
    </Dropdown>
  );
}

export function Layout() {
  const { t } = useI18n();
  const { user, isAdmin, isPromoter } = useAuth();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const items: NavItem[] = [
    { to: '/', label: 'nav.home', end: true },
    { to: '/search', label: 'nav.search' },
    ...(user
      ? ([
          { to: '/workspace', label: 'nav.workspace' },
          { to: '/introductions', label: 'nav.introductions' },
          { to: '/cooperations', label: 'nav.cooperations' },
        ] as NavItem[])
      : []),
    ...(isPromoter ? [{ to: '/reports', label: 'nav.reports' } as NavItem] : []),
    ...(isAdmin ? [{ to: '/admin', label: 'nav.admin' } as NavItem] : []),
    { to: '/api-docs', label: 'nav.apiDocs' },
  ];
  return (
    <UnreadProvider>
    <div className="app">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Button
            className="menu-toggle"
            type="text"
            icon={<MenuOutlined aria-hidden />}
            aria-label={t('nav.openMenu')}
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          />
          <Link to="/" className="brand" aria-label={t('app.fullName')}>
            <span className="brand__mark" aria-hidden>
              沪
            </span>
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          <nav aria-label={t('nav.menu')} className="main-nav">
            <NavLinks items={items} />
          </nav>
          <div className="header-actions">
            <LanguageSwitch />
            {user && <InboxLink />}
            <AccountMenu />
          </div>
        </div>
      </header>
      <Drawer title={t('app.name')} placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} width={260}>
        <nav aria-label={t('nav.menu')} className="drawer-nav">
          <NavLinks items={items} onNavigate={() => setDrawerOpen(false)} />
        </nav>
      </Drawer>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
    </UnreadProvider>
  );
}
