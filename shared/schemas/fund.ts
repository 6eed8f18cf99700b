// The reward fund's API: appropriations, the ledger, month-by-month figures,
// exports and finance's work lists. Money is always integer fen.
import { noteParamsSchema } from './noteParams';
import { z } from 'zod';
import { MONTH_PATTERN, monthsSpanned } from '../dates';
import { reportStates } from '../workflow';

/** 100,000,000 yuan: far above any single appropriation, far below unsafe integers. */
export const MAX_APPROPRIATION_FEN = 10_000_000_000;

/** `recover`: money a reward recipient returned (追回), back into the fund it was paid from. */
export const movementKinds = ['appropriate', 'reserve', 'release', 'pay', 'recover'] as const;

/**
 * Where a reward's money comes from: the city fund (`main`, the 500万 fund), the
 * provincial pre-allocation, or a county's own budget (`county-<area code>`).
 */
export const fundSourceSchema = z
  .string()
  .regex(/^(main|provincial|county-\d{6})$/, 'main, provincial or county-<area code>');
export type FundSource = z.infer<typeof fundSourceSchema>;
export const MAIN_FUND_SOURCE = 'main';

type Label = { zh: string; en: string };

/**
 * What a funding source is called on screen and in exports. The names come from
 * the jurisdiction (its fund's name, its areas' names); without them, generic ones.
 */
export function fundSourceName(
  source: string,
  names: { fund?: Label; area?: (code: string) => Label | undefined } = {},
): Label {
  if (source === MAIN_FUND_SOURCE) return names.fund ?? { zh: '市级奖励基金', en: 'City reward fund' };
  if (source === 'provincial') return { zh: '省级预拨资金', en: 'Provincial pre-allocation' };
  const code = /^county-(\d{6})$/.exec(source)?.[1];
  const area = code ? names.area?.(code) : undefined;
  return area ? { zh: `${area.zh}县级预算`, en: `${area.en} county budget` } : { zh: source, en: source };
}

export const idempotencyKeyPattern = /^[\w-]{8,100}$/;

export const appropriationBody = z.object({
  amountFen: z.number().int().positive().max(MAX_APPROPRIATION_FEN),
  note: z.string().trim().min(1).max(500),
  /** The fund the money goes to: the city fund unless another source is named. */
  source: fundSourceSchema.default(MAIN_FUND_SOURCE),
});

export const ledgerEntryView = z.object({
  id: z.string(),
  source: z.string(),
  kind: z.enum(movementKinds),
  amountFen: z.number().int(),
  at: z.string(),
  actorId: z.string().optional(),
  rewardId: z.string().optional(),
  /** The step that moved the money (shown by its name when the entry has no note). */
  step: z.string().optional(),
  note: z.string().optional(),
  /** The system's note as a code and its parameters (shared/notes.ts). */
  noteKey: z.string().optional(),
  noteParams: noteParamsSchema.optional(),
});
export type LedgerEntryView = z.infer<typeof ledgerEntryView>;

export const appropriationResponse = z.object({ entry: ledgerEntryView });

/** A period of calendar days in Asia/Shanghai, both ends included. */
const dayPeriod = {
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
};

export const ledgerQuery = z.object({
  ...dayPeriod,
  kind: z.enum(movementKinds).optional(),
  /** One funding source's entries; every source's without it. */
  source: fundSourceSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ledgerResponse = z.object({ items: z.array(ledgerEntryView), total: z.number().int() });

export const exportQuery = z.object(dayPeriod);

const month = z.string().regex(MONTH_PATTERN, 'expected YYYY-MM');
/** At most ten years of months in one answer. */
export const MAX_MONTHS = 120;

export const monthlyQuery = z
  .object({ from: month, to: month })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'the period ends before it starts' })
  .refine((q) => monthsSpanned(q.from, q.to) <= MAX_MONTHS, { path: ['to'], message: `at most ${MAX_MONTHS} months` });

