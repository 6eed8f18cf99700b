// What the case-work steps change: screening, verification, findings and closing,
// staff messages, and the deadline mails the jobs send. Each function gets the
// report as loaded, the action's typed payload and the actor; it throws a domain
// error for a payload the report does not allow and changes nothing itself.
import { assertKnownArea } from '../jurisdiction/validate';
import { noteOf } from '../../shared/notes';
import { coversArea } from '../../shared/areaScope';
import { levelOfUnit, type Level } from '../../shared/levels';
import type { DeadlineMark } from '../../shared/workflow';
import { areaScope } from '../access/areaScope';
import { Unit } from '../catalog/unit.model';
import { fail } from '../platform/errors';
import { Staff } from '../staff/staff.model';
import { assessmentSet, requireAssessmentForInsider } from '../protection/assessment';
import { pausedClock, resumedClock } from './acceptanceClock';
import { staffOf, type ChangesFor, type StepActor } from './change';
import { periodEnd } from '../platform/calendar';
import { periodOf } from './clocks';
import { unitLevel } from '../catalog/units';
import { concluded } from './conclusion';
import { Report, type ReportFields } from './report.model';

export async function assertVerifier(id: string, area: string): Promise<void> {
  const v = await Staff.findById(id).lean();
  if (!v || v.disabled || v.role !== 'verifier' || !coversArea(v, area))
    throw fail('request.invalid', [
      { path: 'body.verifierId', code: 'invalid', message: 'not an active verifier for this area' },
    ]);
}

export async function assertUnit(code: string, path: string): Promise<void> {
  if (!(await Unit.exists({ code })))
    throw fail('request.invalid', [{ path, code: 'unknown', message: `unknown unit ${code}` }]);
}

/** Only a staff member's own reports can be named, so an answer reveals nothing about other areas. */
const scopeOf = (actor: StepActor) => {
  const staff = staffOf(actor);
  return staff ? areaScope(staff) : {};
};

type CaseAction =
  | 'start-screening'
  | 'request-information'
  | 'resume-screening'
  | 'accept'
  | 'reject'
  | 'mark-duplicate'
  | 'unlink-matter'
  | 'transfer'
  | 'reassign'
  | 'start-verification'
  | 'submit-findings'
  | 'approve-findings'
  | 'return-findings'
  | 'close'
  | 'staff-message';

export const caseChanges: ChangesFor<CaseAction> = {
  'start-screening': () => ({}),
  'request-information': (_r, p, _a, { now }) => ({
    set: pausedClock(now),
    message: { from: 'staff', body: p.message },
  }),
  'resume-screening': (r, _p, _a, { now }) => ({ set: resumedClock(r, now) }),
  accept: async (r, p, actor, { now }) => {
    requireAssessmentForInsider(r, p.protection);
    const assignment = await assignmentFor(r, p, now);
    // Deaths: the county-level government of the report's area verifies (安全生产法 第七十三条).
    if (p.involvesDeaths && assignment.unitAreaCode !== r.area)
      throw fail('request.invalid', [
        {
          path: 'body.unitCode',
          code: 'invalid',
          message: "a report of deaths is verified by its county's own department",
        },
      ]);
    // Non-insider reports may carry an assessment too (identifying details in the text).
    const assessed = p.protection ? assessmentSet(r, p.protection, staffOf(actor)?.id, now) : null;
    return {
      set: {
        ...assignment.set,
        ...(p.involvesDeaths ? { deathCase: { flaggedAt: now, flaggedById: staffOf(actor)?.id } } : {}),
        ...assessed?.set,
      },
      unset: assessed?.unset,
      auditDetails:
        p.involvesDeaths || assessed
          ? { ...(p.involvesDeaths ? { involvesDeaths: true } : {}), ...assessed?.auditDetails }
          : undefined,
    };
  },
  reject: async (r, p, actor, { now }) => ({
    note: p.reason,
    set: concluded(r, 'rejected', staffOf(actor)?.level ?? 'county', [staffOf(actor)?.id], now),
  }),
  'mark-duplicate': async (r, p, actor) => {
    // A report linked to a matter at intake is a duplicate of the matter's first case unless staff name another.
    const duplicateOf = p.duplicateOf ?? r.matter?.of ?? undefined;
    if (!duplicateOf)
      throw fail('request.invalid', [{ path: 'body.duplicateOf', code: 'required', message: 'the earlier report' }]);
    const original = await Report.findOne({ reference: duplicateOf, ...scopeOf(actor) }, { submittedAt: 1 }).lean();
    if (!original || duplicateOf === r.reference || original.submittedAt > r.submittedAt)
      throw fail('request.invalid', [
        { path: 'body.duplicateOf', code: 'invalid', message: 'must be an earlier report' },
      ]);
    return {
      set: { duplicateOf },
      // Staff read the reference; the reporter's views word it without (timelineNotes.ts).
      note: noteOf('report.duplicate', { duplicateOf }),
      auditDetails: { duplicateOf, ...(r.matter?.of ? { matter: r.matter.of } : {}) },
    };
  },
  'unlink-matter': (r, p, actor, { now }) => {
    const of = r.matter!.of!;
    return {
      set: { matterUnlinked: { of, byId: staffOf(actor)?.id, at: now, reason: p.reason } },
      unset: ['matter'],
      note: noteOf('matter.unlinked', { duplicateOf: of, reason: p.reason }),
      auditDetails: { of },
    };
  },
  transfer: async (_r, p, _a, { now }) => {
    if (p.toUnitCode) await assertUnit(p.toUnitCode, 'body.toUnitCode');
    await assertKnownArea(p.toArea, 'body.toArea');
    return { set: { transferredTo: { unitCode: p.toUnitCode, area: p.toArea, at: now } }, note: p.note };
  },
  // A request for more time was the previous verifier's: the new one asks again if they need it.
  reassign: async (r, p) => {
    await assertVerifier(p.verifierId, r.area);
    return { set: { 'assignment.verifierId': p.verifierId, 'assignment.extensionRequest': null } };
  },
  'start-verification': () => ({}),
  'submit-findings': (r, p, actor) => {
    // Only a death case waits for the investigation report's grade.
    if (p.gradePending && (!r.deathCase?.flaggedAt || r.deathCase.investigation?.grade))
      throw fail('request.invalid', [
        {
          path: 'body.gradePending',
          code: 'invalid',
          message: 'only a report flagged as involving deaths waits for the investigation',
        },
      ]);
    return { set: { findings: p, findingsById: staffOf(actor)?.id } };
  },
  'approve-findings': async (r, p, actor, { now }) => {
    const kind = (r.findings as { substantiated?: boolean } | undefined)?.substantiated
      ? 'substantiated'
      : 'unsubstantiated';
    const level = (r.assignment?.unitLevel as Level | undefined) ?? (await unitLevel(r.assignment?.unitCode));
    return {
      to: kind,
      internalNote: p.comment,
      set: concluded(r, kind, level, [r.findingsById, r.assignment?.verifierId, staffOf(actor)?.id], now),
    };
  },
  'return-findings': (_r, p) => ({ note: p.reason }),
  close: (_r, p) => ({ note: p.note }),
  // Internal step: the reporter reads the message itself and gets the "there is news" mail.
  'staff-message': (_r, p) => ({
    message: { from: 'staff', body: p.body },
    notifyReporter: true,
    auditDetails: { length: p.body.length },
  }),
};

