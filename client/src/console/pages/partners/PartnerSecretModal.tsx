import { Alert, Descriptions, Typography } from 'antd';
import { ShownOnceModal } from '../OneTimePasswordModal';
import type { PartnersMessages } from './messages.zh';

export interface IssuedSecret {
  name: string;
  keyId: string;
  secret: string;
}

/** Shows a partner's new secret exactly once. */
export function PartnerSecretModal({
  issued,
  t,
  onClose,
}: {
  issued: IssuedSecret | null;
  t: PartnersMessages;
  onClose: () => void;
}) {
  return (
    <ShownOnceModal open={issued !== null} title={issued && t.secretTitle(issued.name)} onClose={onClose}>
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
    </ShownOnceModal>
  );
}
