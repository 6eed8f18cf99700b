// What the fund looks like to finance: balances with the rewards on their way,
// the ledger page by page, month-by-month figures, payouts and the work lists.
// Days and months are counted in Asia/Shanghai (shared/dates).
import type { NoteParams } from '../../shared/notes';
import type { z } from 'zod';
import { trusted } from 'mongoose';
import {
  addMonths,
  endOfShanghaiDay,
  shanghaiDayStart,
  shanghaiMonthEnd,
  shanghaiMonthOf,
  shanghaiMonthStart,
} from '../../shared/dates';
import type { fundResponse } from '../../shared/schemas/common';
import type {
  exportQuery,
  ledgerQuery,
  LedgerEntryView,
  MonthFigures,
  RewardWorkItem,
  rewardWorkQuery,
} from '../../shared/schemas/fund';
import { fundSourceName, MAIN_FUND_SOURCE } from '../../shared/schemas/fund';
import { areaNames, profile } from '../jurisdiction/lookup';
import { LedgerEntry, MAIN_FUND, type LedgerEntryFields } from './fund.model';
import { Report } from '../reports/report.model';
import type { Actor } from '../access';
import { areaScope } from '../access/areaScope';
import { allFundBalances, cityFundFigures, type FundBalances, type MovementKind } from './ledger';

/** The instants of a period of whole Shanghai days, `to` included. */
export function dayRange(period: z.infer<typeof exportQuery>): { $gte?: Date; $lt?: Date } {
  return {
    ...(period.from ? { $gte: shanghaiDayStart(period.from) } : {}),
    ...(period.to ? { $lt: endOfShanghaiDay(shanghaiDayStart(period.to)) } : {}),
  };
}

export function presentLedgerEntry(e: LedgerEntryFields & { _id: unknown }): LedgerEntryView {
  return {
    id: String(e._id),
    source: e.fundId,
    kind: e.kind as MovementKind,
    amountFen: e.amountFen,
    at: e.at.toISOString(),
    ...(e.actorId ? { actorId: e.actorId } : {}),
    ...(e.rewardId ? { rewardId: e.rewardId } : {}),
    ...(e.step ? { step: e.step } : {}),
    ...(e.note ? { note: e.note } : {}),
    ...(e.noteKey ? { noteKey: e.noteKey, noteParams: (e.noteParams ?? {}) as NoteParams } : {}),
  };
}

/**
 * Rewards on their way to approval with nothing reserved yet: proposed,
 * reviewed, and appealed ones whose reservation was never made or was released.
 */
export async function pipelineFen(): Promise<number> {
  const [sum] = await Report.aggregate<{ total: number }>([
    {
      $match: {
        $or: [
          { status: { $in: ['reward-proposed', 'reward-reviewed'] } },
          { status: 'reward-appealed', 'reward.reservedFen': 0 },
        ],
      },
    },
    { $group: { _id: null, total: { $sum: '$reward.amountFen' } } },
  ]);
  return sum?.total ?? 0;
}

/** The city fund first, then the provincial pre-allocation, then the counties by area code. */
const sourceOrder = (s: string) => (s === MAIN_FUND_SOURCE ? '0' : s === 'provincial' ? '1' : `2${s}`);

export async function fundOverview(): Promise<z.infer<typeof fundResponse>> {
  const names = { fund: (await profile()).fundName, area: await areaNames() };
  const [bySource, pipeline] = await Promise.all([allFundBalances(), pipelineFen()]);
  const zero: FundBalances = { appropriatedFen: 0, reservedFen: 0, paidFen: 0, recoveredFen: 0, availableFen: 0 };
  const city = bySource.get(MAIN_FUND) ?? zero;
  if (!bySource.has(MAIN_FUND)) bySource.set(MAIN_FUND, zero);
  // The pipeline is counted against the city fund, where rewards are reserved unless finance names another source.
  return {
    ...cityFundFigures(city),
    pipelineFen: pipeline,
    liabilitiesFen: city.reservedFen + pipeline,
    shortfall: pipeline > city.availableFen,
    sources: [...bySource.entries()]
      .sort(([a], [b]) => sourceOrder(a).localeCompare(sourceOrder(b)))
      .map(([source, b]) => ({ source, name: fundSourceName(source, names), ...b })),
  };
}

