import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { api, describeError } from '../../api';
import { useT } from '../../i18n';
import { showFieldErrors } from '../formErrors';
import { useCurrentUser, useSession } from '../session';
import type { StaffView } from '../types';

interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  /** QR code drawn by our own server (never user input), hence safe to inline. */
  qrSvg: string;
}

interface ProofFields {
  currentPassword: string;
  /** Only when replacing a factor that is on. */
  code?: string;
}

/**
 * Second factor: prove it is the account holder (password, and a code from the present
 * authenticator when replacing one), get a secret to scan, confirm with a first code.
 */
export function TotpCard() {
  const all = useT();
  const t = all.console.security;
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { replaceUser } = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [proofForm] = Form.useForm<ProofFields>();

  const start = async ({ currentPassword, code }: ProofFields) => {
    setBusy(true);
    setError(null);
    try {
      setSetup(await api.post<TotpSetup>('/auth/totp/setup', { currentPassword, ...(code ? { code } : {}) }));
      setReplacing(false);
      proofForm.resetFields();
    } catch (caught) {
      setError(describeError(caught));
      showFieldErrors(proofForm, caught, ['currentPassword', 'code']);
    } finally {
      setBusy(false);
    }
  };

  const codeRules = [{ required: true, pattern: /^\d{6}$/, message: all.console.login.totpInvalid }];
  const digitsOnly = (value: string) => value.replace(/\D/g, '').slice(0, 6);
  const proof = (withCode: boolean, submitLabel: string) => (
    <Form<ProofFields> form={proofForm} layout="vertical" name="totp-proof" onFinish={start} disabled={busy}>
      {/* Lets password managers fill the current password for this account. */}
      <input type="text" name="username" autoComplete="username" value={user.username} hidden readOnly />
      <Form.Item
        label={t.currentPassword}
        name="currentPassword"
        extra={withCode ? undefined : t.totpPasswordHelp}
        rules={[{ required: true, message: all.console.login.required }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      {withCode && (
        <Form.Item label={t.totpCurrentCode} name="code" rules={codeRules} normalize={digitsOnly}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="totp-code" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={busy}>
        {submitLabel}
      </Button>
    </Form>
  );

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { user: updated } = await api.post<{ user: StaffView }>('/auth/totp/enable', { code });
      setSetup(null);
      replaceUser(updated);
      message.success(t.totpDone);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className="page-card" title={<h2 className="card-title">{t.totpTitle}</h2>}>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      {setup ? (
        <>
          <Typography.Paragraph>{t.totpScan}</Typography.Paragraph>
          <div
            className="totp-qr"
            role="img"
            aria-label={t.qrLabel}
            dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
          />
          <Typography.Paragraph>
            {t.totpSecret}:{' '}
            <Typography.Text code copyable className="totp-secret">
              {setup.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Form<{ code: string }> layout="vertical" name="totp" onFinish={confirm} disabled={busy}>
            <Form.Item label={t.totpCode} name="code" rules={codeRules} normalize={digitsOnly}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t.totpConfirm}
            </Button>
          </Form>
        </>
      ) : user.totpEnabled ? (
        <>
          <Alert type="success" showIcon title={t.totpEnabled} data-testid="totp-enabled" className="page-alert" />
          {replacing ? (
            <>
              <Typography.Paragraph>{t.totpReplaceHelp}</Typography.Paragraph>
              {proof(true, t.totpReplace)}
            </>
          ) : (
            <Button onClick={() => setReplacing(true)}>{t.totpReplace}</Button>
          )}
        </>
      ) : (
        <>
          <Typography.Paragraph>{t.totpIntro}</Typography.Paragraph>
          {proof(false, t.totpStart)}
        </>
      )}
    </Card>
  );
}
