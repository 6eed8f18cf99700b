// Rectification (整改闭环): each substantiated hazard gets an order with its number,
// the responsible enterprise and department and a due day; major hazards are
// listed for supervision (挂牌督办). Any inspector of the area re-inspects with
// dated photos before and after; a major hazard is then signed off (销号) by a
// second person. Not done means a follow-up with a new due day (and perhaps a
// penalty). The reporter hears the outcome and may say "it is still there" within
// the period, which reopens the task for a new re-inspection. The reward never
// waits for any of this.
import { noteOf } from '../../shared/notes';
import { shanghaiDay } from '../../shared/dates';
import { inGroup } from '../../shared/workflow';
import { fail } from '../platform/errors';
import { assertUnit } from './caseChanges';
import { staffOf, type ChangesFor } from './change';
import { lastDayOf } from '../platform/calendar';
import { dueAfter, periodOf } from './clocks';
import type { ReportFields } from './report.model';

type Task = NonNullable<ReportFields['rectifications']>[number];

const invalid = (path: string, message: string) => fail('request.invalid', [{ path, code: 'invalid', message }]);

function taskAt(r: ReportFields, taskId: string): { task: Task; at: string } {
  const index = (r.rectifications ?? []).findIndex((t) => t.taskId === taskId);
  if (index < 0) throw invalid('body.taskId', `no rectification ${taskId} on this report`);
  return { task: r.rectifications[index], at: `rectifications.${index}` };
}

/** Open tasks and tasks awaiting sign-off, for the table's guards. */
export const rectificationCounts = (r: Pick<ReportFields, 'rectifications'>) => ({
  open: (r.rectifications ?? []).filter((t) => t.status === 'open').length,
  awaitingSignOff: (r.rectifications ?? []).filter((t) => t.status === 'awaiting-sign-off').length,
});

/** A task is overdue when still open after its due day (Asia/Shanghai). */
export const isOverdue = (t: Pick<Task, 'status' | 'dueOn'>, now: Date): boolean =>
  t.status === 'open' && t.dueOn < shanghaiDay(now);

/** The reporter may say "still there" about a task verified complete within the period, not disputed since. */
export function stillThereOpen(r: ReportFields, now: Date): boolean {
  if (!inGroup('substantiated', r.status)) return false;
  return (r.rectifications ?? []).some(
    (t) => t.status === 'completed' && !!t.completedAt && now <= dueAfter(r, 'stillThere', t.completedAt),
  );
}

export const rectificationChanges: ChangesFor<
  'order-rectification' | 'record-reinspection' | 'sign-off-rectification' | 'rectification-overdue' | 'still-there'
