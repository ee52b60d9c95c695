/**
 * API documentation: how to use the API, links to the interactive page and the
 * OpenAPI document, and every endpoint read from that document.
 */
import { Alert, Card, Skeleton, Table, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';

interface Endpoint {
  method: string;
  path: string;
  summary: string;
  tag: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const METHOD_COLORS: Record<string, string> = { GET: 'blue', POST: 'green', PUT: 'orange', PATCH: 'gold', DELETE: 'red' };

/** The endpoints of an OpenAPI document, in its order. */
export function endpointsOf(document: unknown): Endpoint[] {
  const paths = (document as { paths?: Record<string, Record<string, { summary?: string; tags?: string[] }>> }).paths ?? {};
  const endpoints: Endpoint[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) endpoints.push({ method: method.toUpperCase(), path, summary: operation.summary ?? '', tag: operation.tags?.[0] ?? '' });
    }
  }
  return endpoints;
}

export default function ApiDocs() {
  const { t } = useI18n();
  usePageTitle(t('api.title'));
  const doc = useAsync(async () => {
    const response = await fetch('/api/v1/openapi.json');
    if (!response.ok) throw new Error(String(response.status));
    return endpointsOf(await response.json());
  }, []);
  return (
    <div className="api-docs">
      <h1>{t('api.title')}</h1>
      <Typography.Paragraph>{t('api.intro')}</Typography.Paragraph>
      <Card size="small" className="section">
        <ul className="plain-list">
          <li>
            <a href="/api/docs">{t('api.interactive')}</a> — <Typography.Text code>/api/docs</Typography.Text>
          </li>
          <li>
            <a href="/api/v1/openapi.json">{t('api.openapi')}</a> — <Typography.Text code>/api/v1/openapi.json</Typography.Text>
          </li>
        </ul>
        <Typography.Paragraph>{t('api.auth')}</Typography.Paragraph>
        <Typography.Paragraph>{t('api.errors')}</Typography.Paragraph>
        <Typography.Paragraph>{t('api.exchange')}</Typography.Paragraph>
      </Card>
      <section aria-labelledby="endpoints-heading" className="section">
        <h2 id="endpoints-heading">{t('api.endpoints')}</h2>
        {doc.error ? (
          <Alert type="error" showIcon message={t('api.loadFailed')} />
        ) : !doc.data ? (
          <Skeleton active />
        ) : (
          <Table<Endpoint>
            rowKey={(e) => `${e.method} ${e.path}`}
            dataSource={doc.data}
            pagination={false}
            size="small"
            scroll={{ x: 640 }}
            columns={[
              { title: t('api.col.method'), dataIndex: 'method', width: 90, render: (m: string) => <Tag color={METHOD_COLORS[m] ?? 'default'}>{m}</Tag> },
              { title: t('api.col.path'), dataIndex: 'path', render: (p: string) => <Typography.Text code>{p}</Typography.Text> },
              { title: t('api.col.summary'), dataIndex: 'summary', render: (s: string) => <span lang="en">{s}</span> },
            ]}
          />
        )}
      </section>
    </div>
  );
}
