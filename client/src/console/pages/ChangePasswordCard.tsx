import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { api, describeError } from '../../api';
import { useT } from '../../i18n';
import { showFieldErrors } from '../formErrors';
import { useCurrentUser, useSession } from '../session';

interface PasswordFields {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordCard() {
  const all = useT();
  const t = all.console.security;
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { replaceUser } = useSession();
  const [form] = Form.useForm<PasswordFields>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ currentPassword, newPassword }: PasswordFields) => {
    setSaving(true);
    setError(null);
    try {
      await api.post<void>('/auth/password', { currentPassword, newPassword });
      form.resetFields();
      replaceUser({ ...user, mustChangePassword: false });
      message.success(t.passwordChanged);
    } catch (caught) {
      setError(describeError(caught));
      showFieldErrors(form, caught, ['currentPassword', 'newPassword']);
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: all.console.login.required };
  return (
    <Card className="page-card" title={<h2 className="card-title">{t.passwordTitle}</h2>}>
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Form<PasswordFields> form={form} layout="vertical" name="password" onFinish={submit} disabled={saving}>
        {/* Lets password managers tie the new password to this account. */}
        <input type="text" name="username" autoComplete="username" value={user.username} hidden readOnly />
        <Form.Item label={t.currentPassword} name="currentPassword" rules={[required]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label={t.newPassword} name="newPassword" rules={[required]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t.confirmPassword}
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            required,
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t.mismatch)),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t.changePassword}
        </Button>
      </Form>
    </Card>
  );
}
