/**
 * Providers (language, Ant Design theme and locale, taxonomy, session) and the
 * routes, each page its own lazily loaded chunk.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { TaxonomyProvider } from './state/taxonomy';
import { AuthProvider } from './state/auth';
import { Layout } from './components/Layout';
import { RequireAuth } from './components/RequireAuth';
import { RouteError } from './pages/RouteError';

const Home = lazy(() => import('./pages/Home'));
const Search = lazy(() => import('./pages/Search'));
const ListingPage = lazy(() => import('./pages/ListingPage'));
const ListingForm = lazy(() => import('./pages/ListingForm'));
const OrganizationPage = lazy(() => import('./pages/OrganizationPage'));
const OrganizationForm = lazy(() => import('./pages/OrganizationForm'));
const Workspace = lazy(() => import('./pages/Workspace'));
const SignIn = lazy(() => import('./pages/SignIn'));
const SignUp = lazy(() => import('./pages/SignUp'));
const Admin = lazy(() => import('./pages/Admin'));
const ApiDocs = lazy(() => import('./pages/ApiDocs'));
const NotFound = lazy(() => import('./pages/NotFound'));
const Inbox = lazy(() => import('./pages/Inbox'));
const Introductions = lazy(() => import('./pages/Introductions'));
const IntroductionPage = lazy(() => import('./pages/IntroductionPage'));
const Cooperations = lazy(() => import('./pages/Cooperations'));
const CooperationPage = lazy(() => import('./pages/CooperationPage'));
const Reports = lazy(() => import('./pages/Reports'));
const AuditLog = lazy(() => import('./pages/AuditLog'));

function page(element: ReactNode) {
  return <Suspense fallback={<Spin className="page-spinner" />}>{element}</Suspense>;
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: page(<Home />) },
      { path: 'search', element: page(<Search />) },
      { path: 'listings/new', element: page(<RequireAuth>{<ListingForm />}</RequireAuth>) },
      { path: 'listings/:id', element: page(<ListingPage />) },
      { path: 'listings/:id/edit', element: page(<RequireAuth>{<ListingForm />}</RequireAuth>) },
      { path: 'organizations/new', element: page(<RequireAuth>{<OrganizationForm />}</RequireAuth>) },
      { path: 'organizations/:id', element: page(<OrganizationPage />) },
      { path: 'organizations/:id/edit', element: page(<RequireAuth>{<OrganizationForm />}</RequireAuth>) },
      { path: 'workspace', element: page(<RequireAuth>{<Workspace />}</RequireAuth>) },
      { path: 'signin', element: page(<SignIn />) },
      { path: 'signup', element: page(<SignUp />) },
      { path: 'admin', element: page(<RequireAuth admin>{<Admin />}</RequireAuth>) },
      { path: 'admin/:tab', element: page(<RequireAuth admin>{<Admin />}</RequireAuth>) },
      { path: 'inbox', element: page(<RequireAuth>{<Inbox />}</RequireAuth>) },
      { path: 'introductions', element: page(<RequireAuth>{<Introductions />}</RequireAuth>) },
      { path: 'introductions/:id', element: page(<RequireAuth>{<IntroductionPage />}</RequireAuth>) },
      { path: 'cooperations', element: page(<RequireAuth>{<Cooperations />}</RequireAuth>) },
      { path: 'cooperations/:id', element: page(<RequireAuth>{<CooperationPage />}</RequireAuth>) },
      { path: 'reports', element: page(<RequireAuth>{<Reports />}</RequireAuth>) },
      { path: 'audit', element: page(<RequireAuth admin>{<AuditLog />}</RequireAuth>) },
      { path: 'api-docs', element: page(<ApiDocs />) },
      { path: '*', element: page(<NotFound />) },
    ],
  },
]);

function Themed({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? zhCN : enUS}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1d4ed8', borderRadius: 6, fontFamily: 'system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif' } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export default function App() {
  return (
    <I18nProvider>
      <Themed>
        <TaxonomyProvider>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </TaxonomyProvider>
      </Themed>
    </I18nProvider>
  );
}
