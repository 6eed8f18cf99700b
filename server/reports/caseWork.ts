// Case work around the workflow actions: staff messages to the reporter, accepting
// many reports at once, and the verifiers an acceptance may name.
import { trusted } from 'mongoose';
import type { z } from 'zod';
import { endOfShanghaiDay, shanghaiDayStart } from '../../shared/dates';
import type { reportListQuery } from '../../shared/schemas/workflow';
import { protectionPolicy } from '../../shared/protection/policy';
import { stateGroups } from '../../shared/workflow';
import type { SecretBox } from '../platform/secretBox';
import { AppError } from '../platform/errors';
import { Staff } from '../staff/staff.model';
import type { Actor } from '../access';
import { actorCoversArea, areaScope, staffCoveringArea } from '../access/areaScope';
import { transition } from './pipeline';
import { Report } from './report.model';

interface NotifyContext {
  box: SecretBox;
  publicBaseUrl: string;
}

/**
 * A message from staff to the reporter. The reporter reads it in follow-up and gets the
 * content-free "there is news" email; like every step it bumps the revision, so it
 * cannot slip in between another person's read and write unnoticed.
 */
export async function staffMessenger(
  reference: string,
  body: string,
  actor: Actor,
  ctx: NotifyContext,
  now = new Date(),
) {
  return transition(reference, 'staff-message', { body }, actor, { ...ctx, now });
}

export interface BulkAcceptInput {
  references: string[];
  unitCode: string;
  verifierId: string;
  dueInDays?: number;
  involvesDeaths?: boolean;
}

export type BulkAcceptResult =
  { reference: string; ok: true; status: string } | { reference: string; ok: false; code: string };

/**
 * Accepts each report through the single `accept` action, one transaction each: a report
 * is either accepted and assigned or left as it was, and one failure stops no other.
 */
export async function bulkAccepter(
  input: BulkAcceptInput,
  actor: Actor,
  ctx: NotifyContext,
): Promise<BulkAcceptResult[]> {
  const results: BulkAcceptResult[] = [];
  for (const reference of [...new Set(input.references)]) {
    try {
      // Out of the officer's areas reads as unknown, as on the single routes.
      const accepted = await transition(
        reference,
        'accept',
        {
          unitCode: input.unitCode,
          verifierId: input.verifierId,
          dueInDays: input.dueInDays,
          involvesDeaths: input.involvesDeaths ?? false,
        },
        actor,
        ctx,
      );
      results.push({ reference, ok: true, status: accepted.status });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      results.push({ reference, ok: false, code: e.code });
    }
  }
  return results;
}

/**
 * Active verifiers who work in the report's area (listed, or granted every area), with
 * their areas and how many cases each has under verification. The load counts only
 * reports in the caller's own areas, so it tells nothing of areas they may not see.
 */
export async function assignableVerifiers(area: string, actor: Actor) {
  const verifiers = await Staff.find(
    { role: 'verifier', disabled: false, ...staffCoveringArea(area) },
    { displayName: 1, unitCode: 1, areaCodes: 1, allAreas: 1 },
  )
    .sort({ displayName: 1 })
    .lean();
  const loads = await Promise.all(
    verifiers.map((v) =>
      Report.countDocuments({
        ...areaScope(actor),
        'assignment.verifierId': String(v._id),
        status: trusted({ $in: [...stateGroups.underVerification] }),
      }),
    ),
  );
  return verifiers.map((v, i) => ({
    id: String(v._id),
    displayName: v.displayName,
    unitCode: v.unitCode,
    areaCodes: v.areaCodes,
    allAreas: !!v.allAreas,
    openCases: loads[i],
  }));
}

const DAY = 86_400_000;
const DUE_SOON_DAYS = 7;

export type ReportListCriteria = z.infer<typeof reportListQuery>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The queue's filter and order. Each queue leads with what an index serves: status
 * (status+dueAt, or area+status+submittedAt when area-limited), or the verifier
 * (verifierId+status+dueAt).
 */
