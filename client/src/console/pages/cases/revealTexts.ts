// Words of the identity-reveal parts of the case page: the request, the custodian's
// approval or refusal, the reveal itself, and the reporter's history by pseudonym.
import { roleNames, type Role } from '../../../../../shared/roles';
import type { Lang } from '../../../i18n';

const zh = {
  forms: {
    reason: '申请理由（将记入审计日志，至少 10 个字）',
    reasonHint: '至少 10 个字',
    withhold: '不告知举报人',
    withholdHint: '仅在法律要求保密时（如刑事侦查），须写明法律依据',
    legalGround: '不告知的法律依据',
    comment: '批准意见（可选）',
    refusal: '不批准的理由',
    required: '必填',
  },
  reveal: (until: string) => `查看举报人身份（批准有效至 ${until}）`,
  revealTitle: '举报人身份',
  revealConfirm: '本次查看将记入审计日志；除非已依法决定不告知，举报人将在跟进页面得知其身份已向您的角色披露。',
  revealShow: '查看',
  name: '姓名',
  phone: '电话',
  email: '邮箱',
  card: '身份查看申请',
  requestedBy: (role: string, at: string) => `${role}于 ${at} 申请`,
  stages: { requested: '待批准', approved: '已批准', expired: '已过期', refused: '未获批准' },
  expiresAt: '有效至',
  approvedBy: '批准人',
  refusedBy: '不批准人',
  legalGround: '不告知依据',
  reveals: (n: number) => `已查看 ${n} 次`,
  told: '已告知举报人（仅告知角色）',
  notTold: '未告知举报人',
  history: '该举报人的举报记录',
  sameReporter: (n: number) => (n ? `另有 ${n} 件举报` : '无其他举报'),
  historyHint: '按化名关联，不显示身份；每次查看记入审计日志。',
  rewardPaid: '已发奖励',
  protectionCases: '保护事项',
};

type Texts = typeof zh;

const en: Texts = {
  forms: {
    reason: 'Reason (recorded in the audit log; at least 10 characters)',
    reasonHint: 'At least 10 characters',
    withhold: 'Do not tell the reporter',
    withholdHint: 'Only where the law requires secrecy (a criminal investigation, say); name the legal ground',
    legalGround: 'Legal ground for not telling',
    comment: 'Comment (optional)',
    refusal: 'Why it is refused',
    required: 'Required',
  },
  reveal: (until: string) => `Reveal the reporter's identity (approved until ${until})`,
  revealTitle: "The reporter's identity",
  revealConfirm:
    'This reveal is recorded in the audit log; unless not telling was decided on a legal ground, the reporter learns in follow-up that their identity was disclosed to your role.',
  revealShow: 'Reveal',
  name: 'Name',
  phone: 'Phone',
  email: 'Email',
  card: 'Identity requests',
  requestedBy: (role: string, at: string) => `Asked by a ${role} on ${at}`,
  stages: { requested: 'Awaiting approval', approved: 'Approved', expired: 'Expired', refused: 'Refused' },
  expiresAt: 'Approved until',
  approvedBy: 'Approved by',
  refusedBy: 'Refused by',
  legalGround: 'Ground for not telling',
  reveals: (n: number) => `Revealed ${n} time${n === 1 ? '' : 's'}`,
  told: 'The reporter was told (the role only)',
  notTold: 'The reporter was not told',
  history: "This reporter's reports",
  sameReporter: (n: number) => (n ? `${n} other report${n === 1 ? '' : 's'}` : 'No other reports'),
  historyHint: 'Linked by pseudonym, never by identity; each look is audited.',
  rewardPaid: 'Reward paid',
  protectionCases: 'Protection cases',
};

export const revealTexts = (lang: Lang): Texts => (lang === 'en' ? en : zh);

export const roleName = (role: string, lang: Lang) => roleNames[role as Role]?.[lang === 'en' ? 'en' : 'zh'] ?? role;
