// Sums of rollup cells and the figures read from them. Medians come from the
// merged days histograms: a median cannot be summed, a histogram can.
import type { Totals } from '../../shared/statsViews';
import { HISTOGRAM_MAX_DAYS } from './contribution';

export interface Cell {
  month: string;
  area?: string | null;
  sector?: string | null;
  poster?: string | null;
  counts?: Record<string, number> | null;
  days?: Record<string, number> | null;
}

export interface Sums {
  counts: Record<string, number>;
  days: Record<string, number>;
}

export const emptySums = (): Sums => ({ counts: {}, days: {} });

export function addCell(into: Sums, cell: Pick<Cell, 'counts' | 'days'>): Sums {
  for (const [f, n] of Object.entries(cell.counts ?? {})) into.counts[f] = (into.counts[f] ?? 0) + n;
  for (const [f, n] of Object.entries(cell.days ?? {})) into.days[f] = (into.days[f] ?? 0) + n;
  return into;
}

export function sumBy<K extends string>(cells: Cell[], keyOf: (c: Cell) => K): Map<K, Sums> {
  const out = new Map<K, Sums>();
  for (const c of cells) {
    const k = keyOf(c);
    out.set(k, addCell(out.get(k) ?? emptySums(), c));
  }
  return out;
}

/** The median of whole days to a conclusion (midpoint of the two middle values when even), or null without conclusions. */
export function medianDays(days: Record<string, number>): number | null {
  const buckets: number[] = new Array(HISTOGRAM_MAX_DAYS + 1).fill(0);
  let n = 0;
  for (const [k, count] of Object.entries(days)) {
    buckets[Number(k.slice(1))] += count;
    n += count;
  }
  if (n === 0) return null;
  const valueAt = (position: number) => {
    let seen = 0;
    for (let d = 0; d < buckets.length; d++) {
      seen += buckets[d];
      if (seen > position) return d;
    }
    return HISTOGRAM_MAX_DAYS;
  };
  return n % 2 ? valueAt((n - 1) / 2) : (valueAt(n / 2 - 1) + valueAt(n / 2)) / 2;
}

/** A share as a fraction rounded to 4 places, or null when there is nothing to divide. */
export const rate = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

export type { Totals };

export function totalsOf(s: Sums): Totals {
  const n = (f: string) => s.counts[f] ?? 0;
  return {
    received: n('received'),
    accepted: n('accepted'),
    concluded: n('concluded'),
    substantiated: n('substantiated'),
    unsubstantiated: n('unsubstantiated'),
    rectifiedVerified: n('rectifiedVerified'),
    rectificationOverdue: n('rectificationOverdue'),
    onTime: n('onTime'),
    substantiationRate: rate(n('substantiated'), n('concluded')),
    medianDaysToConclusion: medianDays(s.days),
    rewardsApproved: n('rewardsApproved'),
    rewardsApprovedFen: n('rewardsApprovedFen'),
    rewardsPaid: n('rewardsPaid'),
    rewardsPaidFen: n('rewardsPaidFen'),
  };
}
