import type { ReactNode } from 'react';
import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../../i18n';

export interface OneTimePassword {
  title: string;
  /** Whose password it is, for the hand-over instruction. */
  name: string;
  password: string;
}

/**
 * The frame of a secret shown exactly once: it closes only by its button or the cross, never by a
 * stray click beside it, and nothing keeps the secret once it is closed.
 */
export function ShownOnceModal({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t.common.close}
        </Button>
      }
    >
      {children}
    </Modal>
  );
}

/** Shows a generated password exactly once. */
export function OneTimePasswordModal({ secret, onClose }: { secret: OneTimePassword | null; onClose: () => void }) {
  const t = useT();
  return (
    <ShownOnceModal open={secret !== null} title={secret?.title} onClose={onClose}>
      {secret && (
        <>
          <Alert type="warning" showIcon title={t.console.staff.passwordOnce(secret.name)} />
          <Typography.Paragraph
            copyable={{ text: secret.password }}
            className="one-time-password"
            data-testid="one-time-password"
          >
            <Typography.Text code>{secret.password}</Typography.Text>
          </Typography.Paragraph>
        </>
      )}
    </ShownOnceModal>
  );
}
