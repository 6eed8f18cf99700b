// Deadlines: screening (the acceptance clock) and verification. A reminder before
// each due date and an escalation once it has passed — each sent once (claimed by
// a conditional update), on whatever clock the job is given.
import { trusted } from 'mongoose';
import { shanghaiDateTime } from '../../shared/dates';
import { coversArea } from '../../shared/areaScope';
import { nationalPeriods } from '../../shared/periods';
import { stateGroups } from '../../shared/workflow';
import { responsibleUnitCode } from '../catalog/responsibilities';
import type { SecretBox } from '../platform/secretBox';
import { AppError } from '../platform/errors';
import { transition } from './pipeline';
import { Report, type ReportFields } from './report.model';
import { Staff } from '../staff/staff.model';
import { Unit } from '../catalog/unit.model';
import { acceptanceDueAt } from './acceptanceClock';

const DAY = 86_400_000;
export const REMINDER_DAYS_BEFORE = 7;

const open = { status: trusted({ $in: [...stateGroups.underVerification] }) };

type DeadlineStep = 'acceptance-reminder' | 'acceptance-escalated' | 'deadline-reminder' | 'deadline-escalated';
const system = { kind: 'system' } as const;

/**
 * Takes the deadline step (the table lets each happen once per report, and only
 * while its clock runs) and queues its mails with it; false when it was not due
 * any more (sent already, or the report moved on).
 */
async function sendOnce(
  box: SecretBox,
  publicBaseUrl: string,
  report: Pick<ReportFields, 'reference'>,
  step: DeadlineStep,
  now: Date,
  mails: { to: string | undefined | null; subject: string; text: string }[],
): Promise<boolean> {
  const addressed = mails.filter((m): m is { to: string; subject: string; text: string } => !!m.to);
  try {
    await transition(report.reference, step, { mails: addressed }, system, { box, publicBaseUrl, now });
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}

export interface AcceptancePolicy {
  days: number;
  reminderDaysBefore: number;
}

const defaultAcceptance: AcceptancePolicy = {
  days: nationalPeriods.acceptance.days,
  reminderDaysBefore: 2,
};

/** Intake officers who screen reports of this area (listed, or granted every area; no areas means none). */
async function intakeEmails(area: string): Promise<string[]> {
  const officers = await Staff.find(
    { role: 'intake', disabled: trusted({ $ne: true }), email: trusted({ $type: 'string' }) },
    { email: 1, areaCodes: 1, allAreas: 1 },
  ).lean();
  return officers.filter((o) => coversArea(o, area)).map((o) => o.email!);
}

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
  // Pauses only push a due date later, so a report not yet in the reminder window by submission time is not in it at all.
  const windowStart = new Date(now.getTime() - (policy.days - policy.reminderDaysBefore) * DAY);
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
      const unit = await Unit.findOne({ code: unitCode }).lean();
      const text = `举报 ${r.reference} 已超过受理审查期限（${due}），请督办。\nReport ${r.reference} is past its screening deadline (${due}).\n${publicBaseUrl}/console`;
      const to = [unit?.headEmail, ...(await intakeEmails(r.area))];
      if (
        await sendOnce(
          box,
          publicBaseUrl,
          r,
          'acceptance-escalated',
          now,
          to.map((m) => ({ to: m, subject: `【啄木鸟】受理超期督办 ${r.reference} / Overdue screening`, text })),
        )
      )
        escalations++;
    } else if (dueAt.getTime() - now.getTime() <= policy.reminderDaysBefore * DAY && !r.acceptance?.reminderSentAt) {
      const text = `举报 ${r.reference} 的受理审查期限为 ${due}，请及时受理、转办或作出其他处理。\nReport ${r.reference} must be screened by ${due}.\n${publicBaseUrl}/console`;
      const mails = (await intakeEmails(r.area)).map((to) => ({
        to,
        subject: `【啄木鸟】受理期限将至 ${r.reference} / Screening due ${due}`,
        text,
      }));
      if (await sendOnce(box, publicBaseUrl, r, 'acceptance-reminder', now, mails)) reminders++;
    }
  }
  return { reminders, escalations };
}

export async function watchDeadlines(
  box: SecretBox,
  now: Date,
  publicBaseUrl: string,
  acceptance: AcceptancePolicy = defaultAcceptance,
): Promise<{ reminders: number; escalations: number }> {
  let { reminders, escalations } = await watchAcceptance(box, now, publicBaseUrl, acceptance);
  const dueSoon = await Report.find({
    ...open,
    'assignment.dueAt': trusted({ $gt: now, $lte: new Date(now.getTime() + REMINDER_DAYS_BEFORE * DAY) }),
    'assignment.reminderSentAt': trusted({ $exists: false }),
  }).lean();
  for (const r of dueSoon) {
    const verifier = await Staff.findById(r.assignment!.verifierId).lean();
    const due = shanghaiDateTime(r.assignment!.dueAt!);
    const sent = await sendOnce(box, publicBaseUrl, r, 'deadline-reminder', now, [
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
    'assignment.escalatedAt': trusted({ $exists: false }),
  }).lean();
  for (const r of overdue) {
    const [verifier, unit] = await Promise.all([
      Staff.findById(r.assignment!.verifierId).lean(),
      Unit.findOne({ code: r.assignment!.unitCode }).lean(),
    ]);
    const text = `举报 ${r.reference} 已超过核查期限，请督办。\nReport ${r.reference} is past its verification deadline.\n${publicBaseUrl}/console`;
    const sent = await sendOnce(box, publicBaseUrl, r, 'deadline-escalated', now, [
      { to: unit?.headEmail, subject: `【啄木鸟】核查超期督办 ${r.reference} / Overdue verification`, text },
      { to: verifier?.email, subject: `【啄木鸟】核查已超期 ${r.reference} / Overdue verification`, text },
    ]);
    if (sent) escalations++;
  }
  return { reminders, escalations };
}
