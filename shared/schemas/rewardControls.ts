// Reward controls as both sides see them: why a reward waits for a leader, the
// flags a claim's checks raise, the exclusion register (never an ID number out),
// and the anomaly views for finance, the discipline officer and leaders.
import { z } from 'zod';
import { MONTH_PATTERN } from '../dates';
import { isResidentIdNumber } from './claim';

export const leadershipReasons = ['adjusted-beyond-band', 'deputy-director', 'bureau-meeting'] as const;
export type LeadershipReason = (typeof leadershipReasons)[number];
export const leadershipReasonText: Record<LeadershipReason, { zh: string; en: string }> = {
  'adjusted-beyond-band': { zh: '核定金额超出调整幅度', en: 'adjusted beyond the band' },
  'deputy-director': { zh: '金额超过分管副局长审批标准', en: 'above the deputy director tier' },
  'bureau-meeting': { zh: '金额超过局务会审议标准', en: 'above the bureau meeting tier' },
};

export const claimFlags = ['exclusion-register', 'same-payee', 'same-account', 'over-yearly-cap'] as const;
export type ClaimFlag = (typeof claimFlags)[number];
export const claimFlagText: Record<ClaimFlag, { zh: string; en: string }> = {
  'exclusion-register': { zh: '领奖人在回避名单中', en: 'the payee is on the exclusion register' },
  'same-payee': { zh: '同一身份证号已领取其他奖励', en: 'the same ID number claimed other rewards' },
  'same-account': { zh: '同一银行账户已用于其他奖励', en: 'the same bank account received other rewards' },
  'over-yearly-cap': { zh: '超过每人每年奖励上限', en: 'over the per-payee yearly cap' },
};

export const exclusionKinds = ['staff', 'relative', 'grid-worker', 'other'] as const;
export const exclusionKindText: Record<(typeof exclusionKinds)[number], { zh: string; en: string }> = {
  staff: { zh: '负有监管职责的工作人员', en: 'staff with supervision duties' },
  relative: { zh: '上述人员的近亲属', en: 'a close relative of such staff' },
  'grid-worker': { zh: '网格员', en: 'grid worker' },
  other: { zh: '其他', en: 'other' },
};

/** The ID number is indexed and dropped on arrival; the note must not identify the person. */
export const exclusionBody = z.object({
  idNumber: z.string().trim().toUpperCase().refine(isResidentIdNumber, 'not a valid 18-character resident ID number'),
  kind: z.enum(exclusionKinds),
  note: z.string().trim().min(1).max(200),
});

export const exclusionEntry = z.object({
  id: z.string(),
  kind: z.enum(exclusionKinds),
  note: z.string(),
  addedById: z.string(),
  addedBy: z.string().optional(),
  addedAt: z.string(),
});
export const exclusionList = z.object({ entries: z.array(exclusionEntry) });
export const exclusionParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/, 'not an id') });

/** A period as whole months (YYYY-MM) or days (YYYY-MM-DD), Asia/Shanghai; both ends included. */
const periodEnd = z
  .string()
  .refine((s) => MONTH_PATTERN.test(s) || z.iso.date().safeParse(s).success, 'YYYY-MM or YYYY-MM-DD');
/** The server refuses a period that ends before it starts (query.to). */
export const anomaliesQuery = z.object({ from: periodEnd, to: periodEnd });

const tally = { count: z.number().int(), totalFen: z.number().int() };
export const anomaliesView = z.object({
  from: z.string(),
  to: z.string(),
  /** Closed this many days or fewer after acceptance, substantiated and rewarded. */
  quickClosureDays: z.number().int(),
  byVerifier: z.array(
    z.object({ verifierId: z.string(), verifier: z.string().optional(), adjustedCount: z.number().int(), ...tally }),
  ),
  byArea: z.array(z.object({ area: z.string(), ...tally })),
  /** A short stable pseudonym per payee, derived from the blind index: never the index or an identity. */
  byPayee: z.array(z.object({ payee: z.string(), ...tally })),
  bySubject: z.array(z.object({ subject: z.string(), ...tally })),
  adjusted: z.array(
    z.object({
      reference: z.string(),
      computedFen: z.number().int(),
      amountFen: z.number().int(),
      reason: z.string().optional(),
    }),
  ),
  quickClosures: z.array(
    z.object({ reference: z.string(), acceptedAt: z.string(), concludedAt: z.string(), amountFen: z.number().int() }),
  ),
  flagged: z.array(
    z.object({
      reference: z.string(),
      flags: z.array(z.string()),
      amountFen: z.number().int(),
      cleared: z.boolean(),
    }),
  ),
});
export type AnomaliesView = z.infer<typeof anomaliesView>;
