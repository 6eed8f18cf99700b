// The clocks a conclusion starts: the result letter is due within the feedback
// period (reminded a few days before, escalated after), and an objection is
// reviewed by the level above within the review period. Each mail once per
// report, through the same deadline steps as screening and verification.
import { trusted } from 'mongoose';
import { shanghaiDateTime } from '../../shared/dates';
import { stateGroups } from '../../shared/workflow';
import { responsibleUnitCode } from '../catalog/responsibilities';
import type { SecretBox } from '../platform/secretBox';
import type { DeadlineStep } from './caseChanges';
import { DAY, sendOnce } from './deadlineStep';
import { headEmailOf, staffEmails } from './staffRecipients';
import { Report, type ReportFields } from './report.model';

/** How long before its due date the result letter is reminded (the period is 10 days). */
export const LETTER_REMINDER_DAYS = 3;
/** How long before its due date an objection's review is reminded (the period is 30 days). */
export const REVIEW_REMINDER_DAYS = 7;
/** The city bureau, whose head hears of an overdue objection review. */
const CITY_BUREAU = 'city-emb';

type Due = { reminded: boolean; escalated: boolean };

/** The unit answerable for a conclusion: the verifying unit, else the one screening answers to. */
async function answerableUnit(r: Pick<ReportFields, 'assignment' | 'sector' | 'area'>): Promise<string> {
  return r.assignment?.unitCode ?? (await responsibleUnitCode(r.sector, r.area)) ?? `emb-${r.area}`;
}

interface ClockMail {
  step: DeadlineStep;
  /** Who is told: read only when this mail goes out. */
  to: () => (string | undefined)[] | Promise<(string | undefined)[]>;
  subject: string;
  text: string;
}

/** Past its due date a clock is escalated; before it, reminded. Each mail is a deadline step, sent once per report. */
async function remindOrEscalate(
  box: SecretBox,
  publicBaseUrl: string,
  now: Date,
  clock: { reference: string; dueAt: Date; reminded: boolean; reminder: ClockMail; escalation: ClockMail },
): Promise<Due> {
  const escalate = clock.dueAt <= now;
  if (!escalate && clock.reminded) return { reminded: false, escalated: false };
  const mail = escalate ? clock.escalation : clock.reminder;
  const mails = (await mail.to()).map((to) => ({ to, subject: mail.subject, text: mail.text }));
  const sent = await sendOnce(box, publicBaseUrl, clock.reference, mail.step, now, mails);
  return { reminded: !escalate && sent, escalated: escalate && sent };
}

async function watchLetters(box: SecretBox, now: Date, publicBaseUrl: string): Promise<Due[]> {
  const candidates = await Report.find({
    status: trusted({ $in: [...stateGroups.concluded] }),
    'conclusion.letterSentAt': trusted({ $exists: false }),
    'conclusion.letterDueAt': trusted({ $lte: new Date(now.getTime() + LETTER_REMINDER_DAYS * DAY) }),
    'conclusion.escalatedAt': null,
  })
    .select({ reference: 1, area: 1, sector: 1, assignment: 1, conclusion: 1 })
    .lean();
  const results: Due[] = [];
  for (const r of candidates) {
    const dueAt = r.conclusion!.letterDueAt;
    const due = shanghaiDateTime(dueAt);
    const officers = await staffEmails(['reviewer', 'intake'], r.area);
    results.push(
      await remindOrEscalate(box, publicBaseUrl, now, {
        reference: r.reference,
        dueAt,
        reminded: !!r.conclusion!.reminderSentAt,
        reminder: {
          step: 'letter-reminder',
          to: () => officers,
          subject: `【啄木鸟】结果告知期限将至 ${r.reference} / Result letter due ${due}`,
          text: `举报 ${r.reference} 已有核查结论，请于 ${due} 前向举报人发送核查结果告知书。\nReport ${r.reference} is concluded: send the result letter by ${due}.\n${publicBaseUrl}/console`,
        },
        escalation: {
          step: 'letter-escalated',
          to: async () => [await headEmailOf(await answerableUnit(r)), ...officers],
          subject: `【啄木鸟】结果告知超期督办 ${r.reference} / Overdue result letter`,
          text: `举报 ${r.reference} 的核查结果告知书已超过告知期限（${due}）仍未发送，请督办。\nThe result letter of report ${r.reference} is overdue (due ${due}).\n${publicBaseUrl}/console`,
        },
      }),
    );
  }
  return results;
}

/** Objections are reviewed at the city level: its reviewers are reminded, and the city bureau's head hears of an overdue one. */
async function watchObjectionReviews(box: SecretBox, now: Date, publicBaseUrl: string): Promise<Due[]> {
  const candidates = await Report.find({
    status: 'objected',
    'objectionReview.dueAt': trusted({ $lte: new Date(now.getTime() + REVIEW_REMINDER_DAYS * DAY) }),
    'objectionReview.escalatedAt': null,
  })
    .select({ reference: 1, area: 1, objectionReview: 1 })
    .lean();
  const results: Due[] = [];
  for (const r of candidates) {
    const dueAt = r.objectionReview!.dueAt!;
    const due = shanghaiDateTime(dueAt);
    const reviewers = await staffEmails(['reviewer'], r.area, true);
    results.push(
      await remindOrEscalate(box, publicBaseUrl, now, {
        reference: r.reference,
        dueAt,
        reminded: !!r.objectionReview!.reminderSentAt,
        reminder: {
          step: 'objection-review-reminder',
          to: () => reviewers,
          subject: `【啄木鸟】异议复查期限将至 ${r.reference} / Objection review due ${due}`,
          text: `举报人对举报 ${r.reference} 的核查结论提出异议，请于 ${due} 前作出复查决定。\nThe reporter objected to the conclusion of report ${r.reference}: decide the review by ${due}.\n${publicBaseUrl}/console`,
        },
        escalation: {
          step: 'objection-review-escalated',
          to: async () => [await headEmailOf(CITY_BUREAU), ...reviewers],
          subject: `【啄木鸟】异议复查超期督办 ${r.reference} / Overdue objection review`,
          text: `举报 ${r.reference} 的异议复查已超过期限（${due}），请督办。\nThe review of the objection to report ${r.reference} is overdue (due ${due}).\n${publicBaseUrl}/console`,
        },
      }),
    );
  }
  return results;
}

const count = (results: Due[], key: keyof Due) => results.filter((d) => d[key]).length;

export async function watchConclusions(
  box: SecretBox,
  now: Date,
  publicBaseUrl: string,
): Promise<{
  letterReminders: number;
  letterEscalations: number;
  objectionReviewReminders: number;
  objectionReviewEscalations: number;
}> {
  const letters = await watchLetters(box, now, publicBaseUrl);
  const reviews = await watchObjectionReviews(box, now, publicBaseUrl);
  return {
    letterReminders: count(letters, 'reminded'),
    letterEscalations: count(letters, 'escalated'),
    objectionReviewReminders: count(reviews, 'reminded'),
    objectionReviewEscalations: count(reviews, 'escalated'),
  };
}
