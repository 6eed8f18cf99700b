// Reporter protection as policy data: when check-ins (回访) go out, how long a
// protection case and an identity-reveal approval run, the kinds of retaliation and
// the bodies a case is referred to, and how long each class of personal data is
// kept. Values this project chose where no rule fixes them are listed in
// `assumed`; the README prints the schedule from here.

/** 安全生产法 第五十四条; 应急〔2020〕69号 (protection and return visits); 个人信息保护法 第十九、四十七条. */
export const protectionSources = [
  { title: { zh: '中华人民共和国安全生产法', en: 'Work Safety Law' }, part: '第五十四条' },
  {
    title: { zh: '安全生产领域举报奖励办法', en: 'Work-safety reporting reward measures' },
    number: '应急〔2020〕69号',
  },
  {
    title: { zh: '中华人民共和国个人信息保护法', en: 'Personal Information Protection Law' },
    part: '第十九、四十七条',
  },
] as const;

export const retaliationKinds = [
  'dismissal',
  'pay-cut',
  'demotion',
  'transfer',
  'threats',
  'harassment',
  'blacklisting',
  'violence',
  'other',
] as const;
export type RetaliationKind = (typeof retaliationKinds)[number];

export const retaliationKindNames: Record<RetaliationKind, { zh: string; en: string }> = {
  dismissal: { zh: '解除劳动合同或辞退', en: 'Dismissal' },
  'pay-cut': { zh: '降低工资、福利或扣发奖金', en: 'Pay or benefits cut' },
  demotion: { zh: '降职或取消晋升', en: 'Demotion' },
  transfer: { zh: '调岗或调离', en: 'Transfer' },
  threats: { zh: '威胁、恐吓', en: 'Threats' },
  harassment: { zh: '排挤、刁难', en: 'Harassment' },
  blacklisting: { zh: '列入黑名单或阻碍就业', en: 'Blacklisting' },
  violence: { zh: '人身伤害', en: 'Violence' },
  other: { zh: '其他', en: 'Other' },
};

/** Where a protection case may be referred: the bodies that can stop or remedy retaliation. */
export const referralBodies = ['labour-inspection', 'union', 'police', 'supervisor', 'labour-arbitration'] as const;
export type ReferralBody = (typeof referralBodies)[number];

export const referralBodyNames: Record<ReferralBody, { zh: string; en: string }> = {
  'labour-inspection': { zh: '人力资源社会保障部门（劳动保障监察）', en: 'Labour inspection' },
  union: { zh: '工会', en: 'Trade union' },
  police: { zh: '公安机关', en: 'Police' },
  supervisor: { zh: '企业的主管部门', en: "The enterprise's supervising department" },
  'labour-arbitration': { zh: '劳动人事争议仲裁委员会', en: 'Labour dispute arbitration' },
};

export const protectionOutcomes = [
  'remedied',
  'referred-resolved',
  'not-retaliation',
  'reporter-declined',
  'other',
] as const;
export type ProtectionOutcome = (typeof protectionOutcomes)[number];

export const protectionOutcomeNames: Record<ProtectionOutcome, { zh: string; en: string }> = {
  remedied: { zh: '已纠正，举报人权益已恢复', en: 'Remedied' },
  'referred-resolved': { zh: '经转请有关部门处理，已解决', en: 'Resolved through the referral' },
  'not-retaliation': { zh: '经核实不属于打击报复', en: 'Not retaliation' },
  'reporter-declined': { zh: '举报人不再要求处理', en: 'The reporter asked for no further action' },
  other: { zh: '其他', en: 'Other' },
};

/** Where a protection case came from. */
export const protectionCaseSources = ['reporter', 'check-in', 'duress', 'staff'] as const;
export type ProtectionCaseSource = (typeof protectionCaseSources)[number];

export const protectionPolicy = {
  /** Check-ins to insider reporters, in days after the conclusion. */
  checkInDays: [30, 90, 180],
  /** A check-in unanswered this many days after it went out is listed for protection staff. */
  checkInAnswerDays: 14,
  /** A protection case's first step (a referral or a contact) is due within these days of its opening. */
  caseFirstActionDays: 5,
  /** A protection case is closed with an outcome within these days of its opening. */
  caseDecisionDays: 30,
  /** How long a custodian's approval of an identity reveal stays usable by the requester. */
  revealApprovalHours: 24,
  assumed: ['checkInAnswerDays', 'caseFirstActionDays', 'caseDecisionDays', 'revealApprovalHours'],
} as const;

