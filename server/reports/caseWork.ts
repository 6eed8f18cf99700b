// Case work around the workflow actions: staff messages to the reporter, accepting
// many reports at once, and the verifiers an acceptance may name.
import { trusted } from 'mongoose';
import type { z } from 'zod';
import { endOfShanghaiDay, shanghaiDayStart } from '../../shared/dates';
import type { reportListQuery } from '../../shared/schemas/workflow';
import { appendAudit } from '../audit/auditLog';
import type { SecretBox } from '../platform/secretBox';
import { inTransaction } from '../platform/db';
import { AppError, fail } from '../platform/errors';
import { notifyReporter } from './notifications';
import { Report } from './report.model';
import { Staff } from '../staff/staff.model';
import { authorize, type Actor } from '../access';
import { conversationClosedStates } from './reports.policy';
import { actorCoversArea, areaScope, staffCoveringArea } from '../access/areaScope';
import { workflowRecordOf } from './reportForStaff.presenter';
import { reportActor } from './reportActions';

interface NotifyContext {
  box: SecretBox;
  publicBaseUrl: string;
}

// Re-exported for the routes that still import it from here (it lives in policies/scope).

/**
 * A message from staff to the reporter. The reporter reads it in follow-up and gets the
 * content-free "there is news" email; like an action it bumps the revision, so it
 * cannot slip in between another person's read and write unnoticed.
 */
export async function staffMessenger(reference: string, body: string, actor: Actor, ctx: NotifyContext, now = new Date()) {
  const report = await Report.findOne({ reference, ...areaScope(actor) }).lean();
  if (!report) throw fail('resource.not_found');
  authorize(actor, 'reports.message', workflowRecordOf(report));
  if (conversationClosedStates.includes(report.status)) throw fail('report.closed');
  await inTransaction(async (session) => {
    const r = await Report.updateOne(
      { reference, revision: report.revision, status: report.status },
      {
        $inc: { revision: 1 },
        // Internal step: the reporter sees the message itself, staff see who sent it.
        $push: { messages: { at: now, from: 'staff', staffId: actor.id, body }, timeline: { at: now, type: 'staff-message', public: false, actorId: actor.id } },
      },
      { session },
    );
    if (!r.modifiedCount) throw fail('resource.stale');
    await appendAudit({ actor, action: 'report.staff_message', target: { type: 'report', id: reference }, details: { length: body.length } }, session, now);
    await notifyReporter(report.notifyEmailSealed, ctx.box, ctx.publicBaseUrl, session);
  });
  return (await Report.findOne({ reference }).lean())!;
}

export interface BulkAcceptInput {
  references: string[];
  unitCode: string;
  verifierId: string;
  dueInDays: number;
}

export type BulkAcceptResult = { reference: string; ok: true; status: string } | { reference: string; ok: false; code: string };

/**
 * Accepts each report through the single `accept` action, one transaction each: a report
 * is either accepted and assigned or left as it was, and one failure stops no other.
 */
export async function bulkAccepter(input: BulkAcceptInput, actor: Actor, ctx: NotifyContext): Promise<BulkAcceptResult[]> {
  const results: BulkAcceptResult[] = [];
  for (const reference of [...new Set(input.references)]) {
    try {
      // Out of the officer's areas reads as unknown, as on the single routes.
      if (!(await Report.exists({ reference, ...areaScope(actor) }))) throw fail('resource.not_found');
      const accepted = await reportActor(reference, 'accept', { unitCode: input.unitCode, verifierId: input.verifierId, dueInDays: input.dueInDays }, actor, ctx);
      results.push({ reference, ok: true, status: accepted!.status });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({ reference, ok: false, code: e.code });
    }
  }
  return results;
}

/** Active verifiers who work in the report's area (listed, or granted every area). */
export async function assignableVerifiers(area: string) {
  const verifiers = await Staff.find({ role: 'verifier', disabled: false, ...staffCoveringArea(area) }, { displayName: 1, unitCode: 1 })
    .sort({ displayName: 1 })
    .lean();
  return verifiers.map((v) => ({ id: String(v._id), displayName: v.displayName, unitCode: v.unitCode }));
}

const DAY = 86_400_000;
const DUE_SOON_DAYS = 7;
const NOT_ACCEPTED = ['submitted', 'screening', 'awaiting-information'];
const UNDER_VERIFICATION = ['assigned', 'verifying'];

export type ReportListCriteria = z.infer<typeof reportListQuery>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The queue's filter and order. Each queue leads with what an index serves: status
 * (status+dueAt, or area+status+submittedAt when area-limited), or the verifier
 * (verifierId+status+dueAt).
 */
export function reportListFilter(query: ReportListCriteria, actor: Actor, now = new Date()): { filter: Record<string, unknown>; sort: Record<string, 1 | -1> } {
  const filter: Record<string, unknown> = { ...areaScope(actor) };
  let statuses: string[] | undefined;
  const onlyMine = () => (filter['assignment.verifierId'] = actor.id);
  switch (query.queue) {
    case 'new':
      statuses = NOT_ACCEPTED;
      break;
    case 'mine':
      statuses = UNDER_VERIFICATION;
      onlyMine();
      break;
    case 'due-soon':
    case 'overdue':
      statuses = UNDER_VERIFICATION;
      // A verifier's deadlines are their own; intake and reviewers watch everyone's.
      if (actor.role === 'verifier') onlyMine();
      filter['assignment.dueAt'] = trusted(query.queue === 'overdue' ? { $lt: now } : { $gte: now, $lte: new Date(now.getTime() + DUE_SOON_DAYS * DAY) });
      break;
    case 'awaiting-review':
      statuses = ['findings-submitted'];
      // Four eyes: nobody reviews their own findings.
      filter.findingsById = trusted({ $ne: actor.id });
      break;
  }
  if (query.status) filter.status = !statuses || statuses.includes(query.status) ? query.status : '__none__';
  else if (statuses) filter.status = trusted({ $in: statuses });
  if (query.area) filter.area = actorCoversArea(actor, query.area) ? query.area : '__none__';
  if (query.category) filter.category = query.category;
  if (query.assignedToMe === 'true') onlyMine();
  if (query.from || query.to) {
    const range: Record<string, Date> = {};
    if (query.from) range.$gte = shanghaiDayStart(query.from);
    if (query.to) range.$lt = endOfShanghaiDay(shanghaiDayStart(query.to));
    filter.submittedAt = trusted(range);
  }
  if (query.q) filter.$or = [{ reference: query.q.toUpperCase() }, { subjectName: trusted({ $regex: escapeRegex(query.q), $options: 'i' }) }];
  const sort: Record<string, 1 | -1> = query.sort === 'dueAt' ? { 'assignment.dueAt': 1, submittedAt: -1 } : { submittedAt: -1 };
  return { filter, sort };
}
