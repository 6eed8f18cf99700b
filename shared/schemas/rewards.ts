// The public reward quote (POST /api/v1/rewards/quote): a fixed contract, see the API contract;
// and the staff's preview of a proposal on one case (GET /api/v1/reports/:reference/reward-quote).
// Field checks live here; combinations (a grade without deaths, a listed situation
// before the Henan rules…) are the calculator's, reported as 400s naming the field.
import { z } from 'zod';
import { shanghaiDay } from '../dates';
import { accidentGrades } from '../rewards';
import { labelSchema } from './common';
import { leadershipReasons } from './rewardControls';

const rewardSchemes = ['violation', 'concealed-accident', 'welding'] as const;

export const rewardQuoteBody = z.object({
  scheme: z.enum(rewardSchemes),
  violationKind: z.enum(['major-hazard', 'illegal-operation', 'listed-situation']).optional(),
  /** The administrative fine in fen (same ceiling as the verifier's findings). */
  fineFen: z.number().int().min(0).max(100_000_000_000).optional(),
  accidentGrade: z.enum(accidentGrades as [string, ...string[]]).optional(),
  concealedDeaths: z.number().int().min(1).max(1000).optional(),
  /** The accident's deaths (the concealed ones included), serious injuries and direct loss: they set the minimum grade. */
  totalDeaths: z.number().int().min(0).max(10_000).optional(),
  seriousInjuries: z.number().int().min(0).max(100_000).optional(),
  directLossFen: z.number().int().min(0).max(100_000_000_000_000).optional(),
  /** The report's category code: coal mines are outside the city scheme (answered 400 on `category`). */
  category: z.string().trim().min(1).max(60).optional(),
  employeeOfSubject: z.boolean().optional(),
  realName: z.boolean().optional(),
  /** Picks the policy version in force; today in Asia/Shanghai when absent. */
  reportedOn: z.iso.date().default(() => shanghaiDay()),
});
export type RewardQuoteBody = z.infer<typeof rewardQuoteBody>;

export const rewardQuoteResponse = z.object({
  amountFen: z.number().int(),
  minFen: z.number().int(),
  maxFen: z.number().int(),
  /** Id of the policy version applied, e.g. 'henan-2025'. */
  policy: z.string(),
  policyTitle: labelSchema,
  /** The scheme paid (the higher one when a welding report is also a major hazard). */
  scheme: z.enum(rewardSchemes),
  /** The documents applied to this reward (title and 文号), as the notice cites them. */
  documents: z.array(z.object({ title: labelSchema, number: z.string() })),
  reportedOn: z.string(),
  /** One line per step, in the request's language. */
  explanation: z.array(z.string()),
});
export type RewardQuoteResponse = z.infer<typeof rewardQuoteResponse>;

/** A verifier's proposal before it is made: the amount in fen they typed, if any. */
export const proposalQuoteQuery = z.object({
  amountFen: z.coerce.number().int().min(0).max(100_000_000).optional(),
});

/**
 * What propose-reward would record now, computed by the same code: the calculator's amount and
 * steps, the range the amount must stay in, the adjustment band within which no leader is
 * needed, the leadership tiers, and for a typed amount whether it fits and who must approve it.
 */
export const proposalQuoteResponse = z.object({
  eligible: z.boolean(),
  /** Why there is no reward (when not eligible), in the request's language. */
  reasons: z.array(z.string()),
  computedFen: z.number().int().optional(),
  minFen: z.number().int().optional(),
  maxFen: z.number().int().optional(),
  policy: z.string().optional(),
  policyTitle: labelSchema.optional(),
  scheme: z.enum(rewardSchemes).optional(),
  /** One line per step of the calculation, in the request's language. */
  explanation: z.array(z.string()),
  /** Amounts within this band (and the range) are adjusted without a leader's approval. */
  band: z.object({ percent: z.number(), fromFen: z.number().int(), toFen: z.number().int() }).optional(),
  /** Above these amounts a deputy director, or the bureau meeting, approves. */
  tiers: z.object({ deputyDirectorAboveFen: z.number().int(), bureauMeetingAboveFen: z.number().int() }).optional(),
  /** The typed amount, judged as the proposal would judge it. */
  amount: z
    .object({
      amountFen: z.number().int(),
      withinRange: z.boolean(),
      adjusted: z.boolean(),
      leadershipReasons: z.array(z.enum(leadershipReasons)),
    })
    .optional(),
});
export type ProposalQuote = z.infer<typeof proposalQuoteResponse>;
