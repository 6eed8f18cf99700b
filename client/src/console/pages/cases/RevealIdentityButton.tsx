// Who reported, shown only to the staff member whose reveal request a protection
// officer approved, while the approval lasts. The request and the approval are steps
// of the action bar; this button is the reveal itself, audited and (unless withheld on
// a legal ground) told to the reporter by role.
import { useState } from 'react';
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api, describeError } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import { useCurrentUser } from '../../session';
import type { CaseView, RevealedIdentity } from './caseTypes';
import { revealTexts } from './revealTexts';

export function RevealIdentityButton({ view, onRevealed }: { view: CaseView; onRevealed?(): void }) {
  const all = useT();
  const t = revealTexts(useLang());
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  const [identity, setIdentity] = useState<RevealedIdentity | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const approved = view.identityReveals?.filter((r) => r.stage === 'approved' && r.requestedById === me.id).at(-1);
  if (!approved && !open) return null;

  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setIdentity(await api.post<RevealedIdentity>(`/reports/${view.reference}/identity`, {}));
      onRevealed?.();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setOpen(false);
    setIdentity(null); // never left on screen for the next person at this desk
    setError(null);
  };

  return (
    <>
      {approved && (
        <Button icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-identity">
          {t.reveal(formatDateTime(approved.expiresAt))}
        </Button>
      )}
      <Modal
        open={open}
        title={t.revealTitle}
        okText={identity ? all.common.close : t.revealShow}
        cancelText={all.common.cancel}
        confirmLoading={busy}
        onOk={() => (identity ? close() : void reveal())}
        onCancel={close}
      >
        {error && <Alert type="error" showIcon title={error} className="page-alert" />}
        {identity ? (
          <Descriptions column={1} bordered size="small" data-testid="revealed-identity">
            <Descriptions.Item label={t.name}>{identity.name}</Descriptions.Item>
            <Descriptions.Item label={t.phone}>{identity.phone}</Descriptions.Item>
            {identity.email && <Descriptions.Item label={t.email}>{identity.email}</Descriptions.Item>}
          </Descriptions>
        ) : (
          <Typography.Paragraph>{t.revealConfirm}</Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
