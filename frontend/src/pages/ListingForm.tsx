/**
 * Post or edit a listing, with the API's per-field errors shown at each field.
 * Amounts are typed in the unit the user reads (万元, or CNY million in English)
 * and sent in yuan.
 */
import { useEffect, useMemo, useRef } from 'react';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, InputNumber, Result, Row, Select, Skeleton } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { ListingRecord, ListingView } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { LinkButton } from '../components/LinkButton';
import { SectorSelect } from '../components/SectorSelect';
import { useI18n } from '../i18n/I18nProvider';
import type { Locale } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages';
import { useApiForm } from '../lib/useApiForm';
import { useAsync } from '../lib/useAsync';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';
import { useVocabulary } from '../state/taxonomy';

interface ListingFormValues {
  organization?: string;
  listing_type?: string;
  title: string;
  title_en?: string;
  description: string;
  description_en?: string;
  sectors: string[];
  region?: string;
  target_regions?: string[];
  /** In the display unit (see `amountFactor`). */
  amount_cny_min?: number | null;
  amount_cny_max?: number | null;
  modes?: string[];
  deadline?: Dayjs | null;
  status?: string;
  tags?: string[];
}

/** Yuan per display unit: 万元 in Chinese, million in English. */
export function amountFactor(locale: Locale): number {
  return locale === 'zh-CN' ? 10_000 : 1_000_000;
}

const blank = (value: string | null | undefined) => (value && value.trim() ? value.trim() : undefined);
const toYuan = (value: number | null | undefined, locale: Locale) => (typeof value === 'number' ? Math.round(value * amountFactor(locale)) : undefined);
const fromYuan = (value: number | null | undefined, locale: Locale) => (typeof value === 'number' ? value / amountFactor(locale) : undefined);

export function listingBody(values: ListingFormValues, locale: Locale): ListingRecord {
  // `external_id` is minted by the API on create although the schema marks it required.
  return {
    organization: values.organization,
    listing_type: values.listing_type,
    title: values.title?.trim() ?? '',
    title_en: blank(values.title_en),
    description: values.description?.trim() ?? '',
    description_en: blank(values.description_en),
    sectors: values.sectors ?? [],
    region: values.region,
    target_regions: values.target_regions && values.target_regions.length > 0 ? values.target_regions : undefined,
    amount_cny_min: toYuan(values.amount_cny_min, locale),
    amount_cny_max: toYuan(values.amount_cny_max, locale),
    modes: values.modes ?? [],
    deadline: values.deadline ? values.deadline.format('YYYY-MM-DD') : undefined,
    status: values.status ?? 'published',
    tags: values.tags ?? [],
  } as unknown as ListingRecord;
}

function toValues(listing: ListingView, locale: Locale): ListingFormValues {
  return {
    organization: listing.organization,
    listing_type: listing.listing_type,
    title: listing.title,
    title_en: listing.title_en ?? undefined,
    description: listing.description,
    description_en: listing.description_en ?? undefined,
    sectors: listing.sectors,
    region: listing.region,
    target_regions: listing.target_regions ?? [],
    amount_cny_min: fromYuan(listing.amount_cny_min, locale),
    amount_cny_max: fromYuan(listing.amount_cny_max, locale),
    modes: listing.modes ?? [],
    deadline: listing.deadline ? dayjs(listing.deadline) : null,
    status: listing.status ?? 'published',
    tags: listing.tags ?? [],
  };
}

