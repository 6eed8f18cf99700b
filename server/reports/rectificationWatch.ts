// Overdue rectifications: a task still open after its due day (Asia/Shanghai) is
// escalated once per due day — to the head of the unit responsible for it and to
// the inspectors and reviewers of the report's area — through the table's system
// step, which records the due day it escalated (a follow-up's new due day can be
// escalated again). The statistics count a report as overdue by that mark.
import { trusted } from 'mongoose';
import { shanghaiDay } from '../../shared/dates';
import { stateGroups } from '../../shared/workflow';
import { AppError } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { headEmailOf, staffEmails } from './staffRecipients';
import { transition } from './pipeline';
import { isOverdue } from './rectificationChanges';
import { Report } from './report.model';

const system = { kind: 'system' } as const;

export async function watchRectifications(
  box: SecretBox,
  now: Date,
  publicBaseUrl: string,
): Promise<{ escalations: number }> {
  // The index on rectifications.status + dueOn narrows to reports with an open task and
  // a task past its due day; which task is both, and not yet escalated for that day (a
  // comparison of two fields), is decided below.
  const candidates = await Report.find({
    'rectifications.status': 'open',
    'rectifications.dueOn': trusted({ $lt: shanghaiDay(now) }),
    status: trusted({ $in: [...stateGroups.substantiated] }),
  })
    .select({
      reference: 1,
      area: 1,
      'rectifications.taskId': 1,
      'rectifications.orderNo': 1,
      'rectifications.unitCode': 1,
      'rectifications.status': 1,
      'rectifications.dueOn': 1,
      'rectifications.escalatedFor': 1,
    })
    .lean();
  let escalations = 0;
  for (const r of candidates) {
    const due = (r.rectifications ?? []).filter((t) => isOverdue(t, now) && t.escalatedFor !== t.dueOn);
    if (!due.length) continue;
    const inspectors = await staffEmails(['verifier', 'reviewer'], r.area);
    for (const task of due) {
      // Staff mail: the body may name the task; the subject says only that something is overdue.
      const text =
        `举报 ${r.reference} 的整改任务 ${task.taskId}（整改指令书 ${task.orderNo}）已超过整改期限（${task.dueOn}），请督促整改并组织复查。\n` +
        `Rectification ${task.taskId} (order ${task.orderNo}) of report ${r.reference} is past its due day (${task.dueOn}).\n` +
        `${publicBaseUrl}/console`;
      const to = [...new Set([await headEmailOf(task.unitCode), ...inspectors].filter((m): m is string => !!m))];
      const mails = to.map((m) => ({
        to: m,
        subject: `【啄木鸟】整改逾期督办 ${r.reference} / Overdue rectification`,
        text,
      }));
      try {
        await transition(r.reference, 'rectification-overdue', { taskId: task.taskId, mails }, system, {
          box,
          publicBaseUrl,
          now,
        });
        escalations++;
      } catch (e) {
        // Escalated meanwhile, re-inspected, or the report moved on: nothing to send.
        if (!(e instanceof AppError)) throw e;
      }
    }
  }
  return { escalations };
}
