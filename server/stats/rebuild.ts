// Throws the rollups and facts away and derives them again from every report,
// with the same contribution function the incremental refresh uses. Run it when
// the statistics code changed, or to check the maintained rollups (see tests).
// Run it while no one is acting on reports: it does not take part in their transactions.
import { Report } from '../models/Report';
import { StatsReportFacts, StatsRollup } from '../models/StatsRollup';
import { cellKeyOf, contributionOf, STATS_PROJECTION, type CellAmounts, type Contribution } from './contribution';

const BATCH = 1000;

function addInto(total: Map<string, CellAmounts>, c: Contribution): void {
  for (const [id, amounts] of Object.entries(c)) {
    const cell = total.get(id) ?? { counts: {}, days: {} };
    for (const map of ['counts', 'days'] as const) for (const [f, n] of Object.entries(amounts[map])) cell[map][f] = (cell[map][f] ?? 0) + n;
    total.set(id, cell);
  }
}

export async function rebuildStats(): Promise<{ reports: number; cells: number }> {
  await StatsRollup.deleteMany({});
  await StatsReportFacts.deleteMany({});
  const totals = new Map<string, CellAmounts>();
  let facts: { _id: string; cells: Contribution }[] = [];
  let reports = 0;
  for await (const report of Report.find({}, STATS_PROJECTION).lean().cursor({ batchSize: BATCH })) {
    const c = contributionOf(report);
    addInto(totals, c);
    facts.push({ _id: report.reference, cells: c });
    reports++;
    if (facts.length >= BATCH) {
      await StatsReportFacts.collection.insertMany(facts as never[], { ordered: false });
      facts = [];
    }
  }
  if (facts.length) await StatsReportFacts.collection.insertMany(facts as never[], { ordered: false });
  const cells = [...totals].map(([id, amounts]) => ({ _id: id, ...cellKeyOf(id), counts: amounts.counts, days: amounts.days }));
  for (let i = 0; i < cells.length; i += BATCH) await StatsRollup.collection.insertMany(cells.slice(i, i + BATCH) as never[], { ordered: false });
  return { reports, cells: cells.length };
}