export const monthFigures = z.object({
  month: z.string(),
  appropriatedFen: z.number().int(),
  reservedFen: z.number().int(),
  releasedFen: z.number().int(),
  paidFen: z.number().int(),
  recoveredFen: z.number().int(),
  /** Available at the end of the month (Asia/Shanghai). */
  endAvailableFen: z.number().int(),
});
export type MonthFigures = z.infer<typeof monthFigures>;

export const monthlyResponse = z.object({ items: z.array(monthFigures) });

/** The reward states finance works on: approve, pay, or watch the claim deadline. */
export const financeWorkStates = [
  'reward-reviewed',
  'reward-approved',
  'reward-claimed',
] as const satisfies readonly (typeof reportStates)[number][];

export const rewardWorkQuery = z.object({
  status: z.enum(financeWorkStates),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const rewardWorkItem = z.object({
  reference: z.string(),
  status: z.string(),
  area: z.string(),
  category: z.string(),
  amountFen: z.number().int(),
  reservedFen: z.number().int(),
  statusChangedAt: z.string().optional(),
  claimDueAt: z.string().optional(),
  claimedAt: z.string().optional(),
});
export type RewardWorkItem = z.infer<typeof rewardWorkItem>;

export const rewardWorkResponse = z.object({ items: z.array(rewardWorkItem), total: z.number().int() });

const optionalText = z.string().optional();
const optionalFen = z.number().int().optional();
const explanationLines = z.array(z.object({ zh: z.string(), en: z.string() }));

/** A top-up (补发) as staff see it: the new fact, the recomputed amount, and who proposed, approved and paid it. */
export const topUpView = z.object({
  ground: z.string(),
  reason: z.string(),
  fineFen: optionalFen,
  penaltyDecisionNo: optionalText,
  accidentGrade: optionalText,
  newAmountFen: z.number().int(),
  amountFen: z.number().int(),
  explanation: explanationLines,
  proposedById: z.string(),
  proposedAt: z.string(),
  /** Why the new total needs a leader, and the leader's approval once given. */
  leadershipReasons: z.array(z.string()).optional(),
  leadershipApproval: z
    .object({
      byId: z.string(),
      at: z.string(),
      comment: optionalText,
      meetingMinutesNo: optionalText,
      meetingOn: optionalText,
    })
    .optional(),
  approvedById: optionalText,
  approvedAt: optionalText,
  fundSource: optionalText,
  voucherNo: optionalText,
  paidOn: optionalText,
  recordedById: optionalText,
  recordedAt: optionalText,
  refusedById: optionalText,
  refusedAt: optionalText,
  refusalReason: optionalText,
});

/** A recovery (追回) as staff see it. */
export const recoveryView = z.object({
  ground: z.string(),
  reason: z.string(),
  amountFen: z.number().int(),
  fundSource: optionalText,
  proposedById: z.string(),
  proposedAt: z.string(),
  approvedById: optionalText,
  approvedAt: optionalText,
  voucherNo: optionalText,
  receivedOn: optionalText,
  recordedById: optionalText,
  recordedAt: optionalText,
  refusedById: optionalText,
  refusedAt: optionalText,
  refusalReason: optionalText,
  /** Refused after its approval: written off (核销). */
  writtenOff: z.boolean().optional(),
});

/**
 * The monthly sample's draw of this case and the verifier's finding. Who was drawn
 * is shown only once the check is recorded, so the people who handled the case
 * cannot learn beforehand who will look at it again.
 */
export const sampleCheckView = z.object({
  month: z.string(),
  drawnAt: z.string(),
  verifierId: optionalText,
  outcome: optionalText,
  note: optionalText,
  recordedAt: optionalText,
});

/** The money fields of the staff reward view that follow the decision: its source, top-ups, recoveries, the sample. */
export const rewardMoneyFields = {
  fundSource: optionalText,
  topUps: z.array(topUpView).optional(),
  recoveries: z.array(recoveryView).optional(),
  sampleCheck: sampleCheckView.optional(),
};
