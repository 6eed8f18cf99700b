// What the case-work steps change: screening, verification, findings and closing,
// staff messages, and the deadline mails the jobs send. Each function gets the
// report as loaded, the action's typed payload and the actor; it throws a domain
// error for a payload the report does not allow and changes nothing itself.
import { coversArea } from '../../shared/areaScope';
import type { DeadlineMark } from '../../shared/workflow';
import { areaScope } from '../access/areaScope';
import { Unit } from '../catalog/unit.model';
import { fail } from '../platform/errors';
import { Staff } from '../staff/staff.model';
import { pausedClock, resumedClock } from './acceptanceClock';
import { staffOf, type ChangesFor, type StepActor } from './change';
import { Report } from './report.model';

const DAY = 86_400_000;

async function assertVerifier(id: string, area: string): Promise<void> {
  const v = await Staff.findById(id).lean();
  if (!v || v.disabled || v.role !== 'verifier' || !coversArea(v, area))
    throw fail('request.invalid', [
      { path: 'body.verifierId', code: 'invalid', message: 'not an active verifier for this area' },
    ]);
}

async function assertUnit(code: string, path: string): Promise<void> {
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
  | 'transfer'
  | 'reassign'
  | 'start-verification'
  | 'extend-deadline'
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
  accept: async (r, p, _a, { now }) => {
    await assertUnit(p.unitCode, 'body.unitCode');
    await assertVerifier(p.verifierId, r.area);
    const dueAt = new Date(now.getTime() + p.dueInDays * DAY);
    return { set: { assignment: { unitCode: p.unitCode, verifierId: p.verifierId, assignedAt: now, dueAt } } };
  },
  reject: (_r, p) => ({ note: p.reason }),
  'mark-duplicate': async (r, p, actor) => {
    const original = await Report.findOne({ reference: p.duplicateOf, ...scopeOf(actor) }, { submittedAt: 1 }).lean();
    if (!original || p.duplicateOf === r.reference || original.submittedAt > r.submittedAt)
      throw fail('request.invalid', [
        { path: 'body.duplicateOf', code: 'invalid', message: 'must be an earlier report' },
      ]);
    return {
      set: { duplicateOf: p.duplicateOf },
      note: `重复举报：与 ${p.duplicateOf} 为同一事项 / Same matter as ${p.duplicateOf}`,
    };
  },
  transfer: async (_r, p) => {
    if (p.toUnitCode) await assertUnit(p.toUnitCode, 'body.toUnitCode');
    return { set: { transferredTo: { unitCode: p.toUnitCode, area: p.toArea } }, note: p.note };
  },
  reassign: async (r, p) => {
    await assertVerifier(p.verifierId, r.area);
    return { set: { 'assignment.verifierId': p.verifierId } };
  },
  'start-verification': () => ({}),
  'extend-deadline': (r, p, _a, { now }) => {
    const due = r.assignment?.dueAt ?? now;
    return {
      set: {
        'assignment.dueAt': new Date(due.getTime() + p.days * DAY),
        'assignment.extendedDays': p.days,
        'assignment.extensionReason': p.reason,
      },
      note: p.reason,
    };
  },
  'submit-findings': (_r, p, actor) => ({ set: { findings: p, findingsById: staffOf(actor)?.id } }),
  'approve-findings': (r, p) => ({
    to: (r.findings as { substantiated?: boolean } | undefined)?.substantiated ? 'substantiated' : 'unsubstantiated',
    internalNote: p.comment,
  }),
  'return-findings': (_r, p) => ({ note: p.reason }),
  close: (_r, p) => ({ note: p.note }),
  // Internal step: the reporter reads the message itself and gets the "there is news" mail.
  'staff-message': (_r, p) => ({
    message: { from: 'staff', body: p.body },
    notifyReporter: true,
    auditDetails: { length: p.body.length },
  }),
};

/** Where each deadline mail is marked as sent: the clock's sub-document and its field. */
const markField: Record<DeadlineMark, ['acceptance' | 'assignment', 'reminderSentAt' | 'escalatedAt']> = {
  acceptanceReminder: ['acceptance', 'reminderSentAt'],
  acceptanceEscalation: ['acceptance', 'escalatedAt'],
  verificationReminder: ['assignment', 'reminderSentAt'],
  verificationEscalation: ['assignment', 'escalatedAt'],
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

export const deadlineChanges: ChangesFor<
  'acceptance-reminder' | 'acceptance-escalated' | 'deadline-reminder' | 'deadline-escalated'
> = {
  'acceptance-reminder': deadlineMail('acceptanceReminder'),
  'acceptance-escalated': deadlineMail('acceptanceEscalation'),
  'deadline-reminder': deadlineMail('verificationReminder'),
  'deadline-escalated': deadlineMail('verificationEscalation'),
};

type Clocks = Partial<
  Record<'acceptance' | 'assignment', { reminderSentAt?: Date | null; escalatedAt?: Date | null } | null>
>;

/** Which deadline mails a report has had (for the table's once-each guard). */
export const sentMarks = (r: Clocks): Record<DeadlineMark, boolean> =>
  Object.fromEntries(Object.entries(markField).map(([mark, [clock, field]]) => [mark, !!r[clock]?.[field]])) as Record<
    DeadlineMark,
    boolean
  >;
