// The estimator page's own dictionary (loaded with the page only): zh-CN first, English second.
import { useLang, type Lang } from '../../i18n';

const zh = {
  title: '我的举报可能获得多少奖励？',
  intro: '按现行奖励办法估算举报经核查属实后可能获得的奖励。这只是估算，实际金额以核查结果和核定为准。',
  scheme: '举报的是什么',
  schemes: {
    violation: '重大事故隐患或安全生产违法行为',
    'concealed-accident': '瞒报、谎报生产安全事故',
    welding: '违法违规焊接或动火作业',
  },
  violationKind: '具体属于',
  violationKinds: {
    'major-hazard': '重大事故隐患',
    'illegal-operation': '非法违法生产经营建设',
    'listed-situation': '《河南省安全生产领域举报奖励情形》所列情形',
  },
  weldingAlso: '这次焊接是否同时属于重大事故隐患或违法行为',
  weldingAlsoHint: '例如无证焊接。两种奖励取较高的一项，不重复奖励。',
  weldingAlsoNo: '不是，或不清楚',
  fine: '罚款金额（元）',
  fineHint: '不知道可以不填，按未罚款计算。',
  fineInvalid: '请填写金额，最多两位小数，例如 20000 或 20000.50',
  accidentGrade: '事故等级',
  accidentGradePlaceholder: '请选择',
  accidentGrades: { general: '一般事故', larger: '较大事故', major: '重大事故', 'especially-major': '特别重大事故' },
  deaths: '瞒报、谎报的死亡人数',
  accidentFactsHint: '以下事故情况可不填；填写后按《生产安全事故报告和调查处理条例》第三条核对事故等级。',
  totalDeaths: '事故死亡总人数（含瞒报）',
  seriousInjuries: '重伤人数（含急性工业中毒）',
  directLoss: '直接经济损失（元）',
  category: '举报事项类别（可不选）',
  categoryHint: '煤矿等事项有各自的举报奖励规定，不在本市奖励范围内。',
  categoryAny: '不选',
  documentsLabel: '依据文件',
  employee: '我在被举报的单位工作',
  employeeHint: '内部员工实名举报本单位，奖励按规定上浮。',
  realName: '我会实名举报',
  realNameHint: '焊接作业奖励只发给实名举报人；举报本单位也须实名。',
  submit: '估算奖励',
  working: '正在计算…',
  resultTitle: '估算结果',
  amountLabel: '可能获得',
  rangeLabel: '核定范围',
  policyLabel: '适用办法',
  stepsLabel: '计算过程',
  yuan: (amount: string) => `${amount} 元`,
  range: (min: string, max: string) => `${min} – ${max} 元`,
  reportNow: '我要举报',
};

type EstimateMessages = typeof zh;

const en: EstimateMessages = {
  title: 'What could my report earn?',
  intro:
    'An estimate, under the reward rules in force, of what a report could earn once verified. The actual amount depends on the verification and is set by the bureau.',
  scheme: 'What are you reporting',
  schemes: {
    violation: 'A major hazard or a work-safety violation',
    'concealed-accident': 'A concealed or falsely reported accident',
    welding: 'Illegal or unsafe welding or hot work',
  },
  violationKind: 'Which is it',
  violationKinds: {
    'major-hazard': 'Major accident hazard',
    'illegal-operation': 'Illegal production, operation or construction',
    'listed-situation': 'A situation on the Henan reward list',
  },
  weldingAlso: 'Is the welding also a major hazard or violation',
  weldingAlsoHint: 'For example, welding without a licence. The higher of the two rewards is paid, never both.',
  weldingAlsoNo: 'No, or not sure',
  fine: 'Fine (yuan)',
  fineHint: 'Leave empty if you do not know: counted as no fine.',
  fineInvalid: 'Enter an amount with at most two decimals, e.g. 20000 or 20000.50',
  accidentGrade: 'Accident grade',
  accidentGradePlaceholder: 'Choose',
  accidentGrades: { general: 'General', larger: 'Larger', major: 'Major', 'especially-major': 'Especially major' },
  deaths: 'Concealed deaths',
  accidentFactsHint:
    'The accident facts below are optional; when given, the grade is checked against article 3 of the accident reporting regulations.',
  totalDeaths: 'All deaths (concealed ones included)',
  seriousInjuries: 'Serious injuries (acute industrial poisoning included)',
  directLoss: 'Direct economic loss (yuan)',
  category: 'Category (optional)',
  categoryHint: 'Some matters, such as coal mines, have their own reward rules outside the city scheme.',
  categoryAny: 'Not chosen',
  documentsLabel: 'Documents applied',
  employee: 'I work for the organisation I am reporting',
  employeeHint: 'An employee reporting their own employer by name gets a higher reward.',
  realName: 'I will report under my real name',
  realNameHint: 'Welding rewards go to real-name reporters only; reporting your own employer needs your name too.',
  submit: 'Estimate',
  working: 'Working it out…',
  resultTitle: 'Estimate',
  amountLabel: 'Possible reward',
  rangeLabel: 'Range',
  policyLabel: 'Rules applied',
  stepsLabel: 'How it was worked out',
  yuan: (amount: string) => `${amount} yuan`,
  range: (min: string, max: string) => `${min} – ${max} yuan`,
  reportNow: 'Report a hazard',
};

export function estimateTextFor(lang: Lang): EstimateMessages {
  return lang === 'en' ? en : zh;
}

export function useEstimateT(): EstimateMessages {
  return estimateTextFor(useLang());
}
