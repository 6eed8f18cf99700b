// Money moves here and nowhere else. Each movement is a ledger entry and a
// conditional update of one fund's balances in the caller's transaction, so the
// balances always equal the ledger's sums and available money never goes below
// zero, however many requests race for it. Each funding source (the city fund,
// the provincial pre-allocation, a county budget) is a fund of its own.
import type { ClientSession } from 'mongoose';
import { trusted } from 'mongoose';
import type { movementKinds } from '../../shared/schemas/fund';
import { storedNote, type NoteRef } from '../../shared/notes';
import { fail } from '../platform/errors';
import { Fund, LedgerEntry, MAIN_FUND } from './fund.model';

export type MovementKind = (typeof movementKinds)[number];

export interface Movement {
  kind: MovementKind;
  amountFen: number;
  /** The funding source (default: the city fund). */
  fundId?: string;
  /** The report whose reward the money is for (not for appropriations). */
  rewardId?: string;
  /** The workflow step that moved it (not for appropriations). */
  step?: string;
  /** Staff's own words (an appropriation), or the system's as a code (a voucher). */
  note?: string | NoteRef;
  actorId?: string;
  /** Unique per movement: a retried request cannot move money twice. */
  idempotencyKey: string;
}

export interface FundBalances {
  appropriatedFen: number;
  reservedFen: number;
  paidFen: number;
  recoveredFen: number;
  availableFen: number;
}

/** Recovered money is spendable again; what is reserved or paid is not. */
const available = {
  $subtract: [
    { $add: ['$appropriatedFen', { $ifNull: ['$recoveredFen', 0] }] },
    { $add: ['$reservedFen', '$paidFen'] },
  ],
};

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
    case 'recover':
      return { condition: {}, inc: { recoveredFen: amount } };
  }
}

export async function moveMoney(m: Movement, session: ClientSession, now: Date): Promise<void> {
  if (!Number.isSafeInteger(m.amountFen) || m.amountFen <= 0)
    throw new Error(`a movement needs a positive whole number of fen, got ${m.amountFen}`);
  const fundId = m.fundId ?? MAIN_FUND;
  const { condition, inc } = effectOf(m.kind, m.amountFen);
  // A source that was never appropriated has no document, and so nothing to reserve.
  const moved = await Fund.updateOne({ _id: fundId, ...condition }, { $inc: inc }, { session });
  if (!moved.modifiedCount) {
    if (m.kind === 'reserve') throw fail('fund.insufficient');
    throw new Error(`the fund ${fundId} cannot take a ${m.kind} of ${m.amountFen} fen for ${m.rewardId}`);
  }
  await LedgerEntry.create(
    [
      {
        fundId,
        kind: m.kind,
        amountFen: m.amountFen,
        at: now,
        actorId: m.actorId,
        rewardId: m.rewardId,
        ...(m.step ? { step: m.step } : {}),
        ...storedNote(m.note),
        idempotencyKey: m.idempotencyKey,
      },
    ],
    { session },
  );
}

/** The movement a key already made, if any: how a retried request learns it was carried out. */
export async function earlierMovement(
  idempotencyKey: string,
): Promise<{ rewardId?: string | null; kind: MovementKind; step?: string | null } | null> {
  return LedgerEntry.findOne({ idempotencyKey }, { rewardId: 1, kind: 1, step: 1 }).lean();
}

function balancesOf(sums: Partial<Omit<FundBalances, 'availableFen'>>): FundBalances {
  const appropriatedFen = sums.appropriatedFen ?? 0;
  const reservedFen = sums.reservedFen ?? 0;
  const paidFen = sums.paidFen ?? 0;
  const recoveredFen = sums.recoveredFen ?? 0;
  return {
    appropriatedFen,
    reservedFen,
    paidFen,
    recoveredFen,
    availableFen: appropriatedFen + recoveredFen - reservedFen - paidFen,
  };
}

/** One source's balances as its Fund document has them (the city fund by default). */
export async function fundBalances(session?: ClientSession, fundId = MAIN_FUND): Promise<FundBalances> {
  const fund = await Fund.findById(fundId, null, { session }).lean();
  return balancesOf(fund ?? {});
}

/** Every source that has a Fund document, by id. */
export async function allFundBalances(): Promise<Map<string, FundBalances>> {
  const funds = await Fund.find({}).lean();
  return new Map(funds.map((f) => [String(f._id), balancesOf(f)]));
}

/** The balances of each source as the ledger alone says they should be. */
export async function ledgerBalancesBySource(): Promise<Map<string, FundBalances>> {
  const sums = await LedgerEntry.aggregate<{ _id: { fundId: string; kind: MovementKind }; total: number }>([
    { $group: { _id: { fundId: '$fundId', kind: '$kind' }, total: { $sum: '$amountFen' } } },
  ]);
  const bySource = new Map<string, FundBalances>();
  for (const fundId of new Set(sums.map((s) => s._id.fundId))) {
    const total = (k: MovementKind) => sums.find((s) => s._id.fundId === fundId && s._id.kind === k)?.total ?? 0;
    const paidFen = total('pay');
    bySource.set(
      fundId,
      balancesOf({
        appropriatedFen: total('appropriate'),
        reservedFen: total('reserve') - total('release') - paidFen,
        paidFen,
        recoveredFen: total('recover'),
      }),
    );
  }
  return bySource;
}

/** The city fund's balances as the ledger alone says they should be. */
export async function ledgerBalances(fundId = MAIN_FUND): Promise<FundBalances> {
  return (await ledgerBalancesBySource()).get(fundId) ?? balancesOf({});
}

/** The four figures the city fund has always been reported with (the API and statistics keep this shape). */
export function cityFundFigures(b: FundBalances): Omit<FundBalances, 'recoveredFen'> {
  return {
    appropriatedFen: b.appropriatedFen,
    reservedFen: b.reservedFen,
    paidFen: b.paidFen,
    availableFen: b.availableFen,
  };
}
