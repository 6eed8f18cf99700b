// The reward controls on the case page: why a leader must approve the amount (and
// the approval once given), what the claim's checks found (counts and totals,
// never another identity), and the leader's two forms.
import { Alert, Form, Input, Typography } from 'antd';
import { formatYuan } from '../../../../../shared/money';
import {
  claimFlagText,
  leadershipReasonText,
  type ClaimFlag,
  type LeadershipReason,
} from '../../../../../shared/schemas/rewardControls';
import { formatDateTime } from '../../../format';
import { useLang, type Lang } from '../../../i18n';
import type { ActionFormEntry, FormValues } from './actionForms';
import type { CaseView } from './caseTypes';

type Reward = NonNullable<CaseView['reward']>;

const texts = {
  'zh-CN': {
    leadershipNeeded: '需领导审批',
    leadershipApproved: (at: string) => `领导已于 ${at} 审批同意`,
    minutes: (no: string, on: string) => `局务会纪要 ${no}（${on}）`,
    flagsTitle: '领奖核对发现问题，待领导核处后方可发放',
    flagsCleared: (at: string, reason: string) => `已于 ${at} 核处：${reason}`,
    samePayee: (n: number, total: string) => `同一身份证号另有 ${n} 笔奖励，共 ${total} 元`,
    sameAccount: (n: number, total: string) => `同一银行账户另有 ${n} 笔奖励，共 ${total} 元`,
    yearTotal: (total: string) => `本年度该领奖人奖励合计 ${total} 元（含本笔）`,
    comment: '审批意见',
    meetingMinutesNo: '局务会纪要编号',
    meetingOn: '会议日期',
    meetingHint: '金额超过局务会审议标准，须填写会议纪要。',
    reason: '核处意见',
    required: '必填',
  },
  en: {
    leadershipNeeded: 'Needs a leader’s approval',
    leadershipApproved: (at: string) => `Approved by a leader on ${at}`,
    minutes: (no: string, on: string) => `bureau meeting minutes ${no} (${on})`,
    flagsTitle: 'The claim’s checks raised flags: payment waits until a leader settles them',
    flagsCleared: (at: string, reason: string) => `Settled on ${at}: ${reason}`,
    samePayee: (n: number, total: string) => `The same ID number has ${n} other reward(s), ${total} yuan in all`,
    sameAccount: (n: number, total: string) => `The same account has ${n} other reward(s), ${total} yuan in all`,
    yearTotal: (total: string) => `This payee’s rewards this year: ${total} yuan (this one included)`,
    comment: 'Comment',
    meetingMinutesNo: 'Bureau meeting minutes no.',
    meetingOn: 'Meeting day',
    meetingHint: 'Above the bureau meeting tier: record the meeting’s minutes.',
    reason: 'How it was settled',
    required: 'Required',
  },
} satisfies Record<Lang, unknown>;

const inLang = (lang: Lang, t: { zh: string; en: string }) => (lang === 'en' ? t.en : t.zh);
const useTexts = () => texts[useLang()];

function LeadershipNotice({ reward }: { reward: Reward }) {
  const lang = useLang();
  const t = texts[lang];
  const reasons = (reward.leadershipReasons ?? []) as LeadershipReason[];
  if (!reasons.length) return null;
  const why = reasons
    .map((r) => inLang(lang, leadershipReasonText[r] ?? { zh: r, en: r }))
    .join(lang === 'en' ? '; ' : '、');
  const a = reward.leadershipApproval;
  return (
    <Alert
      type={a ? 'success' : 'warning'}
      showIcon
      data-testid="reward-leadership"
      message={a ? t.leadershipApproved(formatDateTime(a.at)) : t.leadershipNeeded}
      description={[
        why,
        a?.meetingMinutesNo && a.meetingOn ? t.minutes(a.meetingMinutesNo, a.meetingOn) : '',
        a?.comment ?? '',
      ]
        .filter(Boolean)
        .join(' · ')}
    />
  );
}

function ClaimFlags({ reward }: { reward: Reward }) {
  const lang = useLang();
  const t = texts[lang];
  const c = reward.claimChecks;
  if (!c?.flags.length) return null;
  const lines = [
    ...(c.flags as ClaimFlag[]).map((f) => inLang(lang, claimFlagText[f] ?? { zh: f, en: f })),
    ...(c.samePayeeRewards ? [t.samePayee(c.samePayeeRewards, formatYuan(c.samePayeeTotalFen))] : []),
    ...(c.sameAccountRewards ? [t.sameAccount(c.sameAccountRewards, formatYuan(c.sameAccountTotalFen))] : []),
    ...(c.overYearlyCap ? [t.yearTotal(formatYuan(c.payeeYearTotalFen))] : []),
    ...(c.clearedAt ? [t.flagsCleared(formatDateTime(c.clearedAt), c.clearReason ?? '')] : []),
  ];
  return (
    <Alert
      type={c.clearedAt ? 'info' : 'error'}
      showIcon
      data-testid="reward-claim-flags"
      message={t.flagsTitle}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      }
    />
  );
}

/** Shown at the top of the reward card. */
export function RewardControls({ reward }: { reward: Reward }) {
  if (!reward.leadershipReasons?.length && !reward.claimChecks?.flags.length) return null;
  return (
    <div style={{ display: 'grid', gap: 8, marginBottom: 12 }}>
      <LeadershipNotice reward={reward} />
      <ClaimFlags reward={reward} />
    </div>
  );
}

function LeadershipFields({ view }: { view: CaseView }) {
  return <MeetingFields meeting={!!view.reward?.leadershipReasons?.includes('bureau-meeting')} />;
}

/** The top-up under way is the last one; its own reasons decide whether the meeting's minutes are asked for. */
function TopUpLeadershipFields({ view }: { view: CaseView }) {
  return <MeetingFields meeting={!!view.reward?.topUps?.at(-1)?.leadershipReasons?.includes('bureau-meeting')} />;
}

function MeetingFields({ meeting }: { meeting: boolean }) {
  const t = useTexts();
  const required = [{ required: true, whitespace: true, message: t.required }];
  return (
    <>
      {meeting && <Typography.Paragraph type="warning">{t.meetingHint}</Typography.Paragraph>}
      {meeting && (
        <Form.Item label={t.meetingMinutesNo} name="meetingMinutesNo" rules={[...required, { max: 80 }]}>
          <Input maxLength={80} />
        </Form.Item>
      )}
      {meeting && (
        <Form.Item label={t.meetingOn} name="meetingOn" rules={[{ required: true, message: t.required }]}>
          <Input type="date" />
        </Form.Item>
      )}
      <Form.Item label={t.comment} name="comment" rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
      </Form.Item>
    </>
  );
}

function SettleFields() {
  const t = useTexts();
  return (
    <Form.Item
      label={t.reason}
      name="reason"
      rules={[{ required: true, whitespace: true, message: t.required }, { max: 2000 }]}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
    </Form.Item>
  );
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const optional = (v: unknown) => text(v) || undefined;

const leadershipPayload = (v: FormValues) => ({
  comment: optional(v.comment),
  meetingMinutesNo: optional(v.meetingMinutesNo),
  meetingOn: optional(v.meetingOn),
});

export const rewardControlForms: Record<string, ActionFormEntry> = {
  'approve-reward-leadership': { Fields: LeadershipFields, payload: leadershipPayload },
  'approve-top-up-leadership': { Fields: TopUpLeadershipFields, payload: leadershipPayload },
  'clear-claim-flags': { Fields: SettleFields, payload: (v: FormValues) => ({ reason: text(v.reason) }) },
};
