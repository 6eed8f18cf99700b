// Checks the books: every source's Fund document against the ledger's sums, and
// every reward's reservation, and its payment (payout and top-ups, less
// recoveries) in each source, against the ledger entries made for it. The
// ledger is the truth; any difference means something moved money outside
// moveMoney (or a report was edited by hand) and needs an accountant.
import { trusted } from 'mongoose';
import { Report } from '../reports/report.model';
import { LedgerEntry, MAIN_FUND } from './fund.model';
import type { RewardProjection } from './fundReports';
import { allFundBalances, ledgerBalancesBySource, type FundBalances, type MovementKind } from './ledger';

export interface Difference {
  /** 'fund' or the reward's report. */
  subject: string;
  field: string;
  /** What the Fund document or the report says. */
  recordedFen: number;
  /** What the ledger says. */
  ledgerFen: number;
  /** For a reward's payment: the source it was checked in. */
  source?: string;
}

export interface Reconciliation {
  ok: boolean;
  /** The city fund, as the Fund document and as the ledger have it. */
  recorded: FundBalances;
  ledger: FundBalances;
  /** Every source (the city fund first). */
  sources: { source: string; recorded: FundBalances; ledger: FundBalances }[];
  rewardsChecked: number;
  differences: Difference[];
}

interface RewardSums {
  reservedFen: number;
  /** Paid out (payout and top-ups) less what was recovered, per source. */
  paidBySource: Map<string, number>;
}

const add = (m: Map<string, number>, key: string, fen: number) => m.set(key, (m.get(key) ?? 0) + fen);
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** Reserved (over every source) and paid net of recoveries per source, per rewardId, as the ledger has it. */
async function ledgerByReward(): Promise<Map<string, RewardSums>> {
  const sums = await LedgerEntry.aggregate<{
    _id: { rewardId: string; fundId: string; kind: MovementKind };
    total: number;
  }>([
    { $match: { rewardId: { $type: 'string' } } },
    {
      $group: { _id: { rewardId: '$rewardId', fundId: '$fundId', kind: '$kind' }, total: { $sum: '$amountFen' } },
    },
  ]);
  const byReward = new Map<string, RewardSums>();
  for (const { _id, total } of sums) {
    const s = byReward.get(_id.rewardId) ?? { reservedFen: 0, paidBySource: new Map<string, number>() };
    // A reservation ends released or paid: what is still reserved is reserve − release − pay.
    if (_id.kind === 'reserve') s.reservedFen += total;
    else if (_id.kind === 'release') s.reservedFen -= total;
    else if (_id.kind === 'pay') {
      s.reservedFen -= total;
      add(s.paidBySource, _id.fundId, total);
    } else if (_id.kind === 'recover') add(s.paidBySource, _id.fundId, -total);
    byReward.set(_id.rewardId, s);
  }
  return byReward;
}

interface CorrectionProjection {
  amountFen?: number;
  recordedAt?: Date;
  fundSource?: string;
}
type ReconciledReward = RewardProjection & {
  reward?: { fundSource?: string; topUps?: CorrectionProjection[]; recoveries?: CorrectionProjection[] };
};

/**
 * What the report says was paid for its reward, per source: the payout from the
 * reward's source, each top-up from its own, less each recovery into its own.
 */
function recordedPaidBySource(r: ReconciledReward): Map<string, number> {
  const own = r.reward?.fundSource ?? MAIN_FUND;
  const bySource = new Map<string, number>();
  if (r.reward?.payout?.amountFen) add(bySource, own, r.reward.payout.amountFen);
  for (const t of r.reward?.topUps ?? []) if (t.recordedAt) add(bySource, t.fundSource ?? own, t.amountFen ?? 0);
  for (const c of r.reward?.recoveries ?? []) if (c.recordedAt) add(bySource, c.fundSource ?? own, -(c.amountFen ?? 0));
  return bySource;
}

const FUND_FIELDS = ['appropriatedFen', 'reservedFen', 'paidFen', 'recoveredFen', 'availableFen'] as const;
const ZERO: FundBalances = { appropriatedFen: 0, reservedFen: 0, paidFen: 0, recoveredFen: 0, availableFen: 0 };

