// Reviewers and administrators may read who reported, giving a reason the audit log keeps.
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Modal } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api, describeError } from '../../../api';
import { useT } from '../../../i18n';
import type { RevealedIdentity } from './caseTypes';

export function RevealIdentityButton({ reference }: { reference: string }) {
  const all = useT();
  const t = all.cases.case;
  const [open, setOpen] = useState(false);
  const [identity, setIdentity] = useState<RevealedIdentity | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const reveal = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      setIdentity(await api.post<RevealedIdentity>(`/reports/${reference}/identity`, { reason: reason.trim() }));
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setOpen(false);
    setIdentity(null); // never left on screen for the next person at this desk
    form.resetFields();
  };

  return (
    <>
      <Button icon={<EyeOutlined />} onClick={() => setOpen(true)}>
        {t.reveal}
      </Button>
      <Modal
        open={open}
        title={t.revealTitle}
        okText={identity ? all.common.close : t.revealShow}
        cancelText={all.common.cancel}
        confirmLoading={busy}
        onOk={() => (identity ? close() : form.submit())}
        onCancel={close}
        forceRender
      >
        {error && <Alert type="error" showIcon title={error} className="page-alert" />}
        {identity ? (
          <Descriptions column={1} bordered size="small" data-testid="revealed-identity">
            <Descriptions.Item label={t.revealName}>{identity.name}</Descriptions.Item>
            <Descriptions.Item label={t.revealPhone}>{identity.phone}</Descriptions.Item>
            {identity.email && <Descriptions.Item label={t.revealEmail}>{identity.email}</Descriptions.Item>}
          </Descriptions>
        ) : (
          <Form form={form} layout="vertical" name="reveal" onFinish={reveal}>
            <Form.Item
              label={t.revealReason}
              name="reason"
              extra={t.revealReasonHint}
              rules={[{ required: true, whitespace: true, min: 10, max: 500, message: t.revealReasonHint }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
