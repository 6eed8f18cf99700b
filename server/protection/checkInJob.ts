// Check-ins (回访) to insider reporters at the policy's days after the conclusion
// (shared/protection/policy.ts). One step per report and round; a report that
// missed rounds (the job was down, or the conclusion is old) gets only the latest
// round due, so a reporter is never sent a burst of questions at once.
import { trusted } from 'mongoose';
import { protectionPolicy } from '../../shared/protection/policy';
import { AppError } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { transition } from '../reports/pipeline';
import { Report, type ReportFields } from '../reports/report.model';

const DAY = 86_400_000;
const system = { kind: 'system' } as const;

/** The latest round due by `now` for a conclusion at `concludedAt` (0: none yet). */
export function dueRound(concludedAt: Date, now: Date): number {
  const elapsed = now.getTime() - concludedAt.getTime();
  return protectionPolicy.checkInDays.filter((days) => elapsed >= days * DAY).length;
}

/**
 * Insider reports (the assessment's word, or the reporter's when unassessed) with a
 * standing conclusion, a reporter who has not withdrawn and can still sign in. A conclusion
 * older than the last round plus its answer period is past asking: without this bound the
 * first run would question every insider who ever reported.
 */
function candidatesFilter(now: Date): Record<string, unknown> {
  const firstDue = new Date(now.getTime() - protectionPolicy.checkInDays[0] * DAY);
  const lastRound = protectionPolicy.checkInDays.length;
  const lastUseful = Math.max(...protectionPolicy.checkInDays) + protectionPolicy.checkInAnswerDays;
  const oldest = new Date(now.getTime() - lastUseful * DAY);
  return {
    'conclusion.at': trusted({ $lte: firstDue, $gt: oldest }),
    accessKeyHash: trusted({ $type: 'string' }),
    'reporterWithdrawal.at': trusted({ $not: { $type: 'date' } }),
    'protection.checkIns': trusted({ $not: { $elemMatch: { round: { $gte: lastRound } } } }),
    $or: [
      { 'protection.assessment.insider': true },
      { 'protection.assessment.insider': trusted({ $exists: false }), employeeOfSubject: true },
    ],
  };
}

export async function sendDueCheckIns(
  box: SecretBox,
  publicBaseUrl: string,
  now = new Date(),
): Promise<{ sent: number }> {
  const candidates = await Report.find(candidatesFilter(now), {
    reference: 1,
    'conclusion.at': 1,
    'protection.checkIns.round': 1,
  }).lean<Pick<ReportFields, 'reference' | 'conclusion' | 'protection'>[]>();
  let sent = 0;
  for (const r of candidates) {
    const round = dueRound(r.conclusion!.at, now);
    const lastSent = Math.max(0, ...(r.protection?.checkIns ?? []).map((c) => c.round ?? 0));
    if (round <= lastSent) continue;
    try {
      await transition(r.reference, 'check-in-sent', { round }, system, { box, publicBaseUrl, now });
      sent++;
    } catch (e) {
      // Sent by a concurrent run, or the report moved on: nothing is owed now.
      if (!(e instanceof AppError)) throw e;
    }
  }
  return { sent };
}