function ledgerFilter(query: z.infer<typeof exportQuery> & { kind?: MovementKind; source?: string }) {
  const at = dayRange(query);
  return {
    ...(query.source ? { fundId: query.source } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(Object.keys(at).length ? { at: trusted(at) } : {}),
  };
}

/** Newest first; entries of one instant in the order they were written. */
const newestFirst = { at: -1, _id: -1 } as const;

export async function ledgerPage(
  query: z.infer<typeof ledgerQuery>,
): Promise<{ items: LedgerEntryView[]; total: number }> {
  const filter = ledgerFilter(query);
  const [items, total] = await Promise.all([
    LedgerEntry.find(filter)
      .sort(newestFirst)
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean(),
    LedgerEntry.countDocuments(filter),
  ]);
  return { items: items.map(presentLedgerEntry), total };
}

/** Every entry of the period, oldest first (exports read like a cash book). */
export async function ledgerEntriesIn(period: z.infer<typeof exportQuery>): Promise<LedgerEntryView[]> {
  const items = await LedgerEntry.find(ledgerFilter(period)).sort({ at: 1, _id: 1 }).lean();
  return items.map(presentLedgerEntry);
}

/** How each kind of movement changes the available money (paying spends what was reserved). */
const availableEffect: Record<MovementKind, number> = { appropriate: 1, reserve: -1, release: 1, pay: 0, recover: 1 };

/** The city fund's months `from`..`to` with what moved in each and what was available at its end. */
export async function monthlyFigures(from: string, to: string): Promise<MonthFigures[]> {
  const start = shanghaiMonthStart(from);
  const end = shanghaiMonthEnd(to);
  const before = await LedgerEntry.aggregate<{ _id: MovementKind; total: number }>([
    { $match: { fundId: MAIN_FUND, at: { $lt: start } } },
    { $group: { _id: '$kind', total: { $sum: '$amountFen' } } },
  ]);
  let available = before.reduce((sum, s) => sum + availableEffect[s._id] * s.total, 0);
  const entries = await LedgerEntry.find(
    { fundId: MAIN_FUND, at: trusted({ $gte: start, $lt: end }) },
    { kind: 1, amountFen: 1, at: 1 },
  )
    .sort({ at: 1 })
    .lean();
  const months: MonthFigures[] = [];
  let i = 0;
  for (let month = from; month <= to; month = addMonths(month, 1)) {
    const figures: MonthFigures = {
      month,
      appropriatedFen: 0,
      reservedFen: 0,
      releasedFen: 0,
      paidFen: 0,
      recoveredFen: 0,
      endAvailableFen: 0,
    };
    for (; i < entries.length && shanghaiMonthOf(entries[i].at) === month; i++) {
      const e = entries[i];
      const kind = e.kind as MovementKind;
      if (kind === 'appropriate') figures.appropriatedFen += e.amountFen;
      else if (kind === 'reserve') figures.reservedFen += e.amountFen;
      else if (kind === 'release') figures.releasedFen += e.amountFen;
      else if (kind === 'pay') figures.paidFen += e.amountFen;
      else figures.recoveredFen += e.amountFen;
      available += availableEffect[kind] * e.amountFen;
    }
    figures.endAvailableFen = available;
    months.push(figures);
  }
  return months;
}

/** The parts of a report these views read (projections by dotted path lose mongoose's typing). */
export interface RewardProjection {
  _id: unknown;
  reference: string;
  status: string;
  area: string;
  category: string;
  statusChangedAt?: Date;
  reward?: {
    amountFen?: number;
    reservedFen?: number;
    claimDueAt?: Date;
    claimedAt?: Date;
    payout?: { voucherNo?: string; paidOn?: string; amountFen?: number; recordedAt?: Date };
  };
}

export interface PayoutRow {
  reference: string;
  area: string;
  /** The reward's payment, or a top-up (补发) paid later. */
  kind: 'payout' | 'top-up';
  amountFen: number;
  voucherNo: string;
  paidOn: string;
  recordedAt: string;
  source: string;
}

interface PaidProjection {
  reference: string;
  area: string;
  reward?: {
    fundSource?: string;
    payout?: { voucherNo?: string; paidOn?: string; amountFen?: number; recordedAt?: Date };
    topUps?: { voucherNo?: string; paidOn?: string; amountFen?: number; recordedAt?: Date; fundSource?: string }[];
  };
}

/**
 * Rewards and top-ups paid on a day of the period (by the payment date on the
 * voucher), oldest first. No claimant identity.
 */
export async function payoutsIn(period: z.infer<typeof exportQuery>): Promise<PayoutRow[]> {
  const inPeriod = (day: string | undefined): day is string =>
    !!day && (!period.from || day >= period.from) && (!period.to || day <= period.to);
  const paidOn = trusted({
    $exists: true,
    ...(period.from ? { $gte: period.from } : {}),
    ...(period.to ? { $lte: period.to } : {}),
  });
  const reports = await Report.find(
    { $or: [{ 'reward.payout.paidOn': paidOn }, { 'reward.topUps.paidOn': paidOn }] },
    { reference: 1, area: 1, 'reward.payout': 1, 'reward.topUps': 1, 'reward.fundSource': 1 },
  ).lean<PaidProjection[]>();
  const rows: PayoutRow[] = [];
  for (const r of reports) {
    const source = r.reward?.fundSource ?? MAIN_FUND_SOURCE;
    const payments = [
      { kind: 'payout' as const, ...r.reward?.payout, fundSource: source },
      ...(r.reward?.topUps ?? []).map((t) => ({ kind: 'top-up' as const, ...t })),
    ];
    for (const p of payments) {
      if (!inPeriod(p.paidOn)) continue;
      rows.push({
        reference: r.reference,
        area: r.area,
        kind: p.kind,
        amountFen: p.amountFen ?? 0,
        voucherNo: p.voucherNo ?? '',
        paidOn: p.paidOn,
        recordedAt: p.recordedAt?.toISOString() ?? '',
        source: p.fundSource ?? source,
      });
    }
  }
  return rows.sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.reference.localeCompare(b.reference));
}

