/** Sign in with email and password; back to where the user was going. */
import { Alert, App as AntApp, Button, Card, Form, Input } from 'antd';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useApiForm } from '../lib/useApiForm';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';

/** Only paths inside the app: never an open redirect. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/workspace';
}

export default function SignIn() {
  const { t } = useI18n();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ email: string; password: string }>();
  const { submitting, formError, submit } = useApiForm(form);
  usePageTitle(t('auth.signInTitle'));
  const next = safeNext(params.get('next'));
  const reason = (location.state as { reason?: MessageKey } | null)?.reason;

  return (
    <div className="auth-page">
      <Card>
        <h1>{t('auth.signInTitle')}</h1>
        {reason && <Alert type="info" showIcon message={t(reason)} className="form-error" />}
        <Form
          form={form}
          layout="vertical"
          name="signin"
          onFinish={(values) =>
            submit(async () => {
              const user = await signIn(values.email.trim(), values.password);
              void message.success(t('auth.signedIn', { name: user.display_name }));
              navigate(next, { replace: true });
            })
          }
        >
          {formError && <Alert type="error" role="alert" showIcon message={formError.join(' ')} className="form-error" />}
          <Form.Item name="email" label={t('form.email')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <Input type="email" autoComplete="email" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('form.password')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('auth.signInAction')}
          </Button>
        </Form>
        <p className="auth-switch">
          {t('auth.noAccount')} <Link to={`/signup${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('auth.signUpAction')}</Link>
        </p>
      </Card>
    </div>
  );
}