> = {
  'order-rectification': async (r, p, actor, { now }) => {
    await assertUnit(p.unitCode, 'body.unitCode');
    // A major hazard in the findings is listed and signed off by a second person: the order cannot say otherwise.
    if ((r.findings as { hazardLevel?: string } | null)?.hazardLevel === 'major' && !p.major)
      throw invalid('body.major', 'the findings name a major hazard: its rectification is listed and signed off');
    const dueOn = p.dueOn ?? lastDayOf(now, periodOf(r, 'rectification'));
    if (dueOn < shanghaiDay(now)) throw invalid('body.dueOn', 'the due day is already past');
    const taskId = `R${(r.rectifications?.length ?? 0) + 1}`;
    return {
      pushes: {
        rectifications: {
          ...p,
          dueOn,
          taskId,
          orderedAt: now,
          orderedById: staffOf(actor)?.id,
          status: 'open',
          reinspections: [],
        },
      },
      auditDetails: { taskId, orderNo: p.orderNo, major: p.major, dueOn },
    };
  },
  'record-reinspection': (r, p, actor, { now }) => {
    const { task, at } = taskAt(r, p.taskId);
    if (task.status !== 'open') throw invalid('body.taskId', `${p.taskId} is not awaiting re-inspection`);
    if (p.inspectedOn > shanghaiDay(now)) throw invalid('body.inspectedOn', 'the inspection day is in the future');
    // The payload arrives from the upload, not through the table's payload schema: its rules hold here too.
    if (p.result === 'completed' && !p.after.length)
      throw invalid('body.after', 'a completed rectification needs dated photos of the site after');
    if (p.result !== 'completed' && !p.newDueOn)
      throw invalid('body.newDueOn', 'a rectification not completed needs the follow-up due day');
    if (p.result !== 'completed' && p.newDueOn! < shanghaiDay(now))
      throw invalid('body.newDueOn', 'the follow-up due day is already past');
    const inspectorId = staffOf(actor)?.id;
    const reinspection = {
      inspectedOn: p.inspectedOn,
      result: p.result,
      note: p.note,
      ...(p.penaltyNote ? { penaltyNote: p.penaltyNote } : {}),
      inspectorId,
      recordedAt: now,
      beforeFileIds: p.before.map((f) => f.fileId),
      afterFileIds: p.after.map((f) => f.fileId),
    };
    const done = p.result === 'completed';
    const status = done ? (task.major ? 'awaiting-sign-off' : 'completed') : 'open';
    const set: Record<string, unknown> = { [`${at}.status`]: status, [`${at}.disputedAt`]: null };
    if (status === 'completed') set[`${at}.completedAt`] = now;
    if (!done) Object.assign(set, { [`${at}.dueOn`]: p.newDueOn, [`${at}.followUp`]: true });
    const told = {
      completed: task.major ? noteOf('rectification.awaiting-sign-off') : noteOf('rectification.completed'),
      partly: noteOf('rectification.partly', { newDueOn: p.newDueOn ?? '' }),
      'not-done': noteOf('rectification.not-done', { newDueOn: p.newDueOn ?? '' }),
    }[p.result];
    return {
      set,
      pushes: { [`${at}.reinspections`]: reinspection },
      evidence: [...p.before, ...p.after],
      note: told,
      internalNote: p.penaltyNote,
      auditDetails: { taskId: p.taskId, result: p.result, files: p.before.length + p.after.length },
    };
  },
  'sign-off-rectification': (r, p, actor, { now }) => {
    const { task, at } = taskAt(r, p.taskId);
    if (task.status !== 'awaiting-sign-off') throw invalid('body.taskId', `${p.taskId} is not awaiting sign-off`);
    const last = task.reinspections?.at(-1);
    // 销号 is a second person's: never whoever re-inspected it.
    if (last?.inspectorId === staffOf(actor)?.id) throw fail('auth.forbidden', [], { reason: 'four-eyes' });
    return {
      set: {
        [`${at}.status`]: 'completed',
        [`${at}.signedOffById`]: staffOf(actor)?.id,
        [`${at}.signedOffAt`]: now,
        [`${at}.completedAt`]: now,
      },
      note: noteOf('rectification.signed-off'),
      internalNote: p.note,
      auditDetails: { taskId: p.taskId },
    };
  },
  // Once per due day: a follow-up's new due day can be escalated again.
  'rectification-overdue': (r, p, _a, { now }) => {
    const { task, at } = taskAt(r, p.taskId);
    if (!isOverdue(task, now) || task.escalatedFor === task.dueOn) throw fail('resource.stale');
    return {
      set: { [`${at}.escalatedFor`]: task.dueOn },
      staffMails: p.mails,
      auditDetails: { taskId: p.taskId, dueOn: task.dueOn, mails: p.mails.length },
    };
  },
  'still-there': (r, p, _a, { now }) => {
    const set: Record<string, unknown> = {};
    const reopened: string[] = [];
    // The reporter is answered by a re-inspection within its own period, escalated if it is late.
    const reinspectBy = lastDayOf(now, periodOf(r, 'reinspection'));
    (r.rectifications ?? []).forEach((t, i) => {
      if (t.status === 'completed' && t.completedAt && now <= dueAfter(r, 'stillThere', t.completedAt)) {
        Object.assign(set, {
          [`rectifications.${i}.status`]: 'open',
          [`rectifications.${i}.disputedAt`]: now,
          [`rectifications.${i}.dueOn`]: reinspectBy,
          [`rectifications.${i}.escalatedFor`]: null,
        });
        reopened.push(t.taskId);
      }
    });
    return {
      set,
      message: { from: 'reporter', body: p.body },
      evidence: p.evidence,
      auditDetails: { reopened, files: p.evidence.length },
    };
  },
};
