// The leadership overview: a period of months, the same number of months before
// it, and breakdowns by month, area and sector, all from the rollups. Overdue
// cases depend on the clock, so they are counted live from the reports.
import { trusted } from 'mongoose';
import { areasOf, sectorsOf } from '../jurisdiction/lookup';
import { stateGroups } from '../../shared/workflow';
import { Report } from '../reports/report.model';
import { StatsRollup } from './statsRollup.model';
import { cityFundFigures, fundBalances } from '../fund/ledger';
import { addMonths, monthsBetween, monthsSpanned } from '../../shared/dates';
import { emptySums, sumBy, totalsOf, type Cell } from './figures';
import type { Overview, StatsFilter } from '../../shared/statsViews';

export type { Overview, StatsFilter };

/**
 * The areas a reader may count: `scope` lists them (null: every area); an area
 * asked for outside it matches nothing, so no figure says anything about it.
 */
function areaCondition(filter: StatsFilter, scope: readonly string[] | null): Record<string, unknown> {
  if (filter.area) return { area: !scope || scope.includes(filter.area) ? filter.area : '__none__' };
  return scope ? { area: trusted({ $in: [...scope] }) } : {};
}

/** Area cells of the months from..to (inclusive), narrowed to one area and/or sector, within the reader's areas. */
export async function areaCells(
  from: string,
  to: string,
  filter: StatsFilter = {},
  scope: readonly string[] | null = null,
): Promise<Cell[]> {
  const query = {
    kind: 'area' as const,
    month: trusted({ $gte: from, $lte: to }),
    ...areaCondition(filter, scope),
    ...(filter.sector ? { sector: filter.sector } : {}),
  };
  return StatsRollup.find(query, { _id: 0, month: 1, area: 1, sector: 1, counts: 1, days: 1 }).lean<Cell[]>();
}

/** Cases past their verification deadline right now (the queue index covers status + dueAt). */
export async function overdueNow(
  filter: StatsFilter,
  now: Date,
  scope: readonly string[] | null = null,
): Promise<number> {
  return Report.countDocuments({
    status: trusted({ $in: [...stateGroups.underVerification] }),
    'assignment.dueAt': trusted({ $lt: now }),
    ...areaCondition(filter, scope),
    ...(filter.sector ? { sector: filter.sector } : {}),
  });
}

export interface OverviewOptions {
  /** Whether the reader may see the fund's balances (fund.read). */
  withFund: boolean;
  /** The reader's areas (null: every area); figures count only these. */
  scope?: readonly string[] | null;
}

export async function statsOverview(
  from: string,
  to: string,
  filter: StatsFilter,
  now = new Date(),
  { withFund, scope = null }: OverviewOptions = { withFund: false },
): Promise<Overview> {
  const length = monthsSpanned(from, to);
  const previousPeriod = { from: addMonths(from, -length), to: addMonths(from, -1) };
  const [cells, overdue, fund, areas, sectors] = await Promise.all([
    areaCells(previousPeriod.from, to, filter, scope),
    overdueNow(filter, now, scope),
    withFund ? fundBalances().then(cityFundFigures) : undefined,
    areasOf(),
    sectorsOf(),
  ]);
  const current = cells.filter((c) => c.month >= from);
  const earlier = cells.filter((c) => c.month < from);
  const byMonth = sumBy(current, (c) => c.month);
  const byArea = sumBy(current, (c) => c.area ?? '');
  const bySector = sumBy(current, (c) => c.sector ?? '');
  return {
    period: { from, to },
    previousPeriod,
    filter,
    totals: totalsOf(sumBy(current, () => 'all').get('all') ?? emptySums()),
    previous: totalsOf(sumBy(earlier, () => 'all').get('all') ?? emptySums()),
    overdueNow: overdue,
    ...(fund ? { fund } : {}),
    byMonth: monthsBetween(from, to).map((month) => ({ month, ...totalsOf(byMonth.get(month) ?? emptySums()) })),
    byArea: areas
      .filter((a) => (!filter.area || a.code === filter.area) && (!scope || scope.includes(a.code)))
      .map((a) => ({ area: a.code, ...totalsOf(byArea.get(a.code) ?? emptySums()) })),
    bySector: sectors
      .filter((s) => !filter.sector || s.code === filter.sector)
      .map((s) => ({ sector: s.code, ...totalsOf(bySector.get(s.code) ?? emptySums()) })),
  };
}