export async function reconcileFund(): Promise<Reconciliation> {
  const [recordedBySource, ledgerBySource, byReward] = await Promise.all([
    allFundBalances(),
    ledgerBalancesBySource(),
    ledgerByReward(),
  ]);
  const differences: Difference[] = [];
  const sources = [...new Set([MAIN_FUND, ...recordedBySource.keys(), ...ledgerBySource.keys()])];
  const perSource = sources.map((source) => ({
    source,
    recorded: recordedBySource.get(source) ?? ZERO,
    ledger: ledgerBySource.get(source) ?? ZERO,
  }));
  for (const { source, recorded, ledger } of perSource) {
    // The city fund is 'fund', as it always was; the other sources are named.
    const subject = source === MAIN_FUND ? 'fund' : `fund:${source}`;
    for (const field of FUND_FIELDS) {
      if (recorded[field] !== ledger[field])
        differences.push({ subject, field, recordedFen: recorded[field], ledgerFen: ledger[field] });
    }
  }

  // Rewards the ledger knows (its rewardId is the report's reference), and rewards that claim money the ledger may not know.
  const reports = await Report.find(
    {
      $or: [
        { reference: trusted({ $in: [...byReward.keys()] }) },
        { 'reward.reservedFen': trusted({ $gt: 0 }) },
        { 'reward.payout.amountFen': trusted({ $gt: 0 }) },
        { 'reward.topUps.recordedAt': trusted({ $type: 'date' }) },
        { 'reward.recoveries.recordedAt': trusted({ $type: 'date' }) },
      ],
    },
    {
      reference: 1,
      'reward.reservedFen': 1,
      'reward.fundSource': 1,
      'reward.payout.amountFen': 1,
      'reward.topUps.amountFen': 1,
      'reward.topUps.recordedAt': 1,
      'reward.topUps.fundSource': 1,
      'reward.recoveries.amountFen': 1,
      'reward.recoveries.recordedAt': 1,
      'reward.recoveries.fundSource': 1,
    },
  ).lean<ReconciledReward[]>();

  const seen = new Set<string>();
  for (const r of reports) {
    seen.add(r.reference);
    const expected = byReward.get(r.reference) ?? { reservedFen: 0, paidBySource: new Map<string, number>() };
    const reserved = r.reward?.reservedFen ?? 0;
    const paid = recordedPaidBySource(r);
    if (reserved !== expected.reservedFen)
      differences.push({
        subject: r.reference,
        field: 'reward.reservedFen',
        recordedFen: reserved,
        ledgerFen: expected.reservedFen,
      });
    // Per source: money recovered into a source that never paid it is a difference even when the total agrees.
    for (const source of new Set([...paid.keys(), ...expected.paidBySource.keys()])) {
      const recordedFen = paid.get(source) ?? 0;
      const ledgerFen = expected.paidBySource.get(source) ?? 0;
      if (recordedFen !== ledgerFen)
        differences.push({
          subject: r.reference,
          field: 'reward paid (payout + top-ups − recoveries)',
          source,
          recordedFen,
          ledgerFen,
        });
    }
  }
  for (const [id, sums] of byReward) {
    if (seen.has(id)) continue;
    // Money moved for a report that does not exist (any more).
    differences.push({
      subject: id,
      field: 'report missing',
      recordedFen: 0,
      ledgerFen: sums.reservedFen + total(sums.paidBySource),
    });
  }
  const city = perSource[0];
  return {
    ok: differences.length === 0,
    recorded: city.recorded,
    ledger: city.ledger,
    sources: perSource,
    rewardsChecked: reports.length,
    differences,
  };
}

/** The reconciliation as a plain-text table for the console. */
export function formatReconciliation(r: Reconciliation): string {
  const lines = [
    ...r.sources.flatMap((s) => [
      `fund ${s.source}: recorded ${JSON.stringify(s.recorded)}`,
      `fund ${s.source}: ledger   ${JSON.stringify(s.ledger)}`,
    ]),
    `rewards checked: ${r.rewardsChecked}`,
  ];
  if (r.ok) return [...lines, 'OK: the balances and every reward agree with the ledger'].join('\n');
  const rows = [
    ['subject', 'field', 'recorded (fen)', 'ledger (fen)', 'difference (fen)'],
    ...r.differences.map((d) => [
      d.subject,
      d.source ? `${d.field} in ${d.source}` : d.field,
      String(d.recordedFen),
      String(d.ledgerFen),
      String(d.recordedFen - d.ledgerFen),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const table = rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
  return [...lines, `DIFFERENCES: ${r.differences.length}`, ...table].join('\n');
}
