import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api, ApiError, describeError } from '../../api';
import { useT } from '../../i18n';
import { LanguageSelect } from '../LanguageSelect';
import { useSession } from '../session';
import type { SessionPayload } from '../types';

interface LoginFields {
  username: string;
  password: string;
  totp?: string;
}

export function LoginPage() {
  const t = useT().console.login;
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginFields>();
  const [needsTotp, setNeedsTotp] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (state.status === 'signed-in') return <Navigate to={from} replace />;

  const submit = async ({ username, password, totp }: LoginFields) => {
    setSubmitting(true);
    setError(null);
    try {
      const payload = await api.post<SessionPayload>('/auth/login', {
        username: username.trim(),
        password,
        ...(needsTotp && totp ? { totp } : {}),
      });
      signedIn(payload);
      navigate(from, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'auth.totp_required' && !needsTotp) {
        // Password accepted so far; the account also wants its second factor.
        setNeedsTotp(true);
      } else {
        setError(describeError(caught));
        if (needsTotp) form.setFieldValue('totp', '');
      }
    } finally {
      setSubmitting(false);
    }
  };

  const startOver = () => {
    setNeedsTotp(false);
    setError(null);
    form.resetFields();
  };

  return (
    <main className="login-page">
      <div className="login-page__lang">
        <LanguageSelect />
      </div>
      <Card className="login-card">
        <div className="login-card__head">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <Typography.Title level={1} className="login-card__title">
              {t.title}
            </Typography.Title>
            <Typography.Text type="secondary">{t.subtitle}</Typography.Text>
          </div>
        </div>
        {error && <Alert type="error" showIcon title={error} className="login-card__error" data-testid="login-error" />}
        <Form<LoginFields>
          form={form}
          layout="vertical"
          name="login"
          onFinish={submit}
          requiredMark={false}
          disabled={submitting}
        >
          <Form.Item
            label={t.username}
            name="username"
            rules={[{ required: true, whitespace: true, message: t.required }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus readOnly={needsTotp} />
          </Form.Item>
          <Form.Item label={t.password} name="password" rules={[{ required: true, message: t.required }]}>
            <Input.Password
              prefix={<LockOutlined aria-hidden />}
              autoComplete="current-password"
              readOnly={needsTotp}
            />
          </Form.Item>
          {needsTotp && (
            <Form.Item
              label={t.totp}
              name="totp"
              extra={t.totpHelp}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t.totpInvalid }]}
              normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
            >
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                data-testid="totp-input"
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t.submit}
          </Button>
          {needsTotp && (
            <Button type="link" block onClick={startOver} className="login-card__back">
              {t.back}
            </Button>
          )}
        </Form>
      </Card>
    </main>
  );
}