export default function ListingForm() {
  const { id } = useParams();
  const editing = Boolean(id);
  const [params] = useSearchParams();
  const { t, locale, pick } = useI18n();
  const { options } = useVocabulary();
  const { me, isAdmin, loading: authLoading } = useAuth();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ListingFormValues>();
  const { submitting, formError, submit } = useApiForm(form, { codeFields: { listing_exists: ['title'], invalid_status_transition: ['status'] } });
  usePageTitle(editing ? t('listing.editTitle') : t('listing.new'));
  const existing = useAsync(() => (id ? api.GET('/api/v1/listings/{id}', { params: { path: { id } } }).then(unwrap) : Promise.resolve(null)), [id]);

  // Switching language switches the amount unit: keep the amount, change the number.
  const shownLocale = useRef(locale);
  useEffect(() => {
    if (shownLocale.current === locale) return;
    const previous = shownLocale.current;
    shownLocale.current = locale;
    const convert = (v: number | null | undefined) => fromYuan(toYuan(v, previous), locale);
    form.setFieldsValue({ amount_cny_min: convert(form.getFieldValue('amount_cny_min')), amount_cny_max: convert(form.getFieldValue('amount_cny_max')) });
  }, [locale, form]);

  useEffect(() => {
    if (existing.data) form.setFieldsValue(toValues(existing.data, shownLocale.current));
  }, [existing.data, form]);

  const presetOrg = params.get('organization');
  const organizations = useMemo(() => {
    const own = (me?.memberships ?? []).map((m) => ({ value: m.organization, label: m.organization_name }));
    const extra = [presetOrg, existing.data?.organization].filter((o): o is string => Boolean(o) && !own.some((x) => x.value === o));
    const labels = new Map<string, string>();
    if (existing.data) labels.set(existing.data.organization, pick(existing.data.organization_name, existing.data.organization_name_en));
    return [...own, ...extra.map((o) => ({ value: o, label: labels.get(o) ?? o }))];
  }, [me, presetOrg, existing.data, pick]);

  const initialValues = useMemo<Partial<ListingFormValues>>(() => {
    const presetType = params.get('type');
    return {
      organization: presetOrg ?? (me?.memberships.length === 1 ? me.memberships[0]?.organization : undefined),
      listing_type: presetType ?? undefined,
      sectors: [],
      status: 'published',
      modes: [],
      tags: [],
      target_regions: [],
    };
  }, [params, presetOrg, me]);

  // The organization chosen once memberships arrive.
  useEffect(() => {
    if (!editing && !form.getFieldValue('organization') && initialValues.organization) form.setFieldValue('organization', initialValues.organization);
  }, [editing, form, initialValues.organization]);

  if (editing && existing.error) return <ErrorAlert error={existing.error} onRetry={existing.reload} />;
  if ((editing && !existing.data) || authLoading) return <Skeleton active />;
  if (!editing && organizations.length === 0 && !isAdmin) {
    return (
      <Result
        status="info"
        title={<h1 className="result-title">{t('listing.new')}</h1>}
        subTitle={t('form.noOrganizations')}
        extra={
          <LinkButton to="/organizations/new" type="primary">
            {t('ws.newOrganization')}
          </LinkButton>
        }
      />
    );
  }

  const onFinish = (values: ListingFormValues) =>
    submit(async () => {
      const body = listingBody(values, locale);
      const saved = id
        ? unwrap(await api.PUT('/api/v1/listings/{id}', { params: { path: { id } }, body: { ...body, external_id: id } }))
        : unwrap(await api.POST('/api/v1/listings', { body }));
      void message.success(t(id ? 'listing.updated' : 'listing.created'));
      navigate(`/listings/${encodeURIComponent(saved.external_id)}`);
    });

  const required = [{ required: true, message: t('fieldError.required') }];
  const unit = t('form.amountUnit');
  const statuses = (['draft', 'published', 'closed'] as const).map((s) => ({ value: s, label: t(`listing.status.${s}` as MessageKey) }));

  return (
    <div className="form-page">
      <h1>{editing ? t('listing.editTitle') : t('listing.new')}</h1>
      <Card>
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues} requiredMark scrollToFirstError name="listing">
          {formError && <Alert type="error" role="alert" showIcon className="form-error" message={formError[0]} description={formError.length > 1 ? <ul>{formError.slice(1).map((e) => <li key={e}>{e}</li>)}</ul> : undefined} />}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="organization" label={t('form.organization')} extra={t('form.organizationHelp')} rules={required}>
                <Select options={organizations} placeholder={t('form.selectPlaceholder')} disabled={editing} showSearch optionFilterProp="label" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="listing_type" label={t('form.listingType')} rules={required}>
                <Select options={options('listing_type')} placeholder={t('form.selectPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="title" label={t('form.title')} rules={required}>
                <Input maxLength={200} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="title_en" label={t('form.titleEn')}>
                <Input maxLength={200} lang="en" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description" label={t('form.listingDescription')} rules={required}>
                <Input.TextArea rows={6} maxLength={20000} showCount />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description_en" label={t('form.listingDescriptionEn')}>
                <Input.TextArea rows={4} maxLength={20000} lang="en" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="sectors" label={t('form.sectors')} rules={required}>
                <SectorSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="region" label={t('form.listingRegion')} rules={required}>
                <Select options={options('region')} placeholder={t('form.selectPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="target_regions" label={t('form.targetRegions')} extra={t('form.targetRegionsHelp')}>
                <Select mode="multiple" options={options('region')} placeholder={t('form.selectPlaceholder')} allowClear />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="amount_cny_min" label={t('form.amountMin')} extra={t('form.amountHelp')}>
                <InputNumber min={0} style={{ width: '100%' }} suffix={unit} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="amount_cny_max" label={t('form.amountMax')}>
                <InputNumber min={0} style={{ width: '100%' }} suffix={unit} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="modes" label={t('form.modes')}>
                <Select mode="multiple" options={options('mode')} placeholder={t('form.selectPlaceholder')} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="deadline" label={t('form.deadline')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="status" label={t('form.status')}>
                <Select options={statuses} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="tags" label={t('form.tags')} extra={t('form.tagsHelp')}>
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} />
              </Form.Item>
            </Col>
          </Row>
          <div className="form-actions">
            <Button type="primary" htmlType="submit" loading={submitting}>
              {t('form.submitListing')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