export function reportListFilter(
  query: ReportListCriteria,
  actor: Actor,
  now = new Date(),
): { filter: Record<string, unknown>; sort: Record<string, 1 | -1> } {
  const filter: Record<string, unknown> = { ...areaScope(actor) };
  let statuses: string[] | undefined;
  const onlyMine = () => (filter['assignment.verifierId'] = actor.id);
  switch (query.queue) {
    case 'new':
      statuses = [...stateGroups.notAccepted];
      break;
    case 'mine':
      statuses = [...stateGroups.underVerification];
      onlyMine();
      break;
    case 'due-soon':
    case 'overdue':
      statuses = [...stateGroups.underVerification];
      // A verifier's deadlines are their own; intake and reviewers watch everyone's.
      if (actor.role === 'verifier') onlyMine();
      filter['assignment.dueAt'] = trusted(
        query.queue === 'overdue' ? { $lt: now } : { $gte: now, $lte: new Date(now.getTime() + DUE_SOON_DAYS * DAY) },
      );
      break;
    case 'awaiting-review':
      statuses = ['findings-submitted'];
      // Four eyes: nobody reviews their own findings.
      filter.findingsById = trusted({ $ne: actor.id });
      break;
    case 'to-decide':
      filter.$and = [
        {
          $or: [
            // Objections and referrals go to the level above: a county's own staff never decide them.
            { status: trusted({ $in: actor.level === 'city' ? ['objected', 'referred-up'] : [] }) },
            {
              status: trusted({ $in: [...stateGroups.underVerification] }),
              'assignment.extensionRequest.days': trusted({ $gt: 0 }),
            },
          ],
        },
      ];
      break;
    case 'letters-due':
      statuses = [...stateGroups.concluded];
      // Reports concluded before conclusions were recorded owe their letter too.
      filter['conclusion.letterSentAt'] = trusted({ $not: { $type: 'date' } });
      break;
    case 'rectification':
      filter['rectifications.status'] = trusted({ $in: ['open', 'awaiting-sign-off'] });
      break;
    case 'leadership':
      // A leader's: rewards beyond the band or a tier without their approval, and flagged claims not yet settled.
      filter.$and = [
        {
          $or: [
            {
              status: 'reward-reviewed',
              'reward.leadershipReasons.0': trusted({ $exists: true }),
              'reward.leadershipApproval.at': null,
            },
            {
              status: 'reward-claimed',
              'reward.claimChecks.flags.0': trusted({ $exists: true }),
              'reward.claimChecks.clearedAt': null,
            },
          ],
        },
      ];
      break;
    case 'sample-checks':
      // The monthly sample: only the verifier drawn for a case re-inspects it.
      filter['reward.sampleCheck.verifierId'] = actor.id;
      filter['reward.sampleCheck.recordedAt'] = trusted({ $not: { $type: 'date' } });
      break;
    case 'corrections': {
      // A top-up or recovery on its way: proposed or approved, not yet paid, received or refused.
      const pending = trusted({
        $elemMatch: { recordedAt: { $not: { $type: 'date' } }, refusedAt: { $not: { $type: 'date' } } },
      });
      filter.$and = [{ $or: [{ 'reward.topUps': pending }, { 'reward.recoveries': pending }] }];
      break;
    }
    case 'protection': {
      // Protection staff only: open protection cases, and check-ins unanswered past their answer period.
      // An empty status list, so no status in the query can widen it for anyone else.
      if (actor.role !== 'protection') statuses = [];
      const unansweredSince = new Date(now.getTime() - protectionPolicy.checkInAnswerDays * DAY);
      filter.$and = [
        {
          $or: [
            { 'protection.cases': trusted({ $elemMatch: { closedAt: { $not: { $type: 'date' } } } }) },
            {
              // Only while the reporter can still sign in to answer: after the access key is gone, never.
              accessKeyHash: trusted({ $type: 'string' }),
              'protection.checkIns': trusted({
                $elemMatch: { answeredAt: { $not: { $type: 'date' } }, sentAt: { $lt: unansweredSince } },
              }),
            },
          ],
        },
      ];
      break;
    }
    case 'reveal-requests':
      // Requests awaiting a custodian: never one's own (four eyes).
      filter.identityReveals = trusted({
        $elemMatch: {
          approvedAt: { $not: { $type: 'date' } },
          refusedAt: { $not: { $type: 'date' } },
          requestedById: { $ne: actor.id },
        },
      });
      break;
    case 'withdrawals':
      filter['reporterWithdrawal.at'] = trusted({ $type: 'date' });
      filter['reporterWithdrawal.decidedAt'] = trusted({ $not: { $type: 'date' } });
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
  if (query.q)
    filter.$or = [
      { reference: query.q.toUpperCase() },
      { subjectName: trusted({ $regex: escapeRegex(query.q), $options: 'i' }) },
    ];
  const sort: Record<string, 1 | -1> =
    query.sort === 'dueAt' ? { 'assignment.dueAt': 1, submittedAt: -1 } : { submittedAt: -1 };
  return { filter, sort };
}

/** One page of a queue, and how many reports it holds in all. */
export async function reportQueue(query: ReportListCriteria, actor: Actor) {
  const { filter, sort } = reportListFilter(query, actor);
  const [items, total] = await Promise.all([
    Report.find(filter)
      .sort(sort)
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean(),
    Report.countDocuments(filter),
  ]);
  return { items, total };
}
