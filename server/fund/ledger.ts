// Money moves here and nowhere else. Each movement is a ledger entry and a
// conditional update of the balances in the caller's transaction, so the
// balances always equal the ledger's sums and available money never goes below
// zero, however many requests race for it.
import type { ClientSession } from 'mongoose';
import { trusted } from 'mongoose';
import { fail } from '../platform/errors';
import { Fund, LedgerEntry, MAIN_FUND } from './fund.model';

export type MovementKind = 'appropriate' | 'reserve' | 'release' | 'pay';

export interface Movement {
  kind: MovementKind;
  amountFen: number;
  /** The report whose reward the money is for (not for appropriations). */
  rewardId?: string;
  note?: string;
  actorId?: string;
  /** Unique per movement: a retried request cannot move money twice. */
  idempotencyKey: string;
}

export interface FundBalances {
  appropriatedFen: number;
  reservedFen: number;
  paidFen: number;
  availableFen: number;
}

const available = { $subtract: ['$appropriatedFen', { $add: ['$reservedFen', '$paidFen'] }] };

/** The precondition and the balance change of each kind of movement. */
function effectOf(
  kind: MovementKind,
  amount: number,
): { condition: Record<string, unknown>; inc: Record<string, number> } {
  switch (kind) {
    case 'appropriate':
      return { condition: {}, inc: { appropriatedFen: amount } };
    case 'reserve':
      return { condition: { $expr: trusted({ $gte: [available, amount] }) }, inc: { reservedFen: amount } };
    case 'release':
      return { condition: { reservedFen: trusted({ $gte: amount }) }, inc: { reservedFen: -amount } };
    case 'pay':
      return { condition: { reservedFen: trusted({ $gte: amount }) }, inc: { reservedFen: -amount, paidFen: amount } };
  }
}

export async function moveMoney(m: Movement, session: ClientSession, now: Date): Promise<void> {
  if (!Number.isSafeInteger(m.amountFen) || m.amountFen <= 0)
    throw new Error(`a movement needs a positive whole number of fen, got ${m.amountFen}`);
  const { condition, inc } = effectOf(m.kind, m.amountFen);
  const moved = await Fund.updateOne({ _id: MAIN_FUND, ...condition }, { $inc: inc }, { session });
  if (!moved.modifiedCount) {
    if (m.kind === 'reserve') throw fail('fund.insufficient');
    throw new Error(`the fund does not hold ${m.amountFen} fen in reserve for ${m.rewardId}`);
  }
  await LedgerEntry.create(
    [
      {
        fundId: MAIN_FUND,
        kind: m.kind,
        amountFen: m.amountFen,
        at: now,
        actorId: m.actorId,
        rewardId: m.rewardId,
        note: m.note,
        idempotencyKey: m.idempotencyKey,
      },
    ],
    { session },
  );
}

/** The movement a key already made, if any: how a retried request learns it was carried out. */
export async function earlierMovement(
  idempotencyKey: string,
): Promise<{ rewardId?: string | null; kind: MovementKind } | null> {
  return LedgerEntry.findOne({ idempotencyKey }, { rewardId: 1, kind: 1 }).lean();
}

export async function fundBalances(session?: ClientSession): Promise<FundBalances> {
  const fund = await Fund.findById(MAIN_FUND, null, { session }).lean();
  const appropriatedFen = fund?.appropriatedFen ?? 0;
  const reservedFen = fund?.reservedFen ?? 0;
  const paidFen = fund?.paidFen ?? 0;
  return { appropriatedFen, reservedFen, paidFen, availableFen: appropriatedFen - reservedFen - paidFen };
}

/** The balances as the ledger alone says they should be. */
export async function ledgerBalances(): Promise<FundBalances> {
  const sums = await LedgerEntry.aggregate<{ _id: MovementKind; total: number }>([
    { $match: { fundId: MAIN_FUND } },
    { $group: { _id: '$kind', total: { $sum: '$amountFen' } } },
  ]);
  const total = (k: MovementKind) => sums.find((s) => s._id === k)?.total ?? 0;
  const appropriatedFen = total('appropriate');
  const paidFen = total('pay');
  const reservedFen = total('reserve') - total('release') - paidFen;
  return { appropriatedFen, reservedFen, paidFen, availableFen: appropriatedFen - reservedFen - paidFen };
}
