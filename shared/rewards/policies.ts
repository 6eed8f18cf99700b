// Reward policies as data. Each version is the complete rule set in force from its
// effective date until the next version's; a report is judged under the version in
// force on the day its policy decides (the day received, by default). The versions
// below are the built-in ones the database registry is seeded from; callers pass
// the registry they hold. Values the sources do not state are listed in `assumed`,
// so explanations and the console show them as the bureau's pending choice.
import { nationalPeriods } from '../periods';
import { RewardInputError } from './errors';
import { yuan } from './money';
import type {
  FineShareRule,
  PolicyDecisions,
  PolicyDocument,
  PolicyRegistry,
  RewardControls,
  RewardPolicy,
} from './policySchema';

export type { FineShareRule, PolicyDocument, PolicyRegistry, RewardPolicy } from './policySchema';
export type AccidentGrade = 'general' | 'larger' | 'major' | 'especially-major';
export const accidentGrades: readonly AccidentGrade[] = ['general', 'larger', 'major', 'especially-major'];

const nationalViolation: FineShareRule = { finePercent: 15, minFen: yuan(3_000), maxFen: yuan(300_000) };
const nationalAccidents: RewardPolicy['concealedAccident'] = {
  perDeathFen: { general: yuan(30_000), larger: yuan(40_000), major: yuan(50_000), 'especially-major': yuan(60_000) },
  maxFen: yuan(300_000),
};
// The list sets 1,000 – 300,000; the share of a fine is ours, as for violations.
const henanListed: FineShareRule = { finePercent: 15, minFen: yuan(1_000), maxFen: yuan(300_000) };
// 500 – 3,000 is the rule's own range; the tiers inside it are our default until the article text is configured.
const anyangWelding: NonNullable<RewardPolicy['welding']> = {
  noFineFen: yuan(500),
  finePercent: 15,
  minFen: yuan(500),
  maxFen: yuan(3_000),
};
const upliftBefore2025 = {
  percent: 10,
  minFen: yuan(1_000),
  maxTotalFen: yuan(300_000),
  appliesToWelding: false,
  appliesToConcealedAccident: true,
};

/** Today's behaviour, each choice still the bureau's to confirm (all listed as assumed). */
const decisions: PolicyDecisions = {
  anonymousRewarded: true,
  weldingExclusive: false,
  majorHazardNoFineMinimum: true,
  policyDay: 'received',
  rounding: 'yuan',
};
const controls: RewardControls = {
  adjustmentBandPercent: 20,
  deputyDirectorAboveFen: yuan(50_000),
  bureauMeetingAboveFen: yuan(100_000),
  payeeYearlyCapFen: yuan(100_000),
  sampleRatePercent: 5,
};
const decisionAssumptions = [
  'decisions.anonymousRewarded',
  'decisions.weldingExclusive',
  'decisions.majorHazardNoFineMinimum',
  'decisions.policyDay',
  'decisions.rounding',
  'controls.adjustmentBandPercent',
  'controls.deputyDirectorAboveFen',
  'controls.bureauMeetingAboveFen',
  'controls.payeeYearlyCapFen',
  'controls.sampleRatePercent',
];
const upliftAssumptions = ['employeeUplift.appliesToWelding', 'employeeUplift.appliesToConcealedAccident'];
const weldingAssumptions = ['welding.noFineFen', 'welding.finePercent', 'documents.anyang-welding-2023.effectiveFrom'];
/** Before the 2025 revision no text we hold states the listed situations or the 1,000 uplift floor. */
const before2025Assumptions = ['listedSituation', 'employeeUplift.minFen'];

