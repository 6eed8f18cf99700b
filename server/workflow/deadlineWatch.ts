// Verification deadlines: a reminder to the verifier a week before the due date,
// and an escalation to the responsible unit's head once it has passed — each sent
// once (claimed by a conditional update), on whatever clock the job is given.
import { trusted } from 'mongoose';
import { inTransaction } from '../db';
import { enqueueEmail } from '../emails/outbox';
import { Report } from '../models/Report';
import { Staff } from '../models/Staff';
import { Unit } from '../models/Unit';

const DAY = 86_400_000;
export const REMINDER_DAYS_BEFORE = 7;

const open = { status: trusted({ $in: ['assigned', 'verifying'] }) };

async function sendOnce(reportId: unknown, mark: 'reminderSentAt' | 'escalatedAt', now: Date, mails: { to: string | undefined | null; subject: string; text: string }[], timelineType: string): Promise<boolean> {
  return inTransaction(async (session) => {
    const claimed = await Report.updateOne(
      { _id: reportId, [`assignment.${mark}`]: trusted({ $exists: false }) },
      { $set: { [`assignment.${mark}`]: now }, $push: { timeline: { at: now, type: timelineType, public: false } } },
      { session },
    );
    if (!claimed.modifiedCount) return false;
    for (const m of mails) if (m.to) await enqueueEmail({ to: m.to, subject: m.subject, text: m.text }, session, now);
    return true;
  });
}

export async function watchDeadlines(now: Date, publicBaseUrl: string): Promise<{ reminders: number; escalations: number }> {
  let reminders = 0;
  let escalations = 0;
  const dueSoon = await Report.find({ ...open, 'assignment.dueAt': trusted({ $gt: now, $lte: new Date(now.getTime() + REMINDER_DAYS_BEFORE * DAY) }), 'assignment.reminderSentAt': trusted({ $exists: false }) }).lean();
  for (const r of dueSoon) {
    const verifier = await Staff.findById(r.assignment!.verifierId).lean();
    const due = r.assignment!.dueAt!.toISOString().slice(0, 10);
    const sent = await sendOnce(r._id, 'reminderSentAt', now, [{ to: verifier?.email, subject: `【啄木鸟】核查期限将至 ${r.reference} / Verification due ${due}`, text: `举报 ${r.reference} 的核查期限为 ${due}，请及时完成。\nReport ${r.reference} is due for verification on ${due}.\n${publicBaseUrl}/console` }], 'deadline-reminder');
    if (sent) reminders++;
  }
  const overdue = await Report.find({ ...open, 'assignment.dueAt': trusted({ $lte: now }), 'assignment.escalatedAt': trusted({ $exists: false }) }).lean();
  for (const r of overdue) {
    const [verifier, unit] = await Promise.all([Staff.findById(r.assignment!.verifierId).lean(), Unit.findOne({ code: r.assignment!.unitCode }).lean()]);
    const text = `举报 ${r.reference} 已超过核查期限，请督办。\nReport ${r.reference} is past its verification deadline.\n${publicBaseUrl}/console`;
    const sent = await sendOnce(r._id, 'escalatedAt', now, [
      { to: unit?.headEmail, subject: `【啄木鸟】核查超期督办 ${r.reference} / Overdue verification`, text },
      { to: verifier?.email, subject: `【啄木鸟】核查已超期 ${r.reference} / Overdue verification`, text },
    ], 'deadline-escalated');
    if (sent) escalations++;
  }
  return { reminders, escalations };
}