type Clock = 'acceptance' | 'assignment' | 'conclusion' | 'objectionReview';
/** Where each deadline mail is marked as sent: the clock's sub-document and its field. */
const markField: Record<DeadlineMark, [Clock, 'reminderSentAt' | 'escalatedAt']> = {
  acceptanceReminder: ['acceptance', 'reminderSentAt'],
  acceptanceEscalation: ['acceptance', 'escalatedAt'],
  verificationReminder: ['assignment', 'reminderSentAt'],
  verificationEscalation: ['assignment', 'escalatedAt'],
  letterReminder: ['conclusion', 'reminderSentAt'],
  letterEscalation: ['conclusion', 'escalatedAt'],
  objectionReviewReminder: ['objectionReview', 'reminderSentAt'],
  objectionReviewEscalation: ['objectionReview', 'escalatedAt'],
};

const deadlineMail =
  (mark: DeadlineMark) =>
  (
    _r: unknown,
    p: { mails: { to: string; subject: string; text: string }[] },
    _a: unknown,
    { now }: { now: Date },
  ) => ({
    set: { [markField[mark].join('.')]: now },
    staffMails: p.mails,
    auditDetails: { mails: p.mails.length },
  });

/** The jobs' deadline mails, each a step of its own. */
export type DeadlineStep =
  | 'acceptance-reminder'
  | 'acceptance-escalated'
  | 'deadline-reminder'
  | 'deadline-escalated'
  | 'letter-reminder'
  | 'letter-escalated'
  | 'objection-review-reminder'
  | 'objection-review-escalated';

export const deadlineChanges: ChangesFor<DeadlineStep> = {
  'acceptance-reminder': deadlineMail('acceptanceReminder'),
  'acceptance-escalated': deadlineMail('acceptanceEscalation'),
  'deadline-reminder': deadlineMail('verificationReminder'),
  'deadline-escalated': deadlineMail('verificationEscalation'),
  'letter-reminder': deadlineMail('letterReminder'),
  'letter-escalated': deadlineMail('letterEscalation'),
  'objection-review-reminder': deadlineMail('objectionReviewReminder'),
  'objection-review-escalated': deadlineMail('objectionReviewEscalation'),
};

type Clocks = Partial<Record<Clock, { reminderSentAt?: Date | null; escalatedAt?: Date | null } | null>>;

/** Which deadline mails a report has had (for the table's once-each guard). */
export const sentMarks = (r: Clocks): Record<DeadlineMark, boolean> =>
  Object.fromEntries(Object.entries(markField).map(([mark, [clock, field]]) => [mark, !!r[clock]?.[field]])) as Record<
    DeadlineMark,
    boolean
  >;

/**
 * The `$set` of a (new) assignment: the unit, its level, the verifier and the due date
 * (the report's period by default); and the unit's area, read with it.
 */
export async function assignmentFor(
  r: ReportFields,
  p: { unitCode: string; verifierId: string; dueInDays?: number },
  now: Date,
): Promise<{ set: Record<string, unknown>; unitAreaCode: string | undefined }> {
  const unit = await Unit.findOne({ code: p.unitCode }, { areaCode: 1 }).lean();
  if (!unit)
    throw fail('request.invalid', [{ path: 'body.unitCode', code: 'unknown', message: `unknown unit ${p.unitCode}` }]);
  await assertVerifier(p.verifierId, r.area);
  // Days given are counted like the report's verification period, to the end of the last day in China.
  const period = periodOf(r, 'verification');
  const dueAt = periodEnd(now, p.dueInDays ? { days: p.dueInDays, unit: period.unit } : period);
  const assignment = {
    unitCode: p.unitCode,
    unitLevel: levelOfUnit(unit),
    verifierId: p.verifierId,
    assignedAt: now,
    dueAt,
  };
  return { set: { assignment }, unitAreaCode: unit.areaCode ?? undefined };
}
