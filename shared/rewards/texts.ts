// The words of reward explanations and refusals, zh-CN first with English.
import type { Label } from '../catalog';
import type { AccidentGrade } from './policies';
import { formatRewardYuan } from './money';

export type ViolationKind = 'major-hazard' | 'illegal-operation' | 'listed-situation';

export const violationKindLabels: Record<ViolationKind, Label> = {
  'major-hazard': { zh: '重大事故隐患', en: 'a major accident hazard' },
  'illegal-operation': { zh: '非法违法生产经营建设行为', en: 'illegal production, operation or construction' },
  'listed-situation': { zh: '《河南省安全生产领域举报奖励情形》所列情形', en: 'a situation on the Henan reward list' },
};

export const accidentGradeLabels: Record<AccidentGrade, Label> = {
  general: { zh: '一般事故', en: 'general accident' },
  larger: { zh: '较大事故', en: 'larger accident' },
  major: { zh: '重大事故', en: 'major accident' },
  'especially-major': { zh: '特别重大事故', en: 'especially major accident' },
};

export const schemeLabels = {
  violation: { zh: '重大事故隐患和违法行为举报奖励', en: 'the reward for major hazards and violations' },
  'concealed-accident': { zh: '瞒报、谎报事故举报奖励', en: 'the reward for concealed or falsely reported accidents' },
  welding: { zh: '焊接作业违法违规行为举报奖励', en: 'the welding violation reward' },
} as const satisfies Record<string, Label>;

/** Short names for comparing two schemes in one sentence. */
export const weldingShortLabel: Label = { zh: '焊接作业奖励', en: 'the welding reward' };
export const violationShortLabel = (kind: ViolationKind): Label => ({
  zh: `${violationKindLabels[kind].zh}奖励`,
  en: `the reward for ${violationKindLabels[kind].en}`,
});

/**
 * Who is not rewarded, and when (安监总财〔2018〕19号 and the Henan rules): supervisory staff and
 * their close relatives, the violation's organiser or perpetrator, paid grid workers (their job is
 * to find it), hired experts and service bodies on their own clients, safety managers reporting
 * instead of acting, matters the unit itself had already found, and reports too thin to verify.
 */
export const exclusions = [
  'supervisory-staff',
  'relative-of-supervising-staff',
  'organiser-or-perpetrator',
  'paid-grid-worker',
  'hired-expert',
  'own-duty',
  'third-party-service',
  'unit-already-found',
  'incomplete',
] as const;
export type Exclusion = (typeof exclusions)[number];

export const exclusionLabels: Record<Exclusion, Label> = {
  'supervisory-staff': {
    zh: '举报人是负有安全监管职责的工作人员或受其指使，不予奖励。',
    en: 'The reporter has safety supervision duties, or acted for someone who does: no reward.',
  },
  'hired-expert': {
    zh: '举报人是受聘专家，举报的是受聘检查中发现的问题，不予奖励。',
    en: 'The reporter is a hired expert reporting what a hired inspection found: no reward.',
  },
  'own-duty': {
    zh: '举报人是单位负责人或安全管理人员，举报的是本应由其履职处理的问题，不予奖励。',
    en: 'The reporter is a company head or safety manager reporting instead of doing their duty: no reward.',
  },
  'third-party-service': {
    zh: '举报人是第三方服务机构，举报的是其服务对象，不予奖励。',
    en: 'The reporter is a third-party service body reporting its own client: no reward.',
  },
  'relative-of-supervising-staff': {
    zh: '举报人是负有安全监管职责人员的近亲属，不予奖励。',
    en: 'The reporter is a close relative of someone with safety supervision duties: no reward.',
  },
  'organiser-or-perpetrator': {
    zh: '举报人是违法行为的组织者或实施者，不予奖励。',
    en: 'The reporter organised or carried out the violation: no reward.',
  },
  'paid-grid-worker': {
    zh: '举报人是以发现隐患为职责、领取报酬的网格员，不予奖励。',
    en: 'The reporter is a paid grid worker whose job is to find such hazards: no reward.',
  },
  'unit-already-found': {
    zh: '举报事项在举报前已被生产经营单位自行发现并正在处理，不予奖励。',
    en: 'The company had already found the matter itself and was dealing with it: no reward.',
  },
  incomplete: { zh: '举报内容不完整，无法核查，不予奖励。', en: 'The report was too incomplete to verify: no reward.' },
};

export const ineligibleReasons = {
  notSubstantiated: { zh: '举报事项经核查不属实，不予奖励。', en: 'The report was not substantiated: no reward.' },
  alreadyKnown: {
    zh: '举报事项在举报前已被有关部门发现并依法处理，不予奖励。',
    en: 'The department had already found and lawfully handled the matter: no reward.',
  },
  generalHazard: {
    zh: '一般事故隐患目前没有适用的奖励办法。',
    en: 'General hazards have no reward scheme under the policy in force.',
  },
  noKind: {
    zh: '核查结论没有写明违法行为的类别。',
    en: 'The findings do not say what kind of violation was substantiated.',
  },
} as const satisfies Record<string, Label>;

export const ASSUMED: Label = { zh: '（暂定值）', en: ' (assumed value)' };
/** The mark on a version's effective date when no source states it. */
export const ASSUMED_DATE: Label = { zh: '（施行日期为暂定）', en: ' (an assumed date)' };

/**
 * Text as the public reads it (estimator, follow-up, reward notice): the marks on values
 * still the bureau's to confirm are for staff and the README; a reporter is told what
 * applies. Stored lines are cleaned on the way out, so older rewards are too.
 */
export function withoutAssumptionMarks(text: string): string {
  return [ASSUMED, ASSUMED_DATE].flatMap((mark) => [mark.zh, mark.en]).reduce((t, m) => t.split(m).join(''), text);
}

/** Explanation lines without the assumption marks, in both languages. */
export const publicLines = (lines: readonly Label[]): Label[] =>
  lines.map((l) => ({ zh: withoutAssumptionMarks(l.zh), en: withoutAssumptionMarks(l.en) }));

/** "3,000 元" / "3,000 yuan". */
export const money = (fen: number): Label => ({
  zh: `${formatRewardYuan(fen)} 元`,
  en: `${formatRewardYuan(fen)} yuan`,
});

/** "3,000 – 300,000 元" / "3,000 – 300,000 yuan". */
export const moneyRange = (minFen: number, maxFen: number): Label => ({
  zh: `${formatRewardYuan(minFen)} – ${formatRewardYuan(maxFen)} 元`,
  en: `${formatRewardYuan(minFen)} – ${formatRewardYuan(maxFen)} yuan`,
});

/** Builds a line from a template over both languages. */
export function line(build: (lang: keyof Label) => string): Label {
  return { zh: build('zh'), en: build('en') };
}

/** A document the reward was judged under, as it is cited: title and 文号. */
export interface CitedDocument {
  title: Label;
  number: string;
}

/** "《title》（number）、…" / "title (number); …". */
export function documentsText(documents: readonly CitedDocument[]): Label {
  return {
    zh: documents.map((doc) => `《${doc.title.zh}》${doc.number ? `（${doc.number}）` : ''}`).join('、'),
    en: documents.map((doc) => `${doc.title.en}${doc.number ? ` (${doc.number})` : ''}`).join('; '),
  };
}
