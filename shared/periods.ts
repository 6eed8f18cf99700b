// Every legal period a report runs against, as data of the reward-policy version
// in force on the day it was submitted (shared/rewards/policies.ts): how long,
// in calendar or working days (the official PRC calendar), from which event, and
// who may extend it. Deadlines are computed on the server (server/platform/calendar.ts).
import type { Label } from './catalog';

export type PeriodName =
  | 'acceptance'
  | 'verification'
  | 'extension'
  | 'feedback'
  | 'objection'
  | 'objectionReview'
  | 'rectification'
  | 'stillThere'
  | 'reinspection'
  | 'claim'
  | 'appeal';

export type PeriodStart =
  | 'submission'
  | 'acceptance'
  | 'verification-due'
  | 'conclusion'
  | 'result-letter'
  | 'objection'
  | 'rectification-order'
  | 'rectification-reported'
  | 'still-there'
  | 'reward-decision';

/** Who may lengthen the period: nobody, the unit's head or the level above, or finance (the claim). */
export type ExtendedBy = 'nobody' | 'unit-head-or-level-above' | 'finance';

export interface LegalPeriod {
  days: number;
  unit: 'calendar' | 'working';
  startsAt: PeriodStart;
  extendedBy: ExtendedBy;
  source: Label;
  /** No source states this value: our configurable choice. */
  assumed: boolean;
}

export type LegalPeriods = Record<PeriodName, LegalPeriod>;

export const periodNames: Record<PeriodName, Label> = {
  acceptance: { zh: '受理审查期限', en: 'Screening' },
  verification: { zh: '核查期限', en: 'Verification' },
  extension: { zh: '核查延期（最长）', en: 'Verification extension (at most)' },
  feedback: { zh: '结果告知期限', en: 'Result letter' },
  objection: { zh: '异议期限', en: 'Objection' },
  objectionReview: { zh: '异议复查期限', en: 'Review of an objection' },
  rectification: { zh: '整改期限（默认）', en: 'Rectification (default)' },
  stillThere: { zh: '整改结果异议期限', en: 'Saying a hazard is still there' },
  reinspection: { zh: '举报人反映后复查期限', en: 'Re-inspection after the reporter says it is still there' },
  claim: { zh: '奖励领取期限', en: 'Claiming a reward' },
  appeal: { zh: '奖励复查申请期限', en: 'Appealing a reward decision' },
};

const src2018 = { zh: '安监总财〔2018〕19号', en: 'National reward rules 2018 (安监总财〔2018〕19号)' };
const src2023 = { zh: '应急〔2023〕106号', en: 'National guidance 2023 (应急〔2023〕106号)' };
const ours = { zh: '本系统默认值，可配置', en: 'Our default, configurable' };

/** The periods every Anyang version applies today; a later version may replace any of them. */
export const nationalPeriods: LegalPeriods = {
  acceptance: { days: 7, unit: 'calendar', startsAt: 'submission', extendedBy: 'nobody', source: ours, assumed: true },
  verification: {
    days: 60,
    unit: 'calendar',
    startsAt: 'acceptance',
    extendedBy: 'unit-head-or-level-above',
    source: src2018,
    assumed: false,
  },
  extension: {
    days: 30,
    unit: 'calendar',
    startsAt: 'verification-due',
    extendedBy: 'nobody',
    source: src2018,
    assumed: false,
  },
  feedback: {
    days: 10,
    unit: 'calendar',
    startsAt: 'conclusion',
    extendedBy: 'nobody',
    source: src2023,
    assumed: false,
  },
  objection: {
    days: 10,
    unit: 'calendar',
    startsAt: 'result-letter',
    extendedBy: 'nobody',
    source: src2023,
    assumed: false,
  },
  objectionReview: {
    days: 30,
    unit: 'calendar',
    startsAt: 'objection',
    extendedBy: 'nobody',
    source: src2023,
    assumed: false,
  },
  rectification: {
    days: 30,
    unit: 'calendar',
    startsAt: 'rectification-order',
    extendedBy: 'nobody',
    source: ours,
    assumed: true,
  },
  stillThere: {
    days: 30,
    unit: 'calendar',
    startsAt: 'rectification-reported',
    extendedBy: 'nobody',
    source: ours,
    assumed: true,
  },
  reinspection: {
    days: 5,
    unit: 'working',
    startsAt: 'still-there',
    extendedBy: 'nobody',
    source: ours,
    assumed: true,
  },
  claim: {
    days: 60,
    unit: 'calendar',
    startsAt: 'reward-decision',
    extendedBy: 'finance',
    source: src2018,
    assumed: false,
  },
  appeal: {
    days: 30,
    unit: 'calendar',
    startsAt: 'reward-decision',
    extendedBy: 'nobody',
    source: ours,
    assumed: true,
  },
};
