// The reward's money after the decision on the case page: the funding source it
// was paid from, each top-up (补发) and recovery (追回) with where it stands, and the
// monthly sample's re-inspection. The steps themselves are in the action bar.
import { Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useReferenceData } from '../../referenceData';
import { formatYuan } from '../../../../../shared/money';
import { leadershipReasonText, type LeadershipReason } from '../../../../../shared/schemas/rewardControls';
import { formatDateTime } from '../../../format';
import { useLang } from '../../../i18n';
import type { CaseView } from './caseTypes';
import { correctionTexts } from './correctionTexts';

type Reward = NonNullable<CaseView['reward']>;
type Step = {
  approvedAt?: string;
  recordedAt?: string;
  refusedAt?: string;
  refusalReason?: string;
  writtenOff?: boolean;
};

const stageOf = (c: Step) =>
  c.recordedAt
    ? 'recorded'
    : c.writtenOff
      ? 'writtenOff'
      : c.refusedAt
        ? 'refused'
        : c.approvedAt
          ? 'approved'
          : 'proposed';

export function CorrectionsCard({ view }: { view: CaseView }) {
  const lang = useLang();
  const t = correctionTexts(lang);
  const reference = useReferenceData();
  const w: Reward | undefined = view.reward;
  if (!w?.payout || !(w.fundSource || w.topUps || w.recoveries || w.sampleCheck)) return null;
  const side = lang === 'en' ? 'en' : 'zh';
  const stage = (c: Step) => {
    const s = stageOf(c);
    const color = s === 'recorded' ? 'green' : s === 'refused' || s === 'writtenOff' ? 'default' : 'gold';
    return (
      <Tag color={color} title={c.refusalReason}>
        {t.stages[s]}
      </Tag>
    );
  };
  return (
    <Card title={t.title} className="page-card" data-testid="corrections-card">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t.fundSource}>{reference.fundSourceName(w.fundSource ?? 'main')}</Descriptions.Item>
      </Descriptions>
      {w.topUps && (
        <List
          size="small"
          header={t.topUps}
          dataSource={w.topUps}
          data-testid="top-ups"
          renderItem={(u) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <Typography.Text strong>{`${t.topUpAmount} ${formatYuan(u.amountFen)}`}</Typography.Text>
                  {stage(u)}
                  <span>{`${t.newAmount} ${formatYuan(u.newAmountFen)}`}</span>
                </Space>
                <span>{`${t.grounds[u.ground] ?? u.ground}${u.penaltyDecisionNo ? ` · ${u.penaltyDecisionNo}` : ''}：${u.reason}`}</span>
                {!!u.leadershipReasons?.length && (
                  <span data-testid="top-up-leadership">
                    {`${u.leadershipApproval ? t.leadershipApproved : t.leadershipNeeded}：${u.leadershipReasons
                      .map((r) => leadershipReasonText[r as LeadershipReason]?.[side] ?? r)
                      .join(side === 'zh' ? '、' : '; ')}`}
                  </span>
                )}
                {u.fundSource && <span>{`${t.fundSource}：${reference.fundSourceName(u.fundSource)}`}</span>}
                {u.voucherNo && u.paidOn && <span>{t.voucher(u.voucherNo, u.paidOn)}</span>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {w.recoveries && (
        <List
          size="small"
          header={t.recoveries}
          dataSource={w.recoveries}
          data-testid="recoveries"
          renderItem={(r) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <Typography.Text strong>{`${t.recoveryAmount} ${formatYuan(r.amountFen)}`}</Typography.Text>
                  {stage(r)}
                </Space>
                <span>{`${t.grounds[r.ground] ?? r.ground}：${r.reason}`}</span>
                {r.fundSource && <span>{`${t.fundSource}：${reference.fundSourceName(r.fundSource)}`}</span>}
                {r.voucherNo && r.receivedOn && <span>{t.voucher(r.voucherNo, r.receivedOn)}</span>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {w.sampleCheck && (
        <Descriptions column={1} size="small" title={t.sample} data-testid="sample-check">
          <Descriptions.Item label={t.sampleDrawn(w.sampleCheck.month)}>
            {w.sampleCheck.recordedAt
              ? `${t.sampleOutcome[w.sampleCheck.outcome ?? ''] ?? w.sampleCheck.outcome}：${w.sampleCheck.note ?? ''}（${formatDateTime(w.sampleCheck.recordedAt)}）`
              : t.sampleWaiting}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
