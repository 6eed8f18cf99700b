// Checks the books: the Fund document against the ledger's sums, and every
// reward's reservation and payment against the ledger entries made for it. The
// ledger is the truth; any difference means something moved money outside
// moveMoney (or a report was edited by hand) and needs an accountant.
import { trusted } from 'mongoose';
import { Report } from '../reports/report.model';
import { LedgerEntry, MAIN_FUND } from './fund.model';
import type { RewardProjection } from './fundReports';
import { fundBalances, ledgerBalances, type FundBalances, type MovementKind } from './ledger';

export interface Difference {
  /** 'fund' or the reward's report. */
  subject: string;
  field: string;
  /** What the Fund document or the report says. */
  recordedFen: number;
  /** What the ledger says. */
  ledgerFen: number;
}

export interface Reconciliation {
  ok: boolean;
  recorded: FundBalances;
  ledger: FundBalances;
  rewardsChecked: number;
  differences: Difference[];
}

interface RewardSums {
  reservedFen: number;
  paidFen: number;
}

/** Reserved and paid per rewardId, as the ledger has it. */
async function ledgerByReward(): Promise<Map<string, RewardSums>> {
  const sums = await LedgerEntry.aggregate<{ _id: { rewardId: string; kind: MovementKind }; total: number }>([
    { $match: { fundId: MAIN_FUND, rewardId: { $type: 'string' } } },
    { $group: { _id: { rewardId: '$rewardId', kind: '$kind' }, total: { $sum: '$amountFen' } } },
  ]);
  const byReward = new Map<string, RewardSums>();
  for (const { _id, total } of sums) {
    const s = byReward.get(_id.rewardId) ?? { reservedFen: 0, paidFen: 0 };
    // A reservation ends released or paid: what is still reserved is reserve − release − pay.
    if (_id.kind === 'reserve') s.reservedFen += total;
    else if (_id.kind === 'release') s.reservedFen -= total;
    else if (_id.kind === 'pay') {
      s.reservedFen -= total;
      s.paidFen += total;
    }
    byReward.set(_id.rewardId, s);
  }
  return byReward;
}

export async function reconcileFund(): Promise<Reconciliation> {
  const [recorded, ledger, byReward] = await Promise.all([fundBalances(), ledgerBalances(), ledgerByReward()]);
  const differences: Difference[] = [];
  for (const field of ['appropriatedFen', 'reservedFen', 'paidFen', 'availableFen'] as const) {
    if (recorded[field] !== ledger[field])
      differences.push({ subject: 'fund', field, recordedFen: recorded[field], ledgerFen: ledger[field] });
  }

  // Rewards the ledger knows (its rewardId is the report's reference), and rewards that claim money the ledger may not know.
  const reports = await Report.find(
    {
      $or: [
        { reference: trusted({ $in: [...byReward.keys()] }) },
        { 'reward.reservedFen': trusted({ $gt: 0 }) },
        { 'reward.payout.amountFen': trusted({ $gt: 0 }) },
      ],
    },
    { reference: 1, 'reward.reservedFen': 1, 'reward.payout.amountFen': 1 },
  ).lean<RewardProjection[]>();

  const seen = new Set<string>();
  for (const r of reports) {
    seen.add(r.reference);
    const expected = byReward.get(r.reference) ?? { reservedFen: 0, paidFen: 0 };
    const reserved = r.reward?.reservedFen ?? 0;
    const paid = r.reward?.payout?.amountFen ?? 0;
    if (reserved !== expected.reservedFen)
      differences.push({
        subject: r.reference,
        field: 'reward.reservedFen',
        recordedFen: reserved,
        ledgerFen: expected.reservedFen,
      });
    if (paid !== expected.paidFen)
      differences.push({
        subject: r.reference,
        field: 'reward.payout.amountFen',
        recordedFen: paid,
        ledgerFen: expected.paidFen,
      });
  }
  for (const [id, sums] of byReward) {
    if (seen.has(id)) continue;
    // Money moved for a report that does not exist (any more).
    differences.push({
      subject: id,
      field: 'report missing',
      recordedFen: 0,
      ledgerFen: sums.reservedFen + sums.paidFen,
    });
  }
  return { ok: differences.length === 0, recorded, ledger, rewardsChecked: reports.length, differences };
}

/** The reconciliation as a plain-text table for the console. */
export function formatReconciliation(r: Reconciliation): string {
  const lines = [
    `fund: recorded ${JSON.stringify(r.recorded)}`,
    `fund: ledger   ${JSON.stringify(r.ledger)}`,
    `rewards checked: ${r.rewardsChecked}`,
  ];
  if (r.ok) return [...lines, 'OK: the balances and every reward agree with the ledger'].join('\n');
  const rows = [
    ['subject', 'field', 'recorded (fen)', 'ledger (fen)', 'difference (fen)'],
    ...r.differences.map((d) => [
      d.subject,
      d.field,
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
