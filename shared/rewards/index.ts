// The reward calculator: pure functions over versioned policy data, no I/O.
export { RewardInputError } from './errors';
export { rewardForFindings, type Findings, type FindingsReward, type ReportFacts } from './findings';
export { formatRewardYuan } from './money';
export {
  accidentGrades,
  isAssumed,
  isCalendarDay,
  policyInForce,
  rewardPolicies,
  type AccidentGrade,
  type AssumedKey,
  type FineShareRule,
  type RewardPolicy,
} from './policies';
export { quoteReward, type RewardQuote, type RewardQuoteInput, type RewardScheme } from './quote';
export { schemeRange, type RewardRange } from './bounds';
export type { ViolationKind } from './texts';
