// Words of the protection parts of the case page (protection staff only): protection
// cases with their clocks, referrals and outcomes, check-ins (回访), and the forms.
// Names of kinds, bodies and outcomes come from the policy (shared/protection/policy.ts).
import {
  protectionOutcomeNames,
  referralBodyNames,
  retaliationKindNames,
  type ProtectionOutcome,
  type ReferralBody,
  type RetaliationKind,
} from '../../../../../shared/protection/policy';
import type { Lang } from '../../../i18n';

const zh = {
  title: '举报人保护',
  cases: '保护事项',
  noCases: '暂无保护事项',
  checkIns: '回访',
  noCheckIns: '尚未回访',
  sources: { reporter: '举报人反映', 'check-in': '回访答复', duress: '应急码警示', staff: '保护专员立案' } as Record<
    string,
    string
  >,
  opened: '立案',
  firstActionDue: '首次处理期限',
  decisionDue: '办结期限',
  overdue: '已逾期',
  referrals: '转请处理',
  outcome: '办结结果',
  open: '办理中',
  closed: '已办结',
  readAccount: '查看陈述',
  accountTitle: (caseNo: string) => `保护事项 ${caseNo} 的陈述`,
  account: '陈述',
  checkInAnswer: (round: number) => `第 ${round} 次回访答复`,
  deleted: '按保存期限已删除，无法再查看。',
  noAccount: '没有书面陈述。',
  readAudited: '每次查看均记入审计日志。',
  round: (n: number) => `第 ${n} 次`,
  sentAt: '发出',
  answeredAt: '答复',
  harm: '反映受到不利对待',
  noHarm: '未受到不利对待',
  unanswered: '未答复',
  unansweredOverdue: '逾期未答复',
  forms: {
    caseNo: '保护事项',
    kinds: '打击报复类型',
    account: '情况陈述（加密保存，仅保护专员可查看）',
    body: '转请部门',
    referNote: '内部备注（举报人看不到）',
    outcome: '办结结果',
    closeNote: '内部备注（举报人只看到办结结果）',
    required: '必填',
  },
};
export type ProtectionTexts = typeof zh;

const en: ProtectionTexts = {
  title: 'Reporter protection',
  cases: 'Protection cases',
  noCases: 'No protection cases',
  checkIns: 'Check-ins',
  noCheckIns: 'No check-in sent yet',
  sources: {
    reporter: 'Reported by the reporter',
    'check-in': 'Check-in answer',
    duress: 'Duress key',
    staff: 'Opened by an officer',
  },
  opened: 'Opened',
  firstActionDue: 'First action due',
  decisionDue: 'Decision due',
  overdue: 'overdue',
  referrals: 'Referred to',
  outcome: 'Outcome',
  open: 'Open',
  closed: 'Closed',
  readAccount: 'Read the account',
  accountTitle: (caseNo: string) => `Account of protection case ${caseNo}`,
  account: 'Account',
  checkInAnswer: (round: number) => `Answer to check-in ${round}`,
  deleted: 'Deleted on the retention schedule; it can no longer be read.',
  noAccount: 'No written account.',
  readAudited: 'Every reading is recorded in the audit log.',
  round: (n: number) => `Round ${n}`,
  sentAt: 'Sent',
  answeredAt: 'Answered',
  harm: 'Reports detriment',
  noHarm: 'No detriment',
  unanswered: 'Unanswered',
  unansweredOverdue: 'Unanswered, overdue',
  forms: {
    caseNo: 'Protection case',
    kinds: 'Kinds of retaliation',
    account: 'Account (sealed; only protection officers can read it)',
    body: 'Refer to',
    referNote: 'Internal note (the reporter does not see it)',
    outcome: 'Outcome',
    closeNote: 'Internal note (the reporter sees only the outcome)',
    required: 'Required',
  },
};

export const protectionTexts = (lang: Lang): ProtectionTexts => (lang === 'en' ? en : zh);

const side = (lang: Lang) => (lang === 'en' ? 'en' : 'zh');
export const kindName = (k: string, lang: Lang) => retaliationKindNames[k as RetaliationKind]?.[side(lang)] ?? k;
export const bodyName = (b: string, lang: Lang) => referralBodyNames[b as ReferralBody]?.[side(lang)] ?? b;
export const outcomeName = (o: string, lang: Lang) => protectionOutcomeNames[o as ProtectionOutcome]?.[side(lang)] ?? o;
