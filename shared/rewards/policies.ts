// Reward policies as data. Each version is the complete rule set in force from its
// effective date until the next version's; a report is judged under the version in
// force on the day it was submitted (Asia/Shanghai). Values the sources do not
// state are listed in `assumed`, so the console can show them as our own choice.
import type { Label } from '../catalog';
import { nationalPeriods, type LegalPeriods } from '../periods';
import { RewardInputError } from './errors';
import { yuan } from './money';

export type AccidentGrade = 'general' | 'larger' | 'major' | 'especially-major';
export const accidentGrades: readonly AccidentGrade[] = ['general', 'larger', 'major', 'especially-major'];

/** A share of the fine, kept within a minimum and maximum. */
export interface FineShareRule {
  finePercent: number;
  minFen: number;
  maxFen: number;
}

export interface RewardPolicy {
  /** Stable id recorded with every quote, e.g. 'henan-2025'. */
  id: string;
  /** First day (Asia/Shanghai, YYYY-MM-DD) the version applies to. */
  effectiveFrom: string;
  title: Label;
  /** The documents this version follows. */
  basis: Label;
  /** Major hazards and illegal production, operation or construction. */
  violation: FineShareRule;
  /** Situations on the Henan list (Henan versions only). */
  listedSituation?: FineShareRule;
  /** Concealed or falsely reported accidents: per verified concealed death, capped. */
  concealedAccident: { perDeathFen: Record<AccidentGrade, number>; maxFen: number };
  /** Anyang's welding rule (real-name reports only). */
  welding?: { noFineFen: number; finePercent: number; minFen: number; maxFen: number; employeeUpliftApplies: boolean };
  /** An employee reporting their own employer (Henan versions only). */
  employeeUplift?: { percent: number; minFen: number; maxTotalFen: number };
  /** Every legal period a report submitted under this version runs against. */
  periods: LegalPeriods;
  /** Dotted keys of values that no source states: our configurable assumptions. */
  assumed: readonly AssumedKey[];
}

export type AssumedKey =
  | 'effectiveFrom'
  | 'listedSituation.finePercent'
  | 'welding.noFineFen'
  | 'welding.finePercent'
  | 'welding.employeeUpliftApplies';

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
  employeeUpliftApplies: false,
};
const weldingAssumptions: AssumedKey[] = ['welding.noFineFen', 'welding.finePercent', 'welding.employeeUpliftApplies'];

export const rewardPolicies: readonly RewardPolicy[] = [
  {
    id: 'national-2018',
    // The notice is dated 4 January 2018 and the rules apply from the day they were issued.
    effectiveFrom: '2018-01-04',
    title: { zh: '安全生产领域举报奖励办法（2018）', en: 'Work-safety reporting reward rules (national, 2018)' },
    basis: { zh: '安监总财〔2018〕19号', en: 'SAWS and Ministry of Finance notice 安监总财〔2018〕19号' },
    violation: nationalViolation,
    concealedAccident: nationalAccidents,
    periods: nationalPeriods,
    assumed: [],
  },
  {
    id: 'henan-2022',
    effectiveFrom: '2022-01-01',
    title: { zh: '河南省安全生产领域举报奖励实施办法（2022）', en: 'Henan work-safety reporting reward rules (2022)' },
    basis: { zh: '豫应急〔2022〕133号', en: 'Henan Emergency Management Department 豫应急〔2022〕133号' },
    violation: nationalViolation,
    listedSituation: henanListed,
    concealedAccident: nationalAccidents,
    employeeUplift: { percent: 10, minFen: yuan(1_000), maxTotalFen: yuan(300_000) },
    periods: nationalPeriods,
    assumed: ['effectiveFrom', 'listedSituation.finePercent'],
  },
  {
    id: 'anyang-2022',
    // Announced by the city on 23 June 2022; the exact first day is not known to us.
    effectiveFrom: '2022-06-23',
    title: { zh: '安阳市安全生产领域举报奖励制度（2022）', en: 'Anyang work-safety reporting reward rules (2022)' },
    basis: {
      zh: '安安委〔2022〕14号；豫应急〔2022〕133号',
      en: 'Anyang Safety Committee 安安委〔2022〕14号, within Henan 豫应急〔2022〕133号',
    },
    violation: nationalViolation,
    listedSituation: henanListed,
    concealedAccident: nationalAccidents,
    employeeUplift: { percent: 10, minFen: yuan(1_000), maxTotalFen: yuan(300_000) },
    periods: nationalPeriods,
    assumed: ['effectiveFrom', 'listedSituation.finePercent'],
  },
  {
    id: 'anyang-welding-2023',
    // Published on the provincial department's site on 3 July 2023.
    effectiveFrom: '2023-07-03',
    title: {
      zh: '安阳市焊接作业违法违规行为举报奖励办法（2023）',
      en: 'Anyang rules on rewards for reporting welding violations (2023)',
    },
    basis: {
      zh: '安阳市焊接作业违法违规行为举报奖励办法；安安委〔2022〕14号；豫应急〔2022〕133号',
      en: 'Anyang welding reward rules, with 安安委〔2022〕14号 and 豫应急〔2022〕133号',
    },
    violation: nationalViolation,
    listedSituation: henanListed,
    concealedAccident: nationalAccidents,
    welding: anyangWelding,
    employeeUplift: { percent: 10, minFen: yuan(1_000), maxTotalFen: yuan(300_000) },
    periods: nationalPeriods,
    assumed: ['effectiveFrom', 'listedSituation.finePercent', ...weldingAssumptions],
  },
  {
    id: 'henan-2025',
    // The revision was presented at the provincial press conference of 30 May 2025.
    effectiveFrom: '2025-05-30',
    title: {
      zh: '河南省安全生产领域举报奖励办法（2025 年修订）',
      en: 'Henan work-safety reporting reward rules (2025 revision)',
    },
    basis: {
      zh: '2025 年修订；焊接作业仍按安阳市 2023 年办法',
      en: '2025 revision; welding still under the Anyang 2023 rules',
    },
    violation: nationalViolation,
    listedSituation: henanListed,
    concealedAccident: nationalAccidents,
    welding: anyangWelding,
    employeeUplift: { percent: 15, minFen: yuan(1_000), maxTotalFen: yuan(300_000) },
    periods: nationalPeriods,
    assumed: ['effectiveFrom', 'listedSituation.finePercent', ...weldingAssumptions],
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

/** The version in force on `day` (YYYY-MM-DD, Asia/Shanghai); throws RewardInputError('reportedOn') otherwise. */
export function policyInForce(day: string): RewardPolicy {
  if (!isCalendarDay(day))
    throw new RewardInputError('reportedOn', {
      zh: '日期格式应为 YYYY-MM-DD，且须为有效日期。',
      en: 'The date must be a real day written YYYY-MM-DD.',
    });
  // ISO days compare as strings; the list is in date order.
  const inForce = rewardPolicies.filter((p) => p.effectiveFrom <= day).at(-1);
  if (!inForce) {
    const first = rewardPolicies[0].effectiveFrom;
    throw new RewardInputError('reportedOn', {
      zh: `${first} 之前没有适用的奖励办法。`,
      en: `No reward policy applies before ${first}.`,
    });
  }
  return inForce;
}

export function isAssumed(policy: RewardPolicy, key: AssumedKey): boolean {
  return policy.assumed.includes(key);
}

/** The legal periods of the version in force on `day` (the report's submission day, Asia/Shanghai). */
export const periodsInForce = (day: string): LegalPeriods => policyInForce(day).periods;
