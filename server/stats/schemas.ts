// Query and body shapes of the statistics endpoints.
import { z } from 'zod';
import { areaCodes, sectors } from '../../shared/catalog';
import { addMonths, MONTH_PATTERN, monthsSpanned, shanghaiMonthOf } from '../../shared/dates';
import { rankingWeightsSchema } from './weights';

const month = z.string().regex(MONTH_PATTERN, 'YYYY-MM');
export const MAX_PERIOD_MONTHS = 36;

const period = z
  .object({ from: month.optional(), to: month.optional() })
  .transform((q) => {
    const to = q.to ?? shanghaiMonthOf(new Date());
    return { from: q.from ?? addMonths(to, -5), to };
  })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['from'] })
  .refine((p) => monthsSpanned(p.from, p.to) <= MAX_PERIOD_MONTHS, { message: `at most ${MAX_PERIOD_MONTHS} months`, path: ['from'] });

export const overviewQuery = z
  .object({ from: month.optional(), to: month.optional(), area: z.enum(areaCodes as [string, ...string[]]).optional(), sector: z.enum(sectors.map((s) => s.code) as [string, ...string[]]).optional() })
  .transform((q, ctx) => {
    const p = period.safeParse({ from: q.from, to: q.to });
    if (!p.success) {
      for (const issue of p.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { ...p.data, area: q.area, sector: q.sector };
  });

export const periodQuery = period;

export const rankingQuery = z.object({ month: month.optional() }).transform((q) => ({ month: q.month ?? addMonths(shanghaiMonthOf(new Date()), -1) }));

export const weightsBody = rankingWeightsSchema;
