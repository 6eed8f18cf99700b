import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useT } from '../../../i18n';
import type { PartnersMessages } from './messages.zh';

export interface IssuedSecret {
  name: string;
  keyId: string;
  secret: string;
}

/** Shows a partner's new secret exactly once; nothing keeps it after the modal closes. */
export function PartnerSecretModal({
  issued,
  t,
  onClose,
}: {
  issued: IssuedSecret | null;
  t: PartnersMessages;
  onClose: () => void;
}) {
  const all = useT();
  return (
    <Modal
      open={issued !== null}
      title={issued && t.secretTitle(issued.name)}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {all.common.close}
        </Button>
      }
    >
      {issued && (
        <>
          <Alert type="warning" showIcon title={t.secretOnce} className="page-alert" />
          <Descriptions column={1} size="small" bordered layout="vertical">
            <Descriptions.Item label={t.secretKeyId}>
              <Typography.Text code copyable>
                {issued.keyId}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t.secret}>
              <Typography.Paragraph
                copyable={{ text: issued.secret }}
                className="one-time-password"
                data-testid="partner-secret"
              >
                <Typography.Text code>{issued.secret}</Typography.Text>
              </Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Modal>
  );
}
