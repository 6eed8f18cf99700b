// The reward calculator: pure functions over versioned policy data, no I/O.
export { RewardInputError } from './errors';
export { rewardForFindings, type Findings, type FindingsReward, type ReportFacts } from './findings';
export { formatRewardYuan } from './money';
export {
  accidentGrades,
  builtInPolicies,
  isAssumed,
  isCalendarDay,
  policyInForce,
  type AccidentGrade,
  type FineShareRule,
  type PolicyRegistry,
  type RewardPolicy,
} from './policies';
export { rewardPolicySchema } from './policySchema';
export { quoteReward, type RewardQuote, type RewardQuoteInput, type RewardScheme } from './quote';
export { schemeRange, type RewardRange } from './bounds';
export type { ViolationKind } from './texts';
