/** Create or edit an organization, with the API's per-field errors shown at each field. */
import { useEffect } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Row, Select, Skeleton } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { OrganizationRecord, OrganizationView } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { SectorSelect } from '../components/SectorSelect';
import { useI18n } from '../i18n/I18nProvider';
import { useApiForm } from '../lib/useApiForm';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';
import { useVocabulary } from '../state/taxonomy';

interface OrgFormValues {
  external_id?: string;
  name: string;
  name_en?: string;
  org_type?: string;
  region?: string;
  district?: string;
  sectors: string[];
  ownership?: string;
  description: string;
  description_en?: string;
  website?: string;
  contact?: { name?: string; email?: string; phone?: string };
}

const blank = (value: string | null | undefined) => (value && value.trim() ? value.trim() : undefined);

/** Form values → the record the API takes; empty optional fields are left out. */
export function organizationBody(values: OrgFormValues): OrganizationRecord {
  const contact = values.contact ? { name: blank(values.contact.name), email: blank(values.contact.email), phone: blank(values.contact.phone) } : undefined;
  const hasContact = contact && (contact.name || contact.email || contact.phone);
  // `external_id` is optional on create (the API mints one) although the schema marks it required.
  return {
    external_id: blank(values.external_id),
    name: values.name?.trim() ?? '',
    name_en: blank(values.name_en),
    org_type: values.org_type,
    region: values.region,
    district: blank(values.district),
    sectors: values.sectors ?? [],
    ownership: values.ownership || undefined,
    description: values.description?.trim() ?? '',
    description_en: blank(values.description_en),
    website: blank(values.website),
    contact: hasContact ? contact : undefined,
  } as OrganizationRecord;
}

function toValues(org: OrganizationView): OrgFormValues {
  return {
    external_id: org.external_id,
    name: org.name,
    name_en: org.name_en ?? undefined,
    org_type: org.org_type,
    region: org.region,
    district: org.district ?? undefined,
    sectors: org.sectors,
    ownership: org.ownership ?? undefined,
    description: org.description,
    description_en: org.description_en ?? undefined,
    website: org.website ?? undefined,
    contact: { name: org.contact?.name ?? undefined, email: org.contact?.email ?? undefined, phone: org.contact?.phone ?? undefined },
  };
}

export default function OrganizationForm() {
  const { id } = useParams();
  const editing = Boolean(id);
  const { t } = useI18n();
  const { options } = useVocabulary();
  const { reloadMe } = useAuth();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const { submitting, formError, submit } = useApiForm(form, { codeFields: { organization_exists: ['external_id'] } });
  usePageTitle(editing ? t('org.editTitle') : t('org.new'));
  const existing = useAsync(
    () => (id ? api.GET('/api/v1/organizations/{id}', { params: { path: { id } } }).then(unwrap) : Promise.resolve(null)),
    [id],
  );

  useEffect(() => {
    if (existing.data) form.setFieldsValue(toValues(existing.data));
  }, [existing.data, form]);

  if (editing && existing.error) return <ErrorAlert error={existing.error} onRetry={existing.reload} />;
  if (editing && !existing.data) return <Skeleton active />;

  const onFinish = (values: OrgFormValues) =>
    submit(async () => {
      const body = organizationBody(values);
      const saved = id
        ? unwrap(await api.PUT('/api/v1/organizations/{id}', { params: { path: { id } }, body: { ...body, external_id: id } }))
        : unwrap(await api.POST('/api/v1/organizations', { body }));
      await reloadMe();
      void message.success(t(id ? 'org.updated' : 'org.created'));
      navigate(`/organizations/${encodeURIComponent(saved.external_id)}`);
    });

  const select = (kind: Parameters<typeof options>[0]) => options(kind);

  return (
    <div className="form-page">
      <h1>{editing ? t('org.editTitle') : t('org.new')}</h1>
      <Card>
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ sectors: [] }} requiredMark scrollToFirstError name="organization">
          {formError && <Alert type="error" role="alert" showIcon className="form-error" message={formError[0]} description={formError.length > 1 ? <ul>{formError.slice(1).map((e) => <li key={e}>{e}</li>)}</ul> : undefined} />}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('form.name')} rules={[{ required: true, message: t('fieldError.required') }]}>
                <Input maxLength={200} autoComplete="organization" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="name_en" label={t('form.nameEn')}>
                <Input maxLength={200} lang="en" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="org_type" label={t('form.orgType')} rules={[{ required: true, message: t('fieldError.required') }]}>
                <Select options={select('org_type')} placeholder={t('form.selectPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="ownership" label={t('form.ownership')}>
                <Select options={select('ownership')} placeholder={t('form.selectPlaceholder')} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="region" label={t('form.region')} rules={[{ required: true, message: t('fieldError.required') }]}>
                <Select options={select('region')} placeholder={t('form.selectPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="district" label={t('form.district')} extra={t('form.districtHelp')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="sectors" label={t('form.sectors')} rules={[{ required: true, message: t('fieldError.required') }]}>
                <SectorSelect />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description" label={t('form.description')} rules={[{ required: true, message: t('fieldError.required') }]}>
                <Input.TextArea rows={5} maxLength={10000} showCount />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description_en" label={t('form.descriptionEn')}>
                <Input.TextArea rows={4} maxLength={10000} lang="en" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="website" label={t('form.website')}>
                <Input type="url" placeholder="https://" autoComplete="url" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="external_id" label={t('form.externalId')} extra={editing ? undefined : t('form.externalIdHelp')}>
                <Input maxLength={128} disabled={editing} />
              </Form.Item>
            </Col>
          </Row>
          <fieldset className="form-fieldset">
            <legend>{t('form.contactSection')}</legend>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name={['contact', 'name']} label={t('form.contactName')}>
                  <Input autoComplete="name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['contact', 'email']} label={t('form.contactEmail')}>
                  <Input type="email" autoComplete="email" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['contact', 'phone']} label={t('form.contactPhone')}>
                  <Input type="tel" autoComplete="tel" />
                </Form.Item>
              </Col>
            </Row>
          </fieldset>
          <div className="form-actions">
            <Button type="primary" htmlType="submit" loading={submitting}>
              {t('form.submitOrg')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
