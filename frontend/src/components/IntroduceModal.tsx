/**
 * Starting an introduction. "Express interest" (表达合作意向): a member asks to
 * meet the owner of a listing, on behalf of one of their organizations,
 * optionally about one of its listings. "Broker an introduction" (撮合对接): a
 * promoter proposes that the owners of two listings meet; both must accept.
 * Field errors show at their fields; 409 and 429 codes above the form.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { HeartOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { IntroductionInput } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { useAsync } from '../lib/useAsync';
import { useApiForm } from '../lib/useApiForm';
import { useAuth } from '../state/auth';
import { LinkButton } from './LinkButton';

/** The listing asked about (side B). */
export interface TargetListing {
  external_id: string;
  title: string;
  organization: string;
}

interface InterestValues {
  from_organization?: string;
  from_listing?: string;
  message?: string;
}

function FormErrorAlert({ errors }: { errors: string[] | null }) {
  if (!errors) return null;
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      className="form-error"
      data-testid="intro-form-error"
      message={errors[0]}
      description={errors.length > 1 ? <ul>{errors.slice(1).map((e) => <li key={e}>{e}</li>)}</ul> : undefined}
    />
  );
}

/** "Express interest": a button and its modal. Hidden on one's own organization's listings. */
export function IntroduceButton({
  listing,
  fromListing,
  fromOrganization,
  size,
  block,
}: {
  listing: TargetListing;
  /** Preset: my listing this is about (a match card on my listing's page). */
  fromListing?: string;
  fromOrganization?: string;
  size?: 'small' | 'middle' | 'large';
  block?: boolean;
}) {
  const { t } = useI18n();
  const { user, me } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<InterestValues>();
  const { submitting, formError, submit } = useApiForm(form);
  const memberships = me?.memberships ?? [];
  const chosenOrg = Form.useWatch('from_organization', form) ?? fromOrganization ?? memberships[0]?.organization;
  const mine = useAsync(
    () => (open && user ? api.GET('/api/v1/listings', { params: { query: { mine: true, per_page: 100 } } }).then(unwrap) : Promise.resolve(null)),
    [open, user?.id],
  );

  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <LinkButton to={`/signin?next=${next}`} size={size} icon={<HeartOutlined aria-hidden />} block={block} title={t('intro.signInFirst')}>
        {t('intro.expressInterest')}
      </LinkButton>
    );
  }
  if (memberships.some((m) => m.organization === listing.organization)) return null;

  const myListings = (mine.data?.items ?? []).filter((l) => l.organization === chosenOrg && l.status === 'published');

  const send = async (values: InterestValues) => {
    const body: IntroductionInput = { kind: 'interest', listing: listing.external_id, message: (values.message ?? '').trim() };
    const org = values.from_organization ?? fromOrganization ?? (memberships.length === 1 ? memberships[0]!.organization : undefined);
    if (org) body.from_organization = org;
    if (values.from_listing) body.from_listing = values.from_listing;
    const created = await submit(async () => unwrap(await api.POST('/api/v1/introductions', { body })));
    if (!created) return;
    setOpen(false);
    void message.success(t('intro.sent'));
    navigate(`/introductions/${encodeURIComponent(created.id)}`);
  };

  return (
    <>
      <Button type="primary" size={size} block={block} icon={<HeartOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid="express-interest">
        {t('intro.expressInterest')}
      </Button>
      <Modal
        open={open}
        title={t('intro.modalTitle', { title: listing.title })}
        onCancel={() => setOpen(false)}
        okText={t('intro.send')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: submitting, disabled: memberships.length === 0, htmlType: 'submit', form: 'introduce-form' }}
        destroyOnHidden
      >
        {memberships.length === 0 ? (
          <Alert type="info" showIcon message={t('intro.needOrganization')} action={<LinkButton size="small" to="/organizations/new">{t('ws.newOrganization')}</LinkButton>} />
        ) : (
          <Form
            form={form}
            id="introduce-form"
            layout="vertical"
            requiredMark={false}
            initialValues={{ from_organization: fromOrganization ?? memberships[0]?.organization, from_listing: fromListing }}
            onFinish={(values) => void send(values)}
          >
            <FormErrorAlert errors={formError} />
            {memberships.length > 1 ? (
              <Form.Item name="from_organization" label={t('intro.fromOrganization')} rules={[{ required: true, message: t('fieldError.required') }]}>
                <Select options={memberships.map((m) => ({ value: m.organization, label: m.organization_name }))} onChange={() => form.setFieldValue('from_listing', undefined)} />
              </Form.Item>
            ) : (
              <Form.Item label={t('intro.fromOrganization')}>
                <Typography.Text strong>{memberships[0]?.organization_name}</Typography.Text>
              </Form.Item>
            )}
            <Form.Item name="from_listing" label={t('intro.fromListing')} extra={t('intro.fromListingHelp')}>
              <Select
                allowClear
                loading={mine.loading}
                placeholder={t('form.selectPlaceholder')}
                options={myListings.map((l) => ({ value: l.external_id, label: l.title }))}
              />
            </Form.Item>
            <Form.Item name="message" label={t('intro.message')} rules={[{ required: true, whitespace: true, message: t('fieldError.required') }]}>
              <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('intro.messagePlaceholder')} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}

interface BrokerValues {
  from_listing?: string;
  message?: string;
}

/** "Broker an introduction" between `listing` and another listing (preset, or typed in). Promoters and admins only. */
export function BrokerButton({ listing, fromListing, size }: { listing: TargetListing; fromListing?: { external_id: string; title: string }; size?: 'small' | 'middle' | 'large' }) {
  const { t } = useI18n();
  const { isPromoter } = useAuth();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<BrokerValues>();
  const { submitting, formError, submit } = useApiForm(form);
  if (!isPromoter) return null;

  const send = async (values: BrokerValues) => {
    const body: IntroductionInput = { kind: 'brokered', listing: listing.external_id, from_listing: (fromListing?.external_id ?? values.from_listing ?? '').trim(), message: (values.message ?? '').trim() };
    const created = await submit(async () => unwrap(await api.POST('/api/v1/introductions', { body })));
    if (!created) return;
    setOpen(false);
    void message.success(t('intro.brokered'));
    navigate(`/introductions/${encodeURIComponent(created.id)}`);
  };

  return (
    <>
      <Button size={size} icon={<ShareAltOutlined aria-hidden />} onClick={() => setOpen(true)} data-testid="broker">
        {t('intro.broker')}
      </Button>
      <Modal
        open={open}
        title={t('intro.brokerTitle', { title: listing.title })}
        onCancel={() => setOpen(false)}
        okText={t('intro.send')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: submitting, htmlType: 'submit', form: 'broker-form' }}
        destroyOnHidden
      >
        <Form form={form} id="broker-form" layout="vertical" requiredMark={false} onFinish={(values) => void send(values)}>
          <FormErrorAlert errors={formError} />
          {fromListing ? (
            <Form.Item label={t('intro.brokerFromListing')}>
              <Typography.Text strong>{fromListing.title}</Typography.Text>
            </Form.Item>
          ) : (
            <Form.Item name="from_listing" label={t('intro.brokerFromListing')} extra={t('intro.brokerFromListingHelp')} rules={[{ required: true, whitespace: true, message: t('fieldError.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
          )}
          <Form.Item name="message" label={t('intro.message')} rules={[{ required: true, whitespace: true, message: t('fieldError.required') }]}>
            <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('intro.messagePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
