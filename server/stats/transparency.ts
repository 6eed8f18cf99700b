// The public figures: by month and by area, for the last 12 months that ended
// at least 28 days ago. Small numbers could point at a person, so counts of
// 1–4 are shown as "<5", a second cell (or else the total) is withheld as "—"
// when one hidden cell could be worked out from the total, zeros are always
// shown, and reward amounts of hidden cells are withheld.
import { plainYuan } from '../../shared/money';
import { areasOf } from '../jurisdiction/lookup';
import { areaCells } from './overview';
import { addMonths, monthsBetween, shanghaiMonthEnd, shanghaiMonthOf } from '../../shared/dates';
import { emptySums, sumBy, type Sums } from './figures';
import {
  WITHHELD,
  type PublicCount,
  type PublicFigures,
  type PublicMeasure,
  type Transparency,
} from '../../shared/statsViews';

export const SUPPRESS_BELOW = 5;
export const HOLD_BACK_DAYS = 28;
export const PUBLISHED_MONTHS = 12;
const measures = ['received', 'substantiated', 'rectifiedVerified', 'rectificationOverdue', 'rewardsPaid'] as const;
type Measure = PublicMeasure;

export { WITHHELD };
export type { PublicCount, PublicFigures, Transparency };

/** The latest month that ended at least HOLD_BACK_DAYS ago. */
export function lastPublishedMonth(now: Date): string {
  let m = shanghaiMonthOf(now);
  while (shanghaiMonthEnd(m).getTime() + HOLD_BACK_DAYS * 86_400_000 > now.getTime()) m = addMonths(m, -1);
  return m;
}

export interface Hidden {
  /** The rows to hide, the partner among them. */
  rows: Set<number>;
  /** The row hidden only as a partner: it is not below 5, so it must not read "<5". */
  partner: number | null;
  /** No other row could be hidden with a lone hidden one, so the total must go instead. */
  total: boolean;
}

/**
 * What to hide of one breakdown for a measure: counts of 1–4, and when exactly
 * one row is hidden (else total − shown rows = it) the smallest other row above
 * zero too. A zero is never hidden: shown zeros beside a hidden zero would give
 * it away. Without such a row, the total is hidden instead.
 */
export function hiddenRows(values: number[]): Hidden {
  const rows = new Set(values.flatMap((v, i) => (v > 0 && v < SUPPRESS_BELOW ? [i] : [])));
  if (rows.size !== 1) return { rows, partner: null, total: false };
  const partner = values
    .map((v, i) => ({ v, i }))
    .filter(({ v, i }) => v > 0 && !rows.has(i))
    .sort((a, b) => a.v - b.v || a.i - b.i)[0];
  if (!partner) return { rows, partner: null, total: true };
  rows.add(partner.i);
  return { rows, partner: partner.i, total: false };
}

function withhold(row: PublicFigures, m: Measure, shown: '<5' | typeof WITHHELD): void {
  row[m] = shown;
  if (m === 'rewardsPaid') row.rewardsPaidYuan = null;
}

/** The public rows of a breakdown, and the measures whose total must be hidden because of it. */
function publicRows(sums: Sums[]): { rows: PublicFigures[]; hideTotal: Set<Measure> } {
  const rows = sums.map((s) => ({ rewardsPaidYuan: plainYuan(s.counts.rewardsPaidFen ?? 0) }) as PublicFigures);
  const hideTotal = new Set<Measure>();
  for (const m of measures) {
    const values = sums.map((s) => s.counts[m] ?? 0);
    const hidden = hiddenRows(values);
    values.forEach((v, i) => {
      if (hidden.rows.has(i)) withhold(rows[i], m, i === hidden.partner ? WITHHELD : '<5');
      else rows[i][m] = v;
    });
    if (hidden.total) hideTotal.add(m);
  }
  return { rows, hideTotal };
}

export async function transparencyFigures(now = new Date()): Promise<Transparency> {
  const through = lastPublishedMonth(now);
  const from = addMonths(through, -(PUBLISHED_MONTHS - 1));
  const [cells, areas] = await Promise.all([areaCells(from, through), areasOf()]);
  const byMonth = sumBy(cells, (c) => c.month);
  const byArea = sumBy(cells, (c) => c.area ?? '');
  const months = monthsBetween(from, through);
  const monthRows = publicRows(months.map((m) => byMonth.get(m) ?? emptySums()));
  const areaRows = publicRows(areas.map((a) => byArea.get(a.code) ?? emptySums()));
  const all = sumBy(cells, () => 'all').get('all') ?? emptySums();
  const [total] = publicRows([all]).rows;
  // "<5" only when true: cells without an area count in the total, so it may be larger than the lone hidden figure.
  for (const m of new Set([...monthRows.hideTotal, ...areaRows.hideTotal])) {
    const v = all.counts[m] ?? 0;
    withhold(total, m, v > 0 && v < SUPPRESS_BELOW ? '<5' : WITHHELD);
  }
  const heldFrom = addMonths(through, 1);
  return {
    generatedAt: now.toISOString(),
    publishedThrough: through,
    heldBack: {
      fromMonth: heldFrom,
      reason: {
        zh: `${heldFrom} 起的数据暂不公布：每月数据在该月结束满 ${HOLD_BACK_DAYS} 天后公布，以免近期举报被识别。`,
        en: `Figures from ${heldFrom} on are held back: a month is published ${HOLD_BACK_DAYS} days after it ends, so recent reports cannot be recognised.`,
      },
    },
    suppression: {
      zh: `为保护举报人，1–${SUPPRESS_BELOW - 1} 件显示为“<${SUPPRESS_BELOW}”；若仅一项被隐去，另有一项以“${WITHHELD}”隐去（最小的非零值，无此项时为合计，其值不一定小于 ${SUPPRESS_BELOW}），以免由合计推算；0 照常显示；被隐去的奖励金额不公布。`,
      en: `To protect reporters, counts of 1–${SUPPRESS_BELOW - 1} are shown as "<${SUPPRESS_BELOW}"; when only one figure would be hidden, another figure is withheld, shown as "${WITHHELD}" (the smallest other figure above zero or, if there is none, the total; its value may be ${SUPPRESS_BELOW} or more), so the hidden one cannot be worked out from the total; zeros are always shown; reward amounts of hidden figures are withheld.`,
    },
    months: months.map((month, i) => ({ month, ...monthRows.rows[i] })),
    areas: areas.map((a, i) => ({ area: a.code, ...areaRows.rows[i] })),
    total,
  };
}