const documents = {
  national2018: {
    id: 'national-2018',
    title: { zh: '安全生产领域举报奖励办法', en: 'Work-safety reporting reward rules (national)' },
    number: '安监总财〔2018〕19号',
    // The notice is dated 4 January 2018 and the rules apply from the day they were issued.
    effectiveFrom: '2018-01-04',
  },
  henan2022: {
    id: 'henan-2022',
    title: { zh: '河南省安全生产领域举报奖励实施办法', en: 'Henan work-safety reporting reward rules' },
    number: '豫应急〔2022〕133号',
    effectiveFrom: '2022-01-01',
  },
  anyang2022: {
    id: 'anyang-2022',
    title: { zh: '安阳市安全生产领域举报奖励制度', en: 'Anyang work-safety reporting reward rules' },
    number: '安安委〔2022〕14号',
    // Announced by the city on 23 June 2022; the exact first day is not known to us.
    effectiveFrom: '2022-06-23',
  },
  anyangWelding2023: {
    id: 'anyang-welding-2023',
    title: {
      zh: '安阳市焊接作业违法违规行为举报奖励办法',
      en: 'Anyang rules on rewards for reporting welding violations',
    },
    number: '',
    // Published on the provincial department's site on 3 July 2023, but the bureau's reply of
    // 28 March 2023 already says it had been issued: it applies from that day at the latest (assumed).
    effectiveFrom: '2023-03-28',
  },
  henan2023: {
    id: 'henan-2023',
    title: {
      zh: '河南省安全生产领域举报奖励实施办法（2023 年修订）',
      en: 'Henan work-safety reporting reward rules (2023 revision)',
    },
    number: '豫应急〔2023〕103号',
    // Neither its text nor its date could be confirmed: its values are the 2022 ones and its date is assumed.
    effectiveFrom: '2023-07-01',
  },
  henan2025: {
    id: 'henan-2025',
    title: {
      zh: '河南省安全生产领域举报奖励办法（2025 年修订）',
      en: 'Henan work-safety reporting reward rules (2025 revision)',
    },
    number: '',
    // The revision was presented at the provincial press conference of 30 May 2025.
    effectiveFrom: '2025-05-30',
  },
} satisfies Record<string, PolicyDocument>;
const d = documents;

