import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { api, describeError } from '../../api';
import { useT } from '../../i18n';
import { useCurrentUser, useSession } from '../session';
import type { StaffView } from '../types';

interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  /** QR code drawn by our own server (never user input), hence safe to inline. */
  qrSvg: string;
}

/** Second factor: ask the server for a secret, let the user scan it, confirm with a first code. */
export function TotpCard() {
  const all = useT();
  const t = all.console.security;
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { replaceUser } = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setSetup(await api.post<TotpSetup>('/auth/totp/setup'));
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

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
      {user.totpEnabled ? (
        <Alert type="success" showIcon title={t.totpEnabled} data-testid="totp-enabled" />
      ) : setup ? (
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
            <Form.Item
              label={t.totpCode}
              name="code"
              rules={[{ required: true, pattern: /^\d{6}$/, message: all.console.login.totpInvalid }]}
              normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} className="totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t.totpConfirm}
            </Button>
          </Form>
        </>
      ) : (
        <>
          <Typography.Paragraph>{t.totpIntro}</Typography.Paragraph>
          <Button type="primary" onClick={start} loading={busy}>
            {t.totpStart}
          </Button>
        </>
      )}
    </Card>
  );
}
