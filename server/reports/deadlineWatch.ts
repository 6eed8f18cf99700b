// Deadlines: screening (the acceptance clock) and verification, and through
// conclusionWatch the result letter and the review of an objection. A reminder
// before each due date and an escalation once it has passed — each sent once
// (a row of the workflow table, claimed by a conditional update), on whatever
// clock the job is given.
import { trusted } from 'mongoose';
import { shanghaiDateTime } from '../../shared/dates';
import { stateGroups } from '../../shared/workflow';
import { currentPolicies } from '../rewards/policyRegistry';
import { responsibleUnitCode } from '../catalog/responsibilities';
import type { SecretBox } from '../platform/secretBox';
import { Report } from './report.model';
import { Staff } from '../staff/staff.model';
import { acceptanceDueAt } from './acceptanceClock';
import { watchConclusions } from './conclusionWatch';
import { DAY, sendOnce } from './deadlineStep';
import { headEmailOf, staffEmails } from './staffRecipients';

export const REMINDER_DAYS_BEFORE = 7;

const open = { status: trusted({ $in: [...stateGroups.underVerification] }) };

export interface AcceptancePolicy {
  /** Overrides the acceptance period of each report's policy version (calendar days from submission). */
  days?: number;
  reminderDaysBefore: number;
}

const defaultAcceptance: AcceptancePolicy = { reminderDaysBefore: 2 };

/** The shortest acceptance period any report can have: none is due earlier than this after submission. */
const shortestAcceptanceDays = (policy: AcceptancePolicy): number =>
  policy.days ?? Math.min(...currentPolicies().map((p) => p.periods.acceptance.days));

/**
 * Screening deadlines: the area's intake officers are reminded before the due date;
 * after it, they and the head of the unit the responsibility table names (else the
 * area's emergency bureau) are told. Each once per report.
 */
async function watchAcceptance(
  box: SecretBox,
  now: Date,
  publicBaseUrl: string,
  policy: AcceptancePolicy,
): Promise<{ reminders: number; escalations: number }> {
  let reminders = 0;
  let escalations = 0;
  // Pauses and working days only push a due date later, so a report not yet in the reminder window by submission time is not in it at all.
  const windowStart = new Date(now.getTime() - (shortestAcceptanceDays(policy) - policy.reminderDaysBefore) * DAY);
  // Awaiting information is left out: its clock is paused.
  const candidates = await Report.find({
    status: trusted({ $in: [...stateGroups.screeningClockRunning] }),
    submittedAt: trusted({ $lte: windowStart }),
    'acceptance.escalatedAt': trusted({ $exists: false }),
  })
    .select({ reference: 1, area: 1, sector: 1, submittedAt: 1, acceptance: 1 })
    .lean();
  for (const r of candidates) {
    const dueAt = acceptanceDueAt(r, policy.days);
    const due = shanghaiDateTime(dueAt);
    if (dueAt <= now) {
      const unitCode = (await responsibleUnitCode(r.sector, r.area)) ?? `emb-${r.area}`;
      const text = `举报 ${r.reference} 已超过受理审查期限（${due}），请督办。\nReport ${r.reference} is past its screening deadline (${due}).\n${publicBaseUrl}/console`;
      const to = [await headEmailOf(unitCode), ...(await staffEmails(['intake'], r.area))];
      const mails = to.map((m) => ({
        to: m,
        subject: `【啄木鸟】受理超期督办 ${r.reference} / Overdue screening`,
        text,
      }));
      if (await sendOnce(box, publicBaseUrl, r.reference, 'acceptance-escalated', now, mails)) escalations++;
    } else if (dueAt.getTime() - now.getTime() <= policy.reminderDaysBefore * DAY && !r.acceptance?.reminderSentAt) {
      const text = `举报 ${r.reference} 的受理审查期限为 ${due}，请及时受理、转办或作出其他处理。\nReport ${r.reference} must be screened by ${due}.\n${publicBaseUrl}/console`;
      const mails = (await staffEmails(['intake'], r.area)).map((to) => ({
        to,
        subject: `【啄木鸟】受理期限将至 ${r.reference} / Screening due ${due}`,
        text,
      }));
      if (await sendOnce(box, publicBaseUrl, r.reference, 'acceptance-reminder', now, mails)) reminders++;
    }
  }
  return { reminders, escalations };
}

/** Verification deadlines: the verifier a week before; the unit's head and the verifier once overdue. */
async function watchVerification(
  box: SecretBox,
  now: Date,
  publicBaseUrl: string,
): Promise<{ reminders: number; escalations: number }> {
  let reminders = 0;
  let escalations = 0;
  const dueSoon = await Report.find({
    ...open,
    'assignment.dueAt': trusted({ $gt: now, $lte: new Date(now.getTime() + REMINDER_DAYS_BEFORE * DAY) }),
    // null too: an approved extension clears the mark so the new due date gets its own reminder.
    'assignment.reminderSentAt': null,
  }).lean();
  for (const r of dueSoon) {
    const verifier = await Staff.findById(r.assignment!.verifierId).lean();
    const due = shanghaiDateTime(r.assignment!.dueAt!);
    const sent = await sendOnce(box, publicBaseUrl, r.reference, 'deadline-reminder', now, [
      {
        to: verifier?.email,
        subject: `【啄木鸟】核查期限将至 ${r.reference} / Verification due ${due}`,
        text: `举报 ${r.reference} 的核查期限为 ${due}，请及时完成。\nReport ${r.reference} is due for verification on ${due}.\n${publicBaseUrl}/console`,
      },
    ]);
    if (sent) reminders++;
  }
  const overdue = await Report.find({
    ...open,
    'assignment.dueAt': trusted({ $lte: now }),
    'assignment.escalatedAt': null,
  }).lean();
  for (const r of overdue) {
    const [verifier, head] = await Promise.all([
      Staff.findById(r.assignment!.verifierId).lean(),
      headEmailOf(r.assignment!.unitCode),
    ]);
    const text = `举报 ${r.reference} 已超过核查期限，请督办。\nReport ${r.reference} is past its verification deadline.\n${publicBaseUrl}/console`;
    const sent = await sendOnce(box, publicBaseUrl, r.reference, 'deadline-escalated', now, [
      { to: head, subject: `【啄木鸟】核查超期督办 ${r.reference} / Overdue verification`, text },
      { to: verifier?.email, subject: `【啄木鸟】核查已超期 ${r.reference} / Overdue verification`, text },
    ]);
    if (sent) escalations++;
  }
  return { reminders, escalations };
}

export interface DeadlineCounts {
  /** Screening and verification. */
  reminders: number;
  escalations: number;
  letterReminders: number;
  letterEscalations: number;
  objectionReviewReminders: number;
  objectionReviewEscalations: number;
}

export async function watchDeadlines(
  box: SecretBox,
  now: Date,
  publicBaseUrl: string,
  acceptance: AcceptancePolicy = defaultAcceptance,
): Promise<DeadlineCounts> {
  const screening = await watchAcceptance(box, now, publicBaseUrl, acceptance);
  const verification = await watchVerification(box, now, publicBaseUrl);
  return {
    reminders: screening.reminders + verification.reminders,
    escalations: screening.escalations + verification.escalations,
    ...(await watchConclusions(box, now, publicBaseUrl)),
  };
}
