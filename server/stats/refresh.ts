// Keeps the rollups right, one report at a time: inside the caller's transaction,
// compute what the report contributes now, compare with what it contributed last
// time (its facts document), and $inc the rollup cells by the difference only.
// Calling it twice changes nothing the second time.
import type { AnyBulkWriteOperation, ClientSession } from 'mongoose';
import { Report } from '../reports/report.model';
import { StatsReportFacts, StatsRollup } from './statsRollup.model';
import { cellKeyOf, contributionOf, difference, STATS_PROJECTION, type Contribution } from './contribution';

/** The upsert that adds `amounts` to one cell (creating it with its key fields the first time). */
export function cellIncrement(id: string, amounts: Contribution[string]): AnyBulkWriteOperation {
  const inc: Record<string, number> = {};
  for (const [f, n] of Object.entries(amounts.counts)) inc[`counts.${f}`] = n;
  for (const [f, n] of Object.entries(amounts.days)) inc[`days.${f}`] = n;
  return { updateOne: { filter: { _id: id }, update: { $inc: inc, $setOnInsert: cellKeyOf(id) }, upsert: true } };
}

/** `current` is the report as just written, when the caller has it (saves reading it again). */
export async function refreshReportStats(
  reference: string,
  session: ClientSession,
  current?: Parameters<typeof contributionOf>[0],
): Promise<void> {
  const report = current ?? (await Report.findOne({ reference }, STATS_PROJECTION, { session }).lean());
  const facts = await StatsReportFacts.findById(reference, null, { session }).lean();
  const previous = (facts?.cells ?? {}) as Contribution;
  const next = report ? contributionOf(report) : {};
  const diff = difference(next, previous);
  const ops = Object.entries(diff).map(([id, amounts]) => cellIncrement(id, amounts));
  if (!ops.length) return;
  await StatsRollup.bulkWrite(ops as never, { session, ordered: true });
  await StatsReportFacts.updateOne({ _id: reference }, { $set: { cells: next } }, { session, upsert: true });
}
