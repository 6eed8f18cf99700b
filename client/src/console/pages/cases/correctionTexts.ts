// Words of the money-after-the-decision parts of the case page: funding source,
// top-ups (补发), recoveries (追回) and the sample re-inspection (抽查复核).
import { MAIN_FUND_SOURCE } from '../../../../../shared/schemas/fund';
import type { Lang } from '../../../i18n';
import type { ReferenceLookup } from '../../referenceData';

const zh = {
  title: '补发、追回与抽查',
  fundSource: '资金来源',
  topUps: '补发奖励',
  recoveries: '追回奖励',
  sample: '抽查复核',
  ground: '依据',
  grounds: {
    'fine-decided': '罚款决定作出',
    'grade-confirmed': '事故等级最终认定',
    fraud: '以欺骗手段取得奖励',
    'penalty-quashed': '处罚决定被撤销',
    other: '其他',
  } as Record<string, string>,
  newAmount: '重新核算金额',
  topUpAmount: '补发金额',
  recoveryAmount: '追回金额',
  stages: {
    proposed: '已提出，待批准',
    approved: '已批准，待登记',
    recorded: '已完成',
    refused: '未获批准',
    writtenOff: '已核销',
  },
  leadershipNeeded: '需领导审批',
  leadershipApproved: '领导已审批',
  voucher: (no: string, day: string) => `凭证 ${no}，${day}`,
  sampleDrawn: (month: string) => `${month} 月抽中复核`,
  sampleOutcome: { confirmed: '复核无误', irregular: '发现问题' } as Record<string, string>,
  sampleWaiting: '待抽查人员复核',
  forms: {
    fundSource: '资金来源',
    fineYuan: '罚款金额（元）',
    penaltyDecisionNo: '处罚决定书文号',
    accidentGrade: '最终认定的事故等级',
    grades: { general: '一般', larger: '较大', major: '重大', 'especially-major': '特别重大' } as Record<
      string,
      string
    >,
    reason: '理由',
    amountYuan: '追回金额（元）',
    voucherNo: '凭证号',
    paidOn: '发放日期',
    receivedOn: '收回日期',
    outcome: '复核结论',
    note: '复核说明',
    comment: '意见（可选）',
    required: '必填',
    amountInvalid: '请输入最多两位小数的金额',
  },
};

export type CorrectionTexts = typeof zh;

const en: CorrectionTexts = {
  title: 'Top-ups, recoveries and the sample check',
  fundSource: 'Funding source',
  topUps: 'Top-ups',
  recoveries: 'Recoveries',
  sample: 'Sample re-inspection',
  ground: 'Ground',
  grounds: {
    'fine-decided': 'Fine decided',
    'grade-confirmed': 'Accident grade confirmed',
    fraud: 'Obtained by deception',
    'penalty-quashed': 'Penalty quashed',
    other: 'Other',
  },
  newAmount: 'Recomputed amount',
  topUpAmount: 'Top-up',
  recoveryAmount: 'To recover',
  stages: {
    proposed: 'Proposed, awaiting approval',
    approved: 'Approved, awaiting record',
    recorded: 'Done',
    refused: 'Refused',
    writtenOff: 'Written off',
  },
  leadershipNeeded: 'Needs a leader’s approval',
  leadershipApproved: 'Approved by a leader',
  voucher: (no, day) => `Voucher ${no}, ${day}`,
  sampleDrawn: (month) => `Drawn in the ${month} sample`,
  sampleOutcome: { confirmed: 'Confirmed', irregular: 'Irregularities found' },
  sampleWaiting: 'Awaiting the re-inspection',
  forms: {
    fundSource: 'Funding source',
    fineYuan: 'Fine (yuan)',
    penaltyDecisionNo: 'Penalty decision number',
    accidentGrade: 'Accident grade as finally confirmed',
    grades: { general: 'General', larger: 'Larger', major: 'Major', 'especially-major': 'Especially major' },
    reason: 'Reason',
    amountYuan: 'Amount to recover (yuan)',
    voucherNo: 'Voucher number',
    paidOn: 'Paid on',
    receivedOn: 'Received on',
    outcome: 'Finding',
    note: 'Note',
    comment: 'Comment (optional)',
    required: 'Required',
    amountInvalid: 'Enter an amount with at most two decimals',
  },
};

export const correctionTexts = (lang: Lang): CorrectionTexts => (lang === 'en' ? en : zh);

/** Every source a reward may be paid from, as options, named from the jurisdiction (the console's reference data). */
export const fundSourceOptions = (reference: Pick<ReferenceLookup, 'areas' | 'fundSourceName'>) =>
  [MAIN_FUND_SOURCE, 'provincial', ...reference.areas.map((a) => `county-${a.code}`)].map((value) => ({
    value,
    label: reference.fundSourceName(value),
  }));