/** The versions this system ships with; the database registry is seeded from them. */
export const builtInPolicies: PolicyRegistry = [
  {
    id: 'national-2018',
    effectiveFrom: '2018-01-04',
    title: { zh: '安全生产领域举报奖励办法（2018）', en: 'Work-safety reporting reward rules (national, 2018)' },
    documents: [d.national2018],
    citations: { violation: ['national-2018'], concealedAccident: ['national-2018'] },
    violation: nationalViolation,
    concealedAccident: nationalAccidents,
    decisions,
    controls,
    periods: nationalPeriods,
    assumed: decisionAssumptions,
  },
  {
    id: 'henan-2022',
    effectiveFrom: '2022-01-01',
    title: { zh: '河南省安全生产领域举报奖励实施办法（2022）', en: 'Henan work-safety reporting reward rules (2022)' },
    documents: [d.national2018, d.henan2022],
    citations: {
      violation: ['national-2018', 'henan-2022'],
      listedSituation: ['henan-2022'],
      concealedAccident: ['national-2018', 'henan-2022'],
      employeeUplift: ['henan-2022'],
    },
    violation: nationalViolation,
    listedSituation: henanListed,
    concealedAccident: nationalAccidents,
    employeeUplift: upliftBefore2025,
    decisions,
    controls,
    periods: nationalPeriods,
    assumed: [
      'effectiveFrom',
      'documents.henan-2022.effectiveFrom',
      'listedSituation.finePercent',
      ...before2025Assumptions,
      ...upliftAssumptions,
      ...decisionAssumptions,
    ],
  },
  {
    id: 'anyang-2022',
    effectiveFrom: '2022-06-23',
    title: { zh: '安阳市安全生产领域举报奖励制度（2022）', en: 'Anyang work-safety reporting reward rules (2022)' },
    documents: [d.national2018, d.henan2022, d.anyang2022],
    citations: {
      violation: ['anyang-2022', 'henan-2022'],
      listedSituation: ['henan-2022'],
      concealedAccident: ['national-2018', 'henan-2022'],
      employeeUplift: ['henan-2022'],
    },
    violation: nationalViolation,
    listedSituation: henanListed,
    concealedAccident: nationalAccidents,
    employeeUplift: upliftBefore2025,
    decisions,
    controls,
    periods: nationalPeriods,
    assumed: [
      'effectiveFrom',
      'documents.henan-2022.effectiveFrom',
      'documents.anyang-2022.effectiveFrom',
      'listedSituation.finePercent',
      ...before2025Assumptions,
      ...upliftAssumptions,
      ...decisionAssumptions,
    ],
  },
  {
    // The Anyang 2022 rules, with the welding rule beside them: only welding violations are judged under it.
    id: 'anyang-welding-2023',
    effectiveFrom: '2023-03-28',
    title: {
      zh: '安阳市举报奖励规则（2023 年 3 月起，增加焊接作业奖励）',
      en: 'Anyang reward rules (from March 2023, with the welding reward)',
    },
    documents: [d.national2018, d.henan2022, d.anyang2022, d.anyangWelding2023],
    citations: {
      violation: ['anyang-2022', 'henan-2022'],
      listedSituation: ['henan-2022'],
      concealedAccident: ['national-2018', 'henan-2022'],
      welding: ['anyang-welding-2023'],
      employeeUplift: ['henan-2022'],
    },
    violation: nationalViolation,
    listedSituation: henanListed,
    concealedAccident: nationalAccidents,
    welding: anyangWelding,
    employeeUplift: upliftBefore2025,
    decisions,
    controls,
    periods: nationalPeriods,
    assumed: [
      'effectiveFrom',
      'documents.henan-2022.effectiveFrom',
      'documents.anyang-2022.effectiveFrom',
      'listedSituation.finePercent',
      ...before2025Assumptions,
      ...weldingAssumptions,
      ...upliftAssumptions,
      ...decisionAssumptions,
    ],
  },
  {
    // 豫应急〔2023〕103号 replaces the Henan 2022 rules; its values are taken to be unchanged.
    id: 'henan-2023',
    effectiveFrom: '2023-07-01',
    title: {
      zh: '河南省安全生产领域举报奖励实施办法（2023 年修订）',
      en: 'Henan work-safety reporting reward rules (2023 revision)',
    },
    documents: [d.national2018, d.henan2023, d.anyang2022, d.anyangWelding2023],
    citations: {
      violation: ['anyang-2022', 'henan-2023'],
      listedSituation: ['henan-2023'],
      concealedAccident: ['national-2018', 'henan-2023'],
      welding: ['anyang-welding-2023'],
      employeeUplift: ['henan-2023'],
    },
    violation: nationalViolation,
    listedSituation: henanListed,
    concealedAccident: nationalAccidents,
    welding: anyangWelding,
    employeeUplift: upliftBefore2025,
    decisions,
    controls,
    periods: nationalPeriods,
    assumed: [
      'effectiveFrom',
      'documents.henan-2023.effectiveFrom',
      'documents.anyang-2022.effectiveFrom',
      'violation',
      'listedSituation.finePercent',
      'concealedAccident',
      ...before2025Assumptions,
      'employeeUplift.percent',
      ...weldingAssumptions,
      ...upliftAssumptions,
      ...decisionAssumptions,
    ],
  },
  {
    id: 'henan-2025',
    effectiveFrom: '2025-05-30',
    title: {
      zh: '河南省安全生产领域举报奖励办法（2025 年修订）',
      en: 'Henan work-safety reporting reward rules (2025 revision)',
    },
    documents: [d.national2018, d.anyang2022, d.anyangWelding2023, d.henan2025],
    citations: {
      violation: ['henan-2025', 'anyang-2022'],
      listedSituation: ['henan-2025'],
      concealedAccident: ['national-2018', 'henan-2025'],
      welding: ['anyang-welding-2023'],
      employeeUplift: ['henan-2025'],
    },
    violation: nationalViolation,
    listedSituation: henanListed,
    concealedAccident: nationalAccidents,
    welding: anyangWelding,
    employeeUplift: { ...upliftBefore2025, percent: 15 },
    decisions,
    controls,
    periods: nationalPeriods,
    assumed: [
      'effectiveFrom',
      'documents.henan-2025.effectiveFrom',
      'documents.anyang-2022.effectiveFrom',
      'listedSituation.finePercent',
      ...weldingAssumptions,
      ...upliftAssumptions,
      ...decisionAssumptions,
    ],
  },
];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === day;
}

/** The version of `registry` in force on `day` (YYYY-MM-DD, Asia/Shanghai); throws RewardInputError('reportedOn') otherwise. */
export function policyInForce(day: string, registry: PolicyRegistry): RewardPolicy {
  if (!isCalendarDay(day))
    throw new RewardInputError('reportedOn', {
      zh: '日期格式应为 YYYY-MM-DD，且须为有效日期。',
      en: 'The date must be a real day written YYYY-MM-DD.',
    });
  // ISO days compare as strings; the list is in date order.
  const inForce = registry.filter((p) => p.effectiveFrom <= day).at(-1);
  if (!inForce) {
    const first = registry[0]?.effectiveFrom ?? day;
    throw new RewardInputError('reportedOn', {
      zh: `${first} 之前没有适用的奖励办法。`,
      en: `No reward policy applies before ${first}.`,
    });
  }
  return inForce;
}

/** Whether the value at a dotted path (e.g. 'welding.finePercent') is our assumption rather than a source's. */
export function isAssumed(policy: RewardPolicy, path: string): boolean {
  return policy.assumed.includes(path);
}