/** Finance's queue for one reward state, in the staff member's areas: the oldest (or the nearest claim deadline) first. */
export async function rewardWorklist(
  actor: Actor,
  query: z.infer<typeof rewardWorkQuery>,
): Promise<{ items: RewardWorkItem[]; total: number }> {
  const filter = { status: query.status, ...areaScope(actor) };
  const order: Record<string, 1> =
    query.status === 'reward-approved'
      ? { 'reward.claimDueAt': 1, reference: 1 }
      : { statusChangedAt: 1, reference: 1 };
  const [reports, total] = await Promise.all([
    Report.find(filter, {
      reference: 1,
      status: 1,
      area: 1,
      category: 1,
      statusChangedAt: 1,
      'reward.amountFen': 1,
      'reward.reservedFen': 1,
      'reward.claimDueAt': 1,
      'reward.claimedAt': 1,
    })
      .sort(order)
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean<RewardProjection[]>(),
    Report.countDocuments(filter),
  ]);
  const items = reports.map((r) => ({
    reference: r.reference,
    status: r.status,
    area: r.area,
    category: r.category,
    amountFen: r.reward?.amountFen ?? 0,
    reservedFen: r.reward?.reservedFen ?? 0,
    ...(r.statusChangedAt ? { statusChangedAt: r.statusChangedAt.toISOString() } : {}),
    ...(r.reward?.claimDueAt ? { claimDueAt: r.reward.claimDueAt.toISOString() } : {}),
    ...(r.reward?.claimedAt ? { claimedAt: r.reward.claimedAt.toISOString() } : {}),
  }));
  return { items, total };
}
