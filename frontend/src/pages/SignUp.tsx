/** Create an account; the session starts at once. */
import { Alert, App as AntApp, Button, Card, Form, Input } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import { useApiForm } from '../lib/useApiForm';
import { usePageTitle } from '../lib/usePageTitle';
import { useAuth } from '../state/auth';
import { safeNext } from './SignIn';

interface SignUpValues {
  display_name: string;
  email: string;
  password: string;
  confirm: string;
}

export default function SignUp() {
  const { t } = useI18n();
  const { signUp } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SignUpValues>();
  const { submitting, formError, submit } = useApiForm(form, { codeFields: { email_taken: ['email'] } });
  usePageTitle(t('auth.signUpTitle'));
  const next = safeNext(params.get('next'));

  return (
    <div className="auth-page">
      <Card>
        <h1>{t('auth.signUpTitle')}</h1>
        <Form
          form={form}
          layout="vertical"
          name="signup"
          onFinish={(values) =>
            submit(async () => {
              const user = await signUp({ email: values.email.trim(), password: values.password, display_name: values.display_name.trim() });
              void message.success(t('auth.signedUp', { name: user.display_name }));
              navigate(next, { replace: true });
            })
          }
        >
          {formError && <Alert type="error" role="alert" showIcon message={formError.join(' ')} className="form-error" />}
          <Form.Item name="display_name" label={t('form.displayName')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <Input autoComplete="name" autoFocus />
          </Form.Item>
          <Form.Item name="email" label={t('form.email')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <Input type="email" autoComplete="email" />
          </Form.Item>
          <Form.Item name="password" label={t('form.password')} extra={t('form.passwordHelp')} rules={[{ required: true, message: t('fieldError.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('form.passwordConfirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('fieldError.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('form.passwordMismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('auth.signUpAction')}
          </Button>
        </Form>
        <p className="auth-switch">
          {t('auth.haveAccount')} <Link to="/signin">{t('auth.signInAction')}</Link>
        </p>
      </Card>
    </div>
  );
}
