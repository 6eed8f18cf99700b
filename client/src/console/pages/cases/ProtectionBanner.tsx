// Shown to everyone on a case: a protected case's cover note, and a reporter's withdrawal.
import { Alert, Space } from 'antd';
import { useT } from '../../../i18n';
import type { CaseView } from './caseTypes';

export function ProtectionBanner({ view }: { view: CaseView }) {
  const t = useT().cases.protection;
  const p = view.protection;
  const w = view.withdrawal;
  if (!p.protected && !(w && w.outcome !== 'end')) return null;
  return (
    <Space direction="vertical" className="case-protection" data-testid="case-protection">
      {p.protected && (
        <Alert
          type="warning"
          showIcon
          message={t.protectedTitle}
          description={
            <>
              {p.coverNote && <p data-testid="case-cover-note">{p.coverNote}</p>}
              {p.risk && <p>{t.risk(t.riskNames[p.risk] ?? p.risk)}</p>}
            </>
          }
        />
      )}
      {w && !w.decided && <Alert type="info" showIcon message={t.withdrawnPending} data-testid="case-withdrawal" />}
      {w?.outcome === 'continue' && <Alert type="info" showIcon message={t.withdrawnContinue} />}
    </Space>
  );
}
