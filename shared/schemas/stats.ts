// The statistics endpoints: what they take (periods, filters, weights) and what
// they answer with. shared/statsViews.ts names the answer types for both sides.
import { z } from 'zod';
import { areaCodeSchema, labelSchema, sectorCodeSchema } from './common';
import { addMonths, MONTH_PATTERN, monthsSpanned, shanghaiMonthOf } from '../dates';
import { WITHHELD } from '../statsViews';

const month = z.string().regex(MONTH_PATTERN, 'YYYY-MM');
export const MAX_PERIOD_MONTHS = 36;

const period = z
  .object({ from: month.optional(), to: month.optional() })
  .transform((q) => {
    const to = q.to ?? shanghaiMonthOf(new Date());
    return { from: q.from ?? addMonths(to, -5), to };
  })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['from'] })
  .refine((p) => monthsSpanned(p.from, p.to) <= MAX_PERIOD_MONTHS, {
    message: `at most ${MAX_PERIOD_MONTHS} months`,
    path: ['from'],
  });

export const overviewQuery = z
  .object({
    from: month.optional(),
    to: month.optional(),
    area: areaCodeSchema.optional(),
    sector: sectorCodeSchema.optional(),
  })
  .transform((q, ctx) => {
    const p = period.safeParse({ from: q.from, to: q.to });
    if (!p.success) {
      for (const issue of p.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { ...p.data, area: q.area, sector: q.sector };
  });

export const periodQuery = period;

export const rankingQuery = z
  .object({ month: month.optional() })
  .transform((q) => ({ month: q.month ?? addMonths(shanghaiMonthOf(new Date()), -1) }));

const weight = z.number().min(0).max(1000);

export const rankingWeightsSchema = z
  .object({ onTime: weight, substantiation: weight, rectification: weight, perCapita: weight })
  .strict()
  .refine((w) => w.onTime + w.substantiation + w.rectification + w.perCapita > 0, {
    message: 'at least one weight must be above zero',
    path: ['onTime'],
  });

export const weightsBody = rankingWeightsSchema;
export const weightsResponse = z.object({
  weights: z.object({
    onTime: z.number(),
    substantiation: z.number(),
    rectification: z.number(),
    perCapita: z.number(),
  }),
});

// --- Answers

const count = z.number().int().min(0);
const fen = z.number().int();
const span = z.object({ from: z.string(), to: z.string() });

export const totalsSchema = z.object({
  received: count,
  accepted: count,
  concluded: count,
  substantiated: count,
  unsubstantiated: count,
  /** Substantiated reports whose rectification tasks were all verified complete by re-inspection (orders alone do not count). */
  rectifiedVerified: count,
  /** Substantiated reports with a rectification task still open past its due day (escalated). */
  rectificationOverdue: count,
  onTime: count,
  substantiationRate: z.number().min(0).max(1).nullable(),
  medianDaysToConclusion: z.number().min(0).nullable(),
  rewardsApproved: count,
  rewardsApprovedFen: fen,
  rewardsPaid: count,
  rewardsPaidFen: fen,
});

export const overviewResponse = z.object({
  period: span,
  previousPeriod: span,
  filter: z.object({ area: z.string().optional(), sector: z.string().optional() }),
  totals: totalsSchema,
  previous: totalsSchema,
  overdueNow: count,
  /** Only for those who may read the fund (finance, reviewers, admins). */
  fund: z.object({ appropriatedFen: fen, reservedFen: fen, paidFen: fen, availableFen: fen }).optional(),
  byMonth: z.array(totalsSchema.extend({ month: z.string() })),
  byArea: z.array(totalsSchema.extend({ area: z.string() })),
  bySector: z.array(totalsSchema.extend({ sector: z.string() })),
});

const fraction = z.number().min(0).max(1);

export const areaRankSchema = z.object({
  area: z.string(),
  received: count,
  concluded: count,
  substantiated: count,
  rectifiedVerified: count,
  rectificationOverdue: count,
  /**
   * Each measure as a fraction 0–1; rectification is verified-complete ÷ substantiated. Null: nothing to
   * divide by this month (no conclusion, or nothing substantiated); the score then counts the city-wide rate.
   * perCapita is this area's reports per resident as a share of the best area's (what the score weighs).
   */
  measures: z.object({
    onTime: fraction.nullable(),
    substantiation: fraction.nullable(),
    rectification: fraction.nullable(),
    perCapita: fraction,
  }),
  /** Reports received per 10,000 residents, two decimals (a rate, not a percentage). */
  reportsPerTenThousand: z.number().min(0),
  /** 0–100, one decimal. */
  score: z.number().min(0).max(100),
  /** 1 is best; equal scores share a rank. */
  rank: z.number().int().min(1),
  previousRank: z.number().int().min(1).nullable(),
  /** Places gained since last month (negative: lost). */
  change: z.number().int().nullable(),
  last: z.boolean(),
  /** Last this month and last month. */
  flagged: z.boolean(),
});

export const rankingResponse = z.object({
  month: z.string(),
  weights: weightsResponse.shape.weights,
  areas: z.array(areaRankSchema),
});

const funnelRow = z.object({ scans: count, reports: count, substantiated: count, rewarded: count });

export const posterFunnelResponse = z.object({
  period: span,
  posters: z.array(
    funnelRow.extend({
      code: z.string(),
      siteName: z.string(),
      enterpriseName: z.string(),
      area: z.string(),
      sector: z.string(),
      active: z.boolean(),
    }),
  ),
  byArea: z.array(funnelRow.extend({ area: z.string(), posters: count })),
  /** Posters that have not produced a single report since they were hung. */
  neverReported: z.array(
    z.object({ code: z.string(), siteName: z.string(), enterpriseName: z.string(), area: z.string(), scans: count }),
  ),
});

/** '<5': a count of 1–4. '—': withheld only so that another hidden count cannot be worked out; its value may be anything. */
export const publicCountSchema = z.union([count, z.literal('<5'), z.literal(WITHHELD)]);

export const publicFiguresSchema = z.object({
  received: publicCountSchema,
  substantiated: publicCountSchema,
  /** Rectification verified complete by re-inspection, not merely ordered. */
  rectifiedVerified: publicCountSchema,
  rectificationOverdue: publicCountSchema,
  rewardsPaid: publicCountSchema,
  rewardsPaidYuan: z.string().nullable(),
});

export const transparencyResponse = z.object({
  generatedAt: z.string(),
  /** The last month shown; months after it are held back. */
  publishedThrough: z.string(),
  heldBack: z.object({ fromMonth: z.string(), reason: labelSchema }),
  suppression: labelSchema,
  months: z.array(publicFiguresSchema.extend({ month: z.string() })),
  areas: z.array(publicFiguresSchema.extend({ area: z.string() })),
  total: publicFiguresSchema,
});
