// Throws the rollups and facts away and derives them again from every report,
// with the same contribution function the incremental refresh uses. Run it when
// the statistics code changed, or to check the maintained rollups (see tests).
//
// Safe while the app is live: the reports are read and the rollups and facts
// replaced in ONE transaction. It reads one snapshot of the reports; a report
// transaction that refreshes the statistics meanwhile writes facts this one
// replaces, so one of the two meets a write conflict and is retried (whole) on
// the other's result. Readers see either the old figures or the new ones.
// The price: the whole rebuild must fit in one transaction, which is aborted
// (and nothing changes) past the transaction lifetime (60 s by default on the
// embedded engine and MongoDB). If the history outgrows that, run it while the
// system is idle, or raise the lifetime for the run.
import type { ClientSession, Collection } from 'mongoose';
import { inTransaction } from '../platform/db';
import { Report } from '../reports/report.model';
import { StatsReportFacts, StatsRollup } from './statsRollup.model';
import {
  cellKeyOf,
  contributionOf,
  STATS_PROJECTION,
  type CellAmounts,
  type CellKey,
  type Contribution,
} from './contribution';

const BATCH = 1000;

interface Derived {
  facts: { _id: string; cells: Contribution }[];
  cells: ({ _id: string } & CellKey & CellAmounts)[];
}

function addInto(total: Map<string, CellAmounts>, c: Contribution): void {
  for (const [id, amounts] of Object.entries(c)) {
    const cell = total.get(id) ?? { counts: {}, days: {} };
    for (const map of ['counts', 'days'] as const)
      for (const [f, n] of Object.entries(amounts[map])) cell[map][f] = (cell[map][f] ?? 0) + n;
    total.set(id, cell);
  }
}

/** Every report's facts and the rollup cells they add up to, from the transaction's snapshot. */
async function derive(session: ClientSession): Promise<Derived> {
  const totals = new Map<string, CellAmounts>();
  const facts: Derived['facts'] = [];
  for await (const report of Report.find({}, STATS_PROJECTION, { session }).lean().cursor({ batchSize: BATCH })) {
    const c = contributionOf(report);
    addInto(totals, c);
    facts.push({ _id: report.reference, cells: c });
  }
  const cells = [...totals].map(([id, amounts]) => ({
    _id: id,
    ...cellKeyOf(id),
    counts: amounts.counts,
    days: amounts.days,
  }));
  return { facts, cells };
}

async function insertInBatches(collection: Collection, docs: object[], session: ClientSession): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH)
    await collection.insertMany(docs.slice(i, i + BATCH) as never[], { ordered: false, session });
}

export async function rebuildStats(): Promise<{ reports: number; cells: number }> {
  return inTransaction(async (session) => {
    const { facts, cells } = await derive(session);
    await StatsRollup.deleteMany({}, { session });
    await StatsReportFacts.deleteMany({}, { session });
    await insertInBatches(StatsReportFacts.collection, facts, session);
    await insertInBatches(StatsRollup.collection, cells, session);
    return { reports: facts.length, cells: cells.length };
  });
}
