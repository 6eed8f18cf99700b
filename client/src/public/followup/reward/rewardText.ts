// The reward section's own words (follow-up page only): zh-CN first, English second.
import { useLang, type Lang } from '../../../i18n';

export type ClaimField = 'name' | 'idNumber' | 'phone' | 'bankName' | 'bankAccount';

const zh = {
  title: '举报奖励',
  amountLabel: '奖励金额',
  yuan: (amount: string) => `${amount} 元`,
  statusLabel: '奖励进度',
  statuses: {
    'reward-approved': '已批准，等待您领取',
    'reward-claimed': '已提交，待财务核对发放',
    'reward-paid': '奖励已发放',
    'reward-refused': '不予奖励',
    'reward-lapsed': '逾期未领取，奖励已失效',
    'reward-appealed': '正在复查',
    closed: '已办结',
  } as Record<string, string>,
  policyLine: (title: string) => `适用办法：${title}`,
  explanationLabel: '奖励是怎样算出来的',
  refusalLabel: '不予奖励的原因',
  claimDueLabel: '领取截止时间',
  claimedAtLabel: '提交领奖申请的时间',
  paidOnLabel: '发放日期',
  lapsedNote: '领取期限内没有收到领奖申请，奖励已失效。如果有特殊原因，请拨打举报热线 12350。',
  notice: '下载奖励通知书 (PDF)',
  noticeBusy: '正在准备通知书…',
  appealHeading: '复查申请',
  appealAtLabel: '提出复查的时间',
  appealPending: '正在复查，结果会显示在这里。',
  appealOutcomeLabel: '复查结果',
  appealOutcomes: { upheld: '维持原决定', revised: '已调整奖励' } as Record<string, string>,
  appealDecision: (reason: string) => `复查说明：${reason}`,

  claimTitle: '领取奖励',
  claimPrivacy: '以下信息加密保存，只有财务人员能看到，仅用于核对身份和转账。',
  claimAnonymous: '您是匿名举报的：这是您第一次向我们提供身份信息。核查人员看不到这些信息。',
  claimDeadline: (at: string) => `请在 ${at} 之前提交，逾期奖励将失效。`,
  claimReturned: '财务退回了您上次的领奖申请，请核对后重新提交：',
  fields: {
    name: '姓名（与身份证一致）',
    idNumber: '身份证号码',
    phone: '联系电话',
    bankName: '开户银行',
    bankAccount: '银行卡号',
  } satisfies Record<ClaimField, string>,
  hints: {
    idNumber: '18 位，最后一位可能是 X',
    bankName: '写到支行，例如 中国工商银行安阳分行',
    bankAccount: '本人名下的借记卡，可以带空格',
  } as Partial<Record<ClaimField, string>>,
  fieldErrors: {
    name: '请填写身份证上的姓名（最多 40 个字）',
    idNumber: '身份证号码不正确，请核对 18 位号码（最后一位可能是 X）',
    phone: '请填写有效的手机号码或固定电话',
    bankName: '请填写开户银行名称',
    bankAccount: '银行卡号应为 12 到 30 位数字',
  } satisfies Record<ClaimField, string>,
  fixFields: '请改正标出的项目后再提交。',
  claimSubmit: '提交领奖申请',
  claimSubmitting: '正在提交…',
  claimDone: '领奖申请已提交，财务核对后发放。',

  appealOpen: '对奖励决定有异议？申请复查',
  appealExplain: '复查由没有参与原决定的人员进行，每项奖励只能申请一次复查。',
  appealDue: (at: string) => `请在 ${at} 之前提出。`,
  appealReason: '您的理由',
  appealReasonMissing: '请写下您认为决定不对的理由',
  appealSubmit: '提交复查申请',
  appealSubmitting: '正在提交…',
  appealDone: '复查申请已提交。',
};

type RewardMessages = typeof zh;

const en: RewardMessages = {
  title: 'Reward',
  amountLabel: 'Amount',
  yuan: (amount: string) => `${amount} yuan`,
  statusLabel: 'Progress',
  statuses: {
    'reward-approved': 'Approved, waiting for your claim',
    'reward-claimed': 'Claim received; finance will check it and pay',
    'reward-paid': 'Paid',
    'reward-refused': 'No reward',
    'reward-lapsed': 'Not claimed in time; the reward has lapsed',
    'reward-appealed': 'Under review',
    closed: 'Closed',
  },
  policyLine: (title: string) => `Rules applied: ${title}`,
  explanationLabel: 'How the reward was worked out',
  refusalLabel: 'Why there is no reward',
  claimDueLabel: 'Claim by',
  claimedAtLabel: 'Claim sent',
  paidOnLabel: 'Paid on',
  lapsedNote:
    'No claim arrived within the claim period, so the reward has lapsed. If something prevented you, call the hotline 12350.',
  notice: 'Download the reward notice (PDF)',
  noticeBusy: 'Preparing the notice…',
  appealHeading: 'Your request for a review',
  appealAtLabel: 'Asked on',
  appealPending: 'Being reviewed; the result will appear here.',
  appealOutcomeLabel: 'Result',
  appealOutcomes: { upheld: 'The decision stands', revised: 'The reward was changed' },
  appealDecision: (reason: string) => `Reasons: ${reason}`,

  claimTitle: 'Claim your reward',
  claimPrivacy:
    'These details are stored encrypted and seen only by the finance office, to check who you are and pay you.',
  claimAnonymous:
    'You reported anonymously: this is the first time you give us your identity. The verifiers do not see it.',
  claimDeadline: (at: string) => `Send it before ${at}; after that the reward lapses.`,
  claimReturned: 'Finance sent your last claim back. Please check it and send it again:',
  fields: {
    name: 'Name (as on your ID card)',
    idNumber: 'Resident ID number',
    phone: 'Phone',
    bankName: 'Bank and branch',
    bankAccount: 'Account number',
  },
  hints: {
    idNumber: '18 characters; the last may be X',
    bankName: 'Down to the branch, e.g. ICBC Anyang branch',
    bankAccount: 'A debit card in your own name; spaces are fine',
  },
  fieldErrors: {
    name: 'Enter your name as on your ID card (up to 40 characters)',
    idNumber: 'This is not a valid 18-character resident ID number (the last may be X)',
    phone: 'Enter a valid mobile or landline number',
    bankName: 'Enter the bank’s name',
    bankAccount: 'The account number has 12 to 30 digits',
  },
  fixFields: 'Please correct the marked fields and send again.',
  claimSubmit: 'Send my claim',
  claimSubmitting: 'Sending…',
  claimDone: 'Claim sent. Finance will check it and pay.',

  appealOpen: 'Disagree? Ask for a review',
  appealExplain: 'The review is done by people who took no part in the decision. Each reward can be reviewed once.',
  appealDue: (at: string) => `Ask before ${at}.`,
  appealReason: 'Your reasons',
  appealReasonMissing: 'Write why you think the decision is wrong',
  appealSubmit: 'Ask for a review',
  appealSubmitting: 'Sending…',
  appealDone: 'Your request for a review has been sent.',
};

export function rewardTextFor(lang: Lang): RewardMessages {
  return lang === 'en' ? en : zh;
}

export function useRewardT(): RewardMessages {
  return rewardTextFor(useLang());
}
