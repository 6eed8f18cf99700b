// The monthly random sample (抽查复核): in the first days of each month (Asia/Shanghai)
// a share of the rewards paid in the previous month — the sample rate of the policy
// version in force on the draw day — is drawn uniformly at random and each case is
// given, through the `sample-drawn` step, to an active verifier of its area who had
// no hand in it. Re-running the draw in the same month draws only what is missing,
// so the job may run hourly from any process (it is leased) without drawing twice.
import crypto from 'node:crypto';
import { trusted } from 'mongoose';
import { addMonths, shanghaiDay, shanghaiMonthOf } from '../../shared/dates';
import { policyInForce } from '../../shared/rewards';
import { AppError } from '../platform/errors';
import { transition } from '../reports/pipeline';
import { Report, type ReportFields } from '../reports/report.model';
import { staffCoveringArea } from '../access/areaScope';
import { Staff } from '../staff/staff.model';
import { currentPolicies } from './policyRegistry';
import { handlersOf } from './sampleChanges';

/** The draw happens on days 1 to 5 of the month: a restart or a missed hour never skips a month [assumed]. */
export const SAMPLE_DRAW_DAYS = 5;

export interface SampleDraw {
  month: string;
  paid: number;
  ratePercent: number;
  target: number;
  drawn: string[];
  /** Cases with no verifier who may re-inspect them (logged by the job). */
  skipped: string[];
}

const system = { kind: 'system' } as const;

/** A uniform random order (Fisher–Yates with the system's cryptographic generator). */
function shuffled<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const pick = <T>(items: T[]): T => items[crypto.randomInt(items.length)];

async function eligibleVerifiers(report: ReportFields): Promise<string[]> {
  const handled = handlersOf(report);
  const verifiers = await Staff.find(
    { role: 'verifier', disabled: false, ...staffCoveringArea(report.area) },
    { _id: 1 },
  ).lean();
  return verifiers.map((v) => String(v._id)).filter((id) => !handled.has(id));
}

/** Draws last month's sample when `now` is one of the first days of a month; otherwise does nothing. */
export async function drawMonthlySample(now: Date): Promise<SampleDraw | null> {
  const today = shanghaiDay(now);
  if (Number(today.slice(8, 10)) > SAMPLE_DRAW_DAYS) return null;
  const month = addMonths(shanghaiMonthOf(now), -1);
  const ratePercent = policyInForce(today, currentPolicies()).controls.sampleRatePercent;
  const paidInMonth = {
    status: trusted({ $in: ['reward-paid', 'closed'] }),
    'reward.payout.paidOn': trusted({ $gte: `${month}-01`, $lte: `${month}-31` }),
  };
  // Only what the draw and `handlersOf` read: never the report's text, evidence or sealed fields.
  const paid = await Report.find(paidInMonth, {
    reference: 1,
    area: 1,
    'assignment.verifierId': 1,
    findingsById: 1,
    reward: 1,
    'conclusion.involvedIds': 1,
  }).lean<ReportFields[]>();
  const target = Math.ceil((ratePercent * paid.length) / 100);
  const already = paid.filter((r) => r.reward?.sampleCheck?.month === month).length;
  const result: SampleDraw = { month, paid: paid.length, ratePercent, target, drawn: [], skipped: [] };
  let missing = target - already;
  for (const report of shuffled(paid.filter((r) => r.reward?.sampleCheck?.month !== month))) {
    if (missing <= 0) break;
    const verifiers = await eligibleVerifiers(report);
    if (!verifiers.length) {
      result.skipped.push(report.reference);
      continue;
    }
    try {
      await transition(report.reference, 'sample-drawn', { month, verifierId: pick(verifiers) }, system, { now });
      result.drawn.push(report.reference);
      missing--;
    } catch (e) {
      if (!(e instanceof AppError)) throw e; // changed meanwhile (drawn by another run, or no longer paid)
    }
  }
  return result;
}
