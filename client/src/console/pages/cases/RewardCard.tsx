// The reward on the case page: amount and how it was reached, where it stands,
// the claim (finance opens the claimant's details, audited) and the notice PDF.
import { useState } from 'react';
import { App, Button, Card, Descriptions, List, Modal, Space, Typography } from 'antd';
import { FilePdfOutlined, IdcardOutlined } from '@ant-design/icons';
import { formatYuan } from '../../../../../shared/money';
import type { claimView } from '../../../../../shared/schemas/claim';
import type { z } from 'zod';
import { api } from '../../../api';
import { formatDateTime } from '../../../format';
import { useLang, useT } from '../../../i18n';
import { downloadFile } from '../../download';
import { useCurrentUser } from '../../session';
import type { CaseView } from './caseTypes';
import { RewardControls } from './RewardControls';

type Claim = z.infer<typeof claimView>;
const NOTICE_STATES = new Set(['reward-approved', 'reward-claimed', 'reward-paid', 'reward-lapsed']);

function ClaimButton({ reference }: { reference: string }) {
  const t = useT().cases.reward;
  const { message } = App.useApp();
  const [claim, setClaim] = useState<Claim | null>(null);
  const open = async () => {
    try {
      setClaim(await api.get<Claim>(`/reports/${reference}/claim`));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <Button icon={<IdcardOutlined />} onClick={open} data-testid="view-claim">
        {t.viewClaim}
      </Button>
      <Modal open={!!claim} title={t.claimTitle} footer={null} onCancel={() => setClaim(null)}>
        {claim && (
          <Descriptions column={1} size="small" data-testid="claim-details">
            <Descriptions.Item label={t.claimFields.name}>{claim.name}</Descriptions.Item>
            <Descriptions.Item label={t.claimFields.idNumber}>{claim.idNumber}</Descriptions.Item>
            <Descriptions.Item label={t.claimFields.phone}>{claim.phone}</Descriptions.Item>
            <Descriptions.Item label={t.claimFields.bankName}>{claim.bankName}</Descriptions.Item>
            <Descriptions.Item label={t.claimFields.bankAccount}>{claim.bankAccount}</Descriptions.Item>
            <Descriptions.Item label={t.claimFields.claimedAt}>{formatDateTime(claim.claimedAt)}</Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
    </>
  );
}

export function RewardCard({ view }: { view: CaseView }) {
  const t = useT().cases.reward;
  const lang = useLang();
  const me = useCurrentUser();
  const w = view.reward;
  if (!w) return null;
  const state = (() => {
    if (w.payout) return t.paid(w.payout.voucherNo, w.payout.paidOn);
    if (w.lapsedAt) return t.lapsed;
    if (w.claimDueAt) return w.claimed ? t.claimed : t.notClaimed;
    return null;
  })();
  return (
    <Card
      title={t.title}
      className="page-card"
      data-testid="reward-card"
      extra={
        <Space wrap>
          {me.role === 'finance' && w.claimed && <ClaimButton reference={view.reference} />}
          {NOTICE_STATES.has(view.status) && w.eligible && (
            <Button
              icon={<FilePdfOutlined />}
              onClick={() =>
                void downloadFile(`/reports/${view.reference}/reward-notice.pdf`, `reward-notice-${view.reference}.pdf`)
              }
            >
              {t.notice}
            </Button>
          )}
        </Space>
      }
    >
      <RewardControls reward={w} />
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t.amount}>
          <Typography.Text strong data-testid="reward-amount">
            {w.eligible ? formatYuan(w.amountFen) : t.ineligible}
          </Typography.Text>
        </Descriptions.Item>
        {w.computedFen !== undefined && w.computedFen !== w.amountFen && (
          <Descriptions.Item label={t.computed}>{formatYuan(w.computedFen)}</Descriptions.Item>
        )}
        {w.minFen !== undefined && w.maxFen !== undefined && (
          <Descriptions.Item label={t.range}>{`${formatYuan(w.minFen)} – ${formatYuan(w.maxFen)}`}</Descriptions.Item>
        )}
        {w.scheme && <Descriptions.Item label={t.scheme}>{t.schemes[w.scheme] ?? w.scheme}</Descriptions.Item>}
        {(w.documents?.length || w.policy) && (
          <Descriptions.Item label={t.policy}>
            {w.documents?.length
              ? w.documents
                  .map((d) => (lang === 'en' ? `${d.title.en} ${d.number}`.trim() : `《${d.title.zh}》${d.number}`))
                  .join(lang === 'en' ? '; ' : '、')
              : w.policy}
          </Descriptions.Item>
        )}
        {w.reservedFen > 0 && <Descriptions.Item label={t.reserved}>{formatYuan(w.reservedFen)}</Descriptions.Item>}
        {w.claimDueAt && <Descriptions.Item label={t.claimDueAt}>{formatDateTime(w.claimDueAt)}</Descriptions.Item>}
        {state && <Descriptions.Item label={t.title}>{state}</Descriptions.Item>}
        {w.adjustmentReason && <Descriptions.Item label={t.adjustment}>{w.adjustmentReason}</Descriptions.Item>}
        {!w.eligible && w.refusalReason && (
          <Descriptions.Item label={t.ineligible}>{w.refusalReason}</Descriptions.Item>
        )}
        {w.appeal && (
          <Descriptions.Item label={t.appeal}>
            {w.appeal.reason}
            {w.appeal.outcome
              ? ` → ${t.appealOutcome[w.appeal.outcome] ?? w.appeal.outcome}${w.appeal.decisionReason ? `：${w.appeal.decisionReason}` : ''}`
              : ''}
          </Descriptions.Item>
        )}
      </Descriptions>
      {w.explanation.length > 0 && (
        <List
          size="small"
          header={t.explanation}
          dataSource={w.explanation}
          renderItem={(line) => <List.Item>{lang === 'en' ? line.en : line.zh}</List.Item>}
        />
      )}
    </Card>
  );
}
