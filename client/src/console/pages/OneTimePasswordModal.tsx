import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../../i18n';

export interface OneTimePassword {
  title: string;
  /** Whose password it is, for the hand-over instruction. */
  name: string;
  password: string;
}

/** Shows a generated password exactly once; nothing keeps it after the modal closes. */
export function OneTimePasswordModal({ secret, onClose }: { secret: OneTimePassword | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open={secret !== null}
      title={secret?.title}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t.common.close}
        </Button>
      }
    >
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
    </Modal>
  );
}
