// The shape of a reward-policy version, as data: the built-in versions
// (policies.ts) and every version an administrator drafts or publishes are checked
// against it, so the calculator never meets a value it cannot compute with.
import { z } from 'zod';

const fen = z.number().int().min(0).max(100_000_000_000);
/** Whole percent only: the calculator's arithmetic is exact integer fen. */
const percent = z.number().int().min(0).max(100);
const label = z.object({ zh: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) });
const day = z.iso.date();
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'lower-case letters, digits and hyphens');

export const accidentGradeSchema = z.enum(['general', 'larger', 'major', 'especially-major']);

export const fineShareRuleSchema = z
  .object({ finePercent: percent, minFen: fen, maxFen: fen })
  .refine((r) => r.minFen <= r.maxFen, { path: ['minFen'], message: 'the minimum is above the maximum' });

/** A document a version follows: cited by id in explanations and notices. */
export const policyDocumentSchema = z.object({
  id: slug,
  title: label,
  /** 文号, e.g. 安监总财〔2018〕19号; empty when the document has none we know. */
  number: z.string().trim().max(80),
  effectiveFrom: day,
  effectiveUntil: day.optional(),
});

const documentIds = z.array(slug).min(1);

const periodSchema = z.object({
  days: z.number().int().min(1).max(3650),
  unit: z.enum(['calendar', 'working']),
  startsAt: z.enum([
    'submission',
    'acceptance',
    'verification-due',
    'conclusion',
    'result-letter',
    'objection',
    'rectification-order',
    'rectification-reported',
    'still-there',
    'reward-decision',
  ]),
  extendedBy: z.enum(['nobody', 'unit-head-or-level-above', 'finance']),
  source: label,
  assumed: z.boolean(),
});

export const periodsSchema = z.object({
  acceptance: periodSchema,
  verification: periodSchema,
  extension: periodSchema,
  feedback: periodSchema,
  objection: periodSchema,
  objectionReview: periodSchema,
  rectification: periodSchema,
  stillThere: periodSchema,
  reinspection: periodSchema,
  claim: periodSchema,
  appeal: periodSchema,
});

/** Choices the bureau must make; each is shown in explanations, marked when still assumed. */
export const policyDecisionsSchema = z.object({
  /** Whether an anonymous report (proven by its receipt) can be rewarded; Anyang 2022 names real-name reports. */
  anonymousRewarded: z.boolean(),
  /** Welding violations get only the welding reward (true) or the better of welding and the general scheme (false). */
  weldingExclusive: z.boolean(),
  /** A verified major hazard with no fine earns the scheme's minimum (true) or nothing (false). */
  majorHazardNoFineMinimum: z.boolean(),
  /** The day that picks the version: when the report was received, accepted, or the reward decided. */
  policyDay: z.enum(['received', 'accepted', 'decided']),
  /** Shares of a fine are rounded to the fen or to the whole yuan (halves up). */
  rounding: z.enum(['fen', 'yuan']),
});

/** Eligibility and fraud controls of the version. */
export const rewardControlsSchema = z.object({
  /** A proposed amount further than this from the computed one needs a leader's approval. */
  adjustmentBandPercent: percent,
  /** Above this amount a deputy director approves. */
  deputyDirectorAboveFen: fen,
  /** Above this amount the bureau meeting decides (its minutes are recorded). */
  bureauMeetingAboveFen: fen,
  /** What one payee may receive in a calendar year before a leader must approve more. */
  payeeYearlyCapFen: fen,
  /** The share of last month's paid rewards drawn each month for a second inspection. */
  sampleRatePercent: percent,
});

export const rewardPolicySchema = z
  .object({
    /** Stable id recorded with every quote, e.g. 'henan-2025'. */
    id: slug,
    /** First day (Asia/Shanghai) the version applies to. */
    effectiveFrom: day,
    title: label,
    documents: z.array(policyDocumentSchema).min(1).max(20),
    /** The documents each part of the version follows. */
    citations: z.object({
      violation: documentIds,
      listedSituation: documentIds.optional(),
      concealedAccident: documentIds,
      welding: documentIds.optional(),
      employeeUplift: documentIds.optional(),
    }),
    /** Major hazards and illegal production, operation or construction. */
    violation: fineShareRuleSchema,
    /** Situations on the Henan list (Henan versions only). */
    listedSituation: fineShareRuleSchema.optional(),
    /** Concealed or falsely reported accidents: per verified concealed death by the final grade, capped. */
    concealedAccident: z.object({
      perDeathFen: z.object({ general: fen, larger: fen, major: fen, 'especially-major': fen }),
      maxFen: fen,
    }),
    /** Anyang's welding rule (real-name reports only). */
    welding: z
      .object({ noFineFen: fen, finePercent: percent, minFen: fen, maxFen: fen })
      .refine((r) => r.minFen <= r.maxFen, { path: ['minFen'], message: 'the minimum is above the maximum' })
      .optional(),
    /** An employee reporting their own employer. */
    employeeUplift: z
      .object({
        percent,
        minFen: fen,
        maxTotalFen: fen,
        appliesToWelding: z.boolean(),
        appliesToConcealedAccident: z.boolean(),
      })
      .optional(),
    decisions: policyDecisionsSchema,
    controls: rewardControlsSchema,
    /** Every legal period a report judged under this version runs against. */
    periods: periodsSchema,
    /** Dotted paths of values no source states: our (or the bureau's pending) choices. */
    assumed: z.array(z.string().regex(/^[a-zA-Z0-9.-]+$/)).max(60),
  })
  .superRefine((p, ctx) => {
    const ids = new Set(p.documents.map((d) => d.id));
    for (const [part, cited] of Object.entries(p.citations))
      for (const id of cited ?? [])
        if (!ids.has(id))
          ctx.addIssue({ code: 'custom', path: ['citations', part], message: `cites ${id}, which is not a document` });
    if (p.listedSituation && !p.citations.listedSituation)
      ctx.addIssue({ code: 'custom', path: ['citations', 'listedSituation'], message: 'cite the listed situations' });
    if (p.welding && !p.citations.welding)
      ctx.addIssue({ code: 'custom', path: ['citations', 'welding'], message: 'cite the welding rule' });
    if (p.employeeUplift && !p.citations.employeeUplift)
      ctx.addIssue({ code: 'custom', path: ['citations', 'employeeUplift'], message: 'cite the employee uplift' });
    if (p.controls.bureauMeetingAboveFen < p.controls.deputyDirectorAboveFen)
      ctx.addIssue({
        code: 'custom',
        path: ['controls', 'bureauMeetingAboveFen'],
        message: 'the bureau meeting tier is below the deputy director tier',
      });
  });

export type RewardPolicy = z.infer<typeof rewardPolicySchema>;
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;
export type FineShareRule = z.infer<typeof fineShareRuleSchema>;
export type PolicyDecisions = z.infer<typeof policyDecisionsSchema>;
export type RewardControls = z.infer<typeof rewardControlsSchema>;
/** All the versions the calculator may choose from, in effective-date order. */
export type PolicyRegistry = readonly RewardPolicy[];