/** An insider's protection risk, from the intake officer's assessment at acceptance. */
export interface ProtectionAssessment {
  /** The reporter works for the reported enterprise (what they said, or what intake found). */
  insider: boolean;
  /** Few people could have seen what is reported (a small workplace or shift). */
  smallWorkplace: boolean;
  /** The report's text or evidence carries details that could point to the reporter. */
  identifyingDetails: boolean;
}
export type ProtectionRisk = 'low' | 'medium' | 'high';

/** High risk makes the case protected: an insider whom the workplace or the details could single out. */
export function protectionRiskOf(a: ProtectionAssessment): ProtectionRisk {
  if (a.insider && (a.smallWorkplace || a.identifyingDetails)) return 'high';
  return a.insider || a.identifyingDetails ? 'medium' : 'low';
}

/**
 * Classes of personal data and how long each is kept (个人信息保护法 第十九、四十七条):
 * the anchor is the moment the clock starts, `days` how long after it the data goes.
 * - `settled`: the reward paid (payout recorded), or the case final when nothing was paid;
 * - `final`: the case can no longer change: closed, or rejected, duplicate, withdrawn or
 *   transferred and past any objection period or transfer result;
 * - `finished`: a mail sent or given up on.
 * Access keys of insider reports also outlive the last check-in by its answer period, and
 * nothing of a report is deleted while it has an open protection case.
 */
export const dataClasses = [
  'reporter-identity',
  'claim-bank-details',
  'protection-details',
  'access-keys',
  'evidence',
  'notice-phone',
  'outbox',
] as const;
export type DataClass = (typeof dataClasses)[number];

export interface RetentionRule {
  dataClass: DataClass | 'drafts';
  what: { zh: string; en: string };
  anchor: 'settled' | 'final' | 'finished' | 'created';
  days: number;
  /** Evidence of substantiated reports is part of the enforcement case file and kept longer. */
  substantiatedDays?: number;
  assumed: boolean;
}

export const retentionSchedule: readonly RetentionRule[] = [
  {
    dataClass: 'reporter-identity',
    what: {
      zh: '举报人身份（姓名、电话、邮箱）、跨案件化名',
      en: "The reporter's identity (name, phone, email) and their cross-report pseudonym",
    },
    anchor: 'settled',
    days: 3 * 365,
    assumed: true,
  },
  {
    dataClass: 'claim-bank-details',
    what: { zh: '领奖人身份证号、银行账户', en: "The claimant's ID number and bank account" },
    anchor: 'settled',
    days: 3 * 365,
    assumed: true,
  },
  {
    dataClass: 'protection-details',
    what: {
      zh: '打击报复陈述、回访答复、保护专员的评估备注和转办/办结备注',
      en: "What the reporter said about retaliation, their check-in answers, and the officers' assessment, referral and outcome notes",
    },
    anchor: 'settled',
    days: 3 * 365,
    assumed: true,
  },
  {
    dataClass: 'access-keys',
    what: {
      zh: '查询密钥与应急码的哈希、跟进会话',
      en: 'Hashes of the access key and the duress key, and follow-up sessions',
    },
    anchor: 'final',
    days: 30,
    assumed: true,
  },
  {
    dataClass: 'evidence',
    what: { zh: '证据文件', en: 'Evidence files' },
    anchor: 'final',
    days: 2 * 365,
    substantiatedDays: 10 * 365,
    assumed: true,
  },
  {
    // Only for notices: once the case is final there is nothing left to tell (an insider's lasts
    // through the check-ins, as the access key does).
    dataClass: 'notice-phone',
    what: {
      zh: '短信通知号码（匿名举报人仅为接收通知留下的手机号）',
      en: 'The number SMS notices go to (an anonymous reporter’s is left for notices only)',
    },
    anchor: 'final',
    days: 0,
    assumed: true,
  },
  {
    dataClass: 'outbox',
    what: { zh: '已发送或放弃的邮件和短信记录', en: 'Records of mail and SMS sent or given up on' },
    anchor: 'finished',
    days: 30,
    assumed: true,
  },
  {
    dataClass: 'drafts',
    what: {
      zh: '手机上未提交的草稿（身份信息仅在当前标签页）、重试窗口内的回执',
      en: 'Unsent drafts on the phone (identity only in the open tab), and receipts kept for a retried submission',
    },
    anchor: 'created',
    days: 1,
    assumed: false,
  },
];
