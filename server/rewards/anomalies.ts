// The reward anomaly views for finance, the discipline officer and leaders: the
// rewards approved in a period, tallied by the verifier who established the
// facts, the area, the payee (a pseudonym of the blind index), the subject
// enterprise; the amounts moved from the computed one; cases rewarded unusually
// fast; and claims whose checks raised a flag. Figures only: no identities.
import { trusted } from 'mongoose';
import { shanghaiDayStart, shanghaiMonthEnd, shanghaiMonthStart, MONTH_PATTERN } from '../../shared/dates';
import type { AnomaliesView } from '../../shared/schemas/rewardControls';
import type { Actor } from '../access';
import { areaScope } from '../access/areaScope';
import { fail } from '../platform/errors';
import { Report, type ReportFields } from '../reports/report.model';
import { Staff } from '../staff/staff.model';
import { halfWidth, payeePseudonym } from './blindIndex';

const DAY = 86_400_000;
/**
 * A substantiated, rewarded case concluded within this many days of acceptance is
 * listed for a second look [assumed]: verification normally takes most of its
 * 15-day period, and a reward arranged between an insider and a "reporter" tends
 * to skip the work in between.
 */
export const QUICK_CLOSURE_DAYS = 3;

/** The instants a period of months or days (Asia/Shanghai, both ends included) covers. */
function periodOf(from: string, to: string): { start: Date; end: Date } {
  const start = MONTH_PATTERN.test(from) ? shanghaiMonthStart(from) : shanghaiDayStart(from);
  const end = MONTH_PATTERN.test(to) ? shanghaiMonthEnd(to) : new Date(shanghaiDayStart(to).getTime() + DAY);
  if (Number.isNaN(start.getTime()))
    throw fail('request.invalid', [{ path: 'query.from', code: 'invalid', message: 'not a real month or day' }]);
  if (Number.isNaN(end.getTime()) || end <= start)
    throw fail('request.invalid', [{ path: 'query.to', code: 'invalid', message: 'the period ends before it starts' }]);
  return { start, end };
}

/** Enterprise names as typed vary in spaces and full-width brackets; one name, one row. */
export const normaliseSubject = (name: string) => halfWidth(name).replace(/\s+/g, '');

type Tally = { count: number; totalFen: number };
function tallyBy<T>(items: T[], keyOf: (t: T) => string | undefined, amountOf: (t: T) => number) {
  const tallies = new Map<string, Tally & { items: T[] }>();
  for (const item of items) {
    const key = keyOf(item);
    if (!key) continue;
    const t = tallies.get(key) ?? { count: 0, totalFen: 0, items: [] };
    t.count += 1;
    t.totalFen += amountOf(item);
    t.items.push(item);
    tallies.set(key, t);
  }
  return [...tallies.entries()].sort(
    ([ka, a], [kb, b]) => b.count - a.count || b.totalFen - a.totalFen || (ka < kb ? -1 : 1),
  );
}

export async function rewardAnomalies(actor: Actor, from: string, to: string): Promise<AnomaliesView> {
  const { start, end } = periodOf(from, to);
  const fields = {
    reference: 1,
    area: 1,
    subjectName: 1,
    findingsById: 1,
    'assignment.verifierId': 1,
    conclusion: 1,
    timeline: 1,
    reward: 1,
  };
  const scope = areaScope(actor);
  const rewarded = await Report.find(
    { ...scope, 'reward.eligible': true, 'reward.approvedAt': trusted({ $gte: start, $lt: end }) },
    fields,
  )
    .sort({ 'reward.approvedAt': 1 })
    .lean<ReportFields[]>();
  const flaggedReports = await Report.find(
    {
      ...scope,
      'reward.claimChecks.flags.0': trusted({ $exists: true }),
      'reward.claimedAt': trusted({ $gte: start, $lt: end }),
    },
    { reference: 1, 'reward.amountFen': 1, 'reward.claimChecks.flags': 1, 'reward.claimChecks.clearedAt': 1 },
  )
    .sort({ 'reward.claimedAt': 1 })
    .lean<ReportFields[]>();

  const amount = (r: ReportFields) => r.reward?.amountFen ?? 0;
  const adjusted = (r: ReportFields) => r.reward?.computedFen != null && r.reward.amountFen !== r.reward.computedFen;
  const verifierOf = (r: ReportFields) => r.findingsById ?? r.assignment?.verifierId ?? undefined;
  const byVerifier = tallyBy(rewarded, verifierOf, amount);
  const staff = await Staff.find({ _id: trusted({ $in: byVerifier.map(([id]) => id) }) }, { username: 1 }).lean();
  const names = new Map(staff.map((s) => [String(s._id), s.username]));

  const quickClosures = rewarded.flatMap((r) => {
    const acceptedAt = r.timeline?.find((s) => s.type === 'accept')?.at;
    const concludedAt = r.conclusion?.kind === 'substantiated' ? r.conclusion.at : undefined;
    if (!acceptedAt || !concludedAt || concludedAt.getTime() - acceptedAt.getTime() > QUICK_CLOSURE_DAYS * DAY)
      return [];
    return [
      {
        reference: r.reference,
        acceptedAt: acceptedAt.toISOString(),
        concludedAt: concludedAt.toISOString(),
        amountFen: amount(r),
      },
    ];
  });

  return {
    from,
    to,
    quickClosureDays: QUICK_CLOSURE_DAYS,
    byVerifier: byVerifier.map(([verifierId, t]) => ({
      verifierId,
      verifier: names.get(verifierId),
      count: t.count,
      totalFen: t.totalFen,
      adjustedCount: t.items.filter(adjusted).length,
    })),
    byArea: tallyBy(rewarded, (r) => r.area, amount).map(([area, t]) => ({
      area,
      count: t.count,
      totalFen: t.totalFen,
    })),
    byPayee: tallyBy(
      rewarded,
      (r) => (r.reward?.claimChecks?.payeeIndex ? payeePseudonym(r.reward.claimChecks.payeeIndex) : undefined),
      amount,
    ).map(([payee, t]) => ({ payee, count: t.count, totalFen: t.totalFen })),
    bySubject: tallyBy(rewarded, (r) => (r.subjectName ? normaliseSubject(r.subjectName) : undefined), amount).map(
      ([subject, t]) => ({ subject, count: t.count, totalFen: t.totalFen }),
    ),
    adjusted: rewarded.filter(adjusted).map((r) => ({
      reference: r.reference,
      computedFen: r.reward!.computedFen!,
      amountFen: amount(r),
      reason: r.reward?.adjustmentReason ?? undefined,
    })),
    quickClosures,
    flagged: flaggedReports.map((r) => ({
      reference: r.reference,
      flags: [...(r.reward?.claimChecks?.flags ?? [])],
      amountFen: amount(r),
      cleared: !!r.reward?.claimChecks?.clearedAt,
    })),
  };
}
