// The report's identity requests: who asked (by role) and why, the custodian's answer,
// how often the identity was revealed and whether the reporter was told. Never the identity.
import { Card, List, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../format';
import { useLang } from '../../../i18n';
import type { CaseView } from './caseTypes';
import { revealTexts, roleName } from './revealTexts';

const STAGE_COLORS = { requested: 'gold', approved: 'green', expired: 'default', refused: 'red' } as const;

export function IdentityRevealsCard({ view }: { view: CaseView }) {
  const lang = useLang();
  const t = revealTexts(lang);
  if (!view.identityReveals?.length) return null;
  return (
    <Card title={t.card} className="page-card" data-testid="identity-reveals">
      <List
        size="small"
        dataSource={[...view.identityReveals].reverse()}
        renderItem={(r) => (
          <List.Item>
            <Space orientation="vertical" size={2}>
              <Space wrap>
                <Tag color={STAGE_COLORS[r.stage]}>{t.stages[r.stage]}</Tag>
                <Typography.Text type="secondary">
                  {t.requestedBy(roleName(r.requestedByRole, lang), formatDateTime(r.requestedAt))}
                </Typography.Text>
              </Space>
              <Typography.Text>{r.reason}</Typography.Text>
              {r.stage === 'approved' && r.expiresAt && (
                <Typography.Text type="secondary">
                  {t.expiresAt} {formatDateTime(r.expiresAt)}
                </Typography.Text>
              )}
              {r.refusalReason && <Typography.Text type="secondary">{r.refusalReason}</Typography.Text>}
              {r.withholdNotice && r.legalGround && (
                <Typography.Text type="secondary">
                  {t.legalGround}: {r.legalGround}
                </Typography.Text>
              )}
              {r.revealedAt.length > 0 && (
                <Typography.Text type="secondary">
                  {t.reveals(r.revealedAt.length)} · {r.reporterTold ? t.told : t.notTold}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
