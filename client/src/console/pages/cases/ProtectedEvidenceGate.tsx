// Before anyone but its verifier sees the reporter's evidence of a protected case: a warning
// and a confirmation; the files are then fetched with ?acknowledge=protected (and audited so).
import { Alert, Button, Modal } from 'antd';
import { useT } from '../../../i18n';
import type { CaseView } from './caseTypes';

/** Mirrors the server (server/protection/insiderViews.presenter.ts). */
export const mustAcknowledgeEvidence = (view: CaseView, myId: string) =>
  view.protection.protected && view.assignment?.verifierId !== myId;

export const ACKNOWLEDGED = '?acknowledge=protected';

export function ProtectedEvidenceGate({ onConfirmed }: { onConfirmed(): void }) {
  const t = useT().cases.protection;
  const confirm = () =>
    Modal.confirm({
      title: t.evidenceConfirmTitle,
      content: t.evidenceProtected,
      okText: t.evidenceConfirmOk,
      okButtonProps: { danger: true },
      onOk: onConfirmed,
    });
  return (
    <Alert
      type="warning"
      showIcon
      message={t.evidenceProtectedTitle}
      description={t.evidenceProtected}
      action={
        <Button onClick={confirm} data-testid="evidence-protected-show">
          {t.evidenceShow}
        </Button>
      }
    />
  );
}
