// The reward-policy registry in the database: seeded from the built-in versions,
// drafted and edited by administrators, published by someone other than the
// drafter, and loaded into the calculator (policyRegistry.ts). Published versions
// are immutable and never removed, so their count is the registry's revision:
// another process that sees a different count reloads.
import crypto from 'node:crypto';
import { trusted } from 'mongoose';
import type { Logger } from 'pino';
import { shanghaiDay } from '../../shared/dates';
import { builtInPolicies, rewardPolicySchema, type PolicyRegistry, type RewardPolicy } from '../../shared/rewards';
import type { PolicyVersionView } from '../../shared/schemas/rewardPolicies';
import type { Actor } from '../access';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { fail, type FieldError } from '../platform/errors';
import { Staff } from '../staff/staff.model';
import { PolicyVersion, type PolicyVersionFields } from './policyVersion.model';
import { usePolicies } from './policyRegistry';

type StoredVersion = PolicyVersionFields & { _id: string; createdAt: Date; updatedAt: Date };

const DRAFT_PREFIX = 'draft-';
const isDuplicateKey = (e: unknown) => (e as { code?: number })?.code === 11000;
const target = (id: string) => ({ type: 'reward-policy', id });

/** The policy checked with the one policy schema; a 400 naming each field otherwise. */
function validPolicy(policy: unknown, prefix: string): RewardPolicy {
  const parsed = rewardPolicySchema.safeParse(policy);
  if (parsed.success) return parsed.data;
  throw fail(
    'request.invalid',
    parsed.error.issues.map((i) => ({
      path: [prefix, ...i.path.map(String)].join('.'),
      code: i.code,
      message: i.message,
    })),
  );
}

const conflict = (path: string, message: string, reason: string) =>
  fail('resource.conflict', [{ path, code: reason, message }], { reason });

/**
 * Adds every version of the jurisdiction's seed (server/jurisdiction) the database
 * lacks, as published: a fresh database and an existing one both end with all of
 * them, and a stored version is never overwritten ($setOnInsert only). Returns how
 * many were added.
 */
export async function seedPolicyVersions(policies: PolicyRegistry, logger?: Logger): Promise<number> {
  let added = 0;
  for (const policy of policies) {
    try {
      const r = await PolicyVersion.updateOne(
        { _id: policy.id },
        {
          $setOnInsert: {
            status: 'published',
            source: 'built-in',
            effectiveFrom: policy.effectiveFrom,
            policy,
            basedOn: null,
            draftedById: null,
            draftedAt: null,
            publishedById: null,
            publishedAt: null,
          },
        },
        { upsert: true },
      );
      added += r.upsertedCount;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // The model matches drafts only, so an existing version is a duplicate id: seeded by an earlier
      // start or by another instance starting beside this one. Nothing to say.
      if (await PolicyVersion.exists({ _id: policy.id })) continue;
      // A version published in the console already holds that effective day: it stays in force.
      logger?.warn({ policy: policy.id }, 'built-in reward policy not seeded: its effective day is taken');
    }
  }
  return added;
}

let loadedRevision = -1;

/**
 * A stored version as the current policy schema reads it (defaults of fields added
 * since filled in). One the schema refuses is logged and replaced by its built-in
 * twin when there is one, else left out: nothing computes with, or shows, a body
 * the calculator cannot use.
 */
function readable(v: StoredVersion, logger?: Logger): RewardPolicy | undefined {
  const parsed = rewardPolicySchema.safeParse(v.policy);
  if (parsed.success) return parsed.data;
  logger?.error({ policy: v._id, issues: parsed.error.issues }, 'stored reward policy fails the policy schema');
  return v.status === 'published' ? builtInPolicies.find((p) => p.id === v._id) : undefined;
}

const publishedVersions = () =>
  PolicyVersion.find({ status: 'published' }).sort({ effectiveFrom: 1 }).lean<StoredVersion[]>();

/** Replaces the versions the calculator uses with the published ones, in effective-date order. */
export async function loadPublishedPolicies(logger?: Logger): Promise<PolicyRegistry> {
  const stored = await publishedVersions();
  const registry = stored.map((v) => readable(v, logger)).filter((p) => p !== undefined);
  // Published versions are never removed: fewer than already loaded is a read overtaken by a newer one.
  if (stored.length < loadedRevision) return registry;
  if (registry.length) usePolicies(registry);
  loadedRevision = stored.length;
  return registry;
}

/**
 * Reloads when another process published a version since the last load: one count query.
 * Every API request and job run calls it first (policiesUpToDate.ts, jobs.ts).
 */
export async function refreshPublishedPolicies(logger?: Logger): Promise<boolean> {
  const revision = await PolicyVersion.countDocuments({ status: 'published' });
  if (revision === loadedRevision) return false;
  await loadPublishedPolicies(logger);
  return true;
}

async function staffRefs(ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const found = wanted.length
    ? await Staff.find({ _id: trusted({ $in: wanted }) }, { username: 1, displayName: 1 }).lean()
    : [];
  const byId = new Map(found.map((s) => [String(s._id), s]));
  return (id: string | null | undefined) => {
    const s = id ? byId.get(id) : undefined;
    return id ? { id, username: s?.username ?? '', displayName: s?.displayName ?? '' } : null;
  };
}

function present(
  v: StoredVersion,
  policy: RewardPolicy,
  refOf: Awaited<ReturnType<typeof staffRefs>>,
  inForceId: string | null,
) {
  return {
    id: v._id,
    status: v.status as PolicyVersionView['status'],
    source: v.source as PolicyVersionView['source'],
    policy,
    basedOn: v.basedOn ?? null,
    draftedBy: refOf(v.draftedById),
    draftedAt: v.draftedAt ? v.draftedAt.toISOString() : null,
    updatedAt: v.updatedAt.toISOString(),
    publishedBy: refOf(v.publishedById),
    publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null,
    inForce: v.status === 'published' && v._id === inForceId,
  } satisfies PolicyVersionView;
}

/** The published version in force on `day`, if any. */
function inForceOn(published: { _id: string; effectiveFrom: string }[], day: string): string | null {
  return published.filter((v) => v.effectiveFrom <= day).at(-1)?._id ?? null;
}

async function presentAll(versions: StoredVersion[], now: Date): Promise<PolicyVersionView[]> {
  const published = await PolicyVersion.find({ status: 'published' }, { effectiveFrom: 1 })
    .sort({ effectiveFrom: 1 })
    .lean<{ _id: string; effectiveFrom: string }[]>();
  const refOf = await staffRefs(versions.flatMap((v) => [v.draftedById, v.publishedById]));
  const inForce = inForceOn(published, shanghaiDay(now));
  return versions.flatMap((v) => {
    const policy = readable(v);
    return policy ? [present(v, policy, refOf, inForce)] : [];
  });
}

/** The public list: published versions in effective-date order and the one in force today. */
export async function publishedPolicies(now: Date) {
  const stored = await publishedVersions();
  const today = shanghaiDay(now);
  return {
    today,
    inForceId: inForceOn(stored, today),
    items: stored.map((v) => readable(v)).filter((p) => p !== undefined),
  };
}

/** Every version for the console: published ones by effective date, then drafts by last change. */
export async function allPolicyVersions(now: Date): Promise<PolicyVersionView[]> {
  const published = await PolicyVersion.find({ status: 'published' })
    .sort({ effectiveFrom: 1 })
    .lean<StoredVersion[]>();
  const drafts = await PolicyVersion.find({ status: 'draft' }).sort({ updatedAt: -1 }).lean<StoredVersion[]>();
  return presentAll([...published, ...drafts], now);
}

async function findVersion(id: string): Promise<StoredVersion> {
  const found = await PolicyVersion.findById(id).lean<StoredVersion>();
  if (!found) throw fail('resource.not_found');
  return found;
}

async function presentOne(id: string, now: Date): Promise<PolicyVersionView> {
  const [view] = await presentAll([await findVersion(id)], now);
  return view;
}

/** A new draft, a copy of a published version or of another draft. */
export async function createPolicyDraft(actor: Actor, basedOn: string, now: Date): Promise<PolicyVersionView> {
  const source = await PolicyVersion.findById(basedOn).lean<StoredVersion>();
  if (!source)
    throw fail('request.invalid', [{ path: 'body.basedOn', code: 'not_found', message: `no version ${basedOn}` }]);
  const policy = readable(source) ?? validPolicy(source.policy, 'policy');
  const id = `${DRAFT_PREFIX}${crypto.randomBytes(5).toString('hex')}`;
  await inTransaction(async (session) => {
    await PolicyVersion.create(
      [
        {
          _id: id,
          status: 'draft',
          source: 'console',
          effectiveFrom: policy.effectiveFrom,
          policy,
          basedOn,
          draftedById: actor.id,
          draftedAt: now,
          // A copy of a draft carries its authors: none of them may publish what they wrote under a new draft.
          editorIds: [
            ...new Set(
              [...(source.status === 'draft' ? [source.draftedById, ...source.editorIds] : []), actor.id].filter(
                (editor): editor is string => !!editor,
              ),
            ),
          ],
        },
      ],
      { session },
    );
    await appendAudit({ actor, action: 'reward-policy.draft', target: target(id), details: { basedOn } }, session);
  });
  return presentOne(id, now);
}

async function draftOrConflict(id: string): Promise<StoredVersion> {
  const version = await findVersion(id);
  if (version.status !== 'draft')
    throw conflict('params.id', 'a published version never changes; draft a new one from it', 'published');
  return version;
}

/** Replaces a draft's whole policy; published versions are refused (and the model could not change them anyway). */
export async function updatePolicyDraft(
  actor: Actor,
  id: string,
  body: unknown,
  now: Date,
): Promise<PolicyVersionView> {
  await draftOrConflict(id);
  const policy = validPolicy(body, 'body.policy');
  await inTransaction(async (session) => {
    const r = await PolicyVersion.updateOne(
      { _id: id, status: 'draft' },
      { $set: { policy, effectiveFrom: policy.effectiveFrom }, $addToSet: { editorIds: actor.id } },
      { session },
    );
    if (r.matchedCount !== 1) throw fail('resource.stale');
    await appendAudit(
      {
        actor,
        action: 'reward-policy.edit',
        target: target(id),
        details: { policyId: policy.id, effectiveFrom: policy.effectiveFrom },
      },
      session,
    );
  });
  return presentOne(id, now);
}

export async function discardPolicyDraft(actor: Actor, id: string): Promise<void> {
  await draftOrConflict(id);
  await inTransaction(async (session) => {
    const r = await PolicyVersion.deleteOne({ _id: id, status: 'draft' }, { session });
    if (r.deletedCount !== 1) throw fail('resource.stale');
    await appendAudit({ actor, action: 'reward-policy.discard', target: target(id) }, session);
  });
}

/**
 * Publishes a draft under its policy id. Four-eyes: nobody who drafted or edited
 * it. The effective day is today or later (Asia/Shanghai), no other published
 * version starts that day, and the id is new. The calculator in this process
 * uses it at once; other processes at their next refresh.
 */
export async function publishPolicyDraft(
  actor: Actor,
  id: string,
  reviewedUpdatedAt: string,
  now: Date,
  logger?: Logger,
): Promise<PolicyVersionView> {
  const draft = await draftOrConflict(id);
  const editors = new Set([draft.draftedById, ...draft.editorIds]);
  if (editors.has(actor.id)) throw fail('auth.forbidden', [], { reason: 'four-eyes' });
  // Someone changed the draft after the publisher looked at it: they must look again.
  if (draft.updatedAt.getTime() !== new Date(reviewedUpdatedAt).getTime())
    throw fail('resource.stale', [], { reason: 'changed-since-reviewed' });
  const policy = validPolicy(draft.policy, 'policy');
  const problems: FieldError[] = [];
  if (policy.effectiveFrom < shanghaiDay(now))
    problems.push({
      path: 'policy.effectiveFrom',
      code: 'past',
      message: `生效日期不能早于今天 / the effective date cannot be before today (${shanghaiDay(now)})`,
    });
  if (policy.id.startsWith(DRAFT_PREFIX))
    problems.push({ path: 'policy.id', code: 'reserved', message: `ids starting with ${DRAFT_PREFIX} are for drafts` });
  if (problems.length) throw fail('request.invalid', problems);
  if (await PolicyVersion.exists({ _id: policy.id }))
    throw conflict('policy.id', `版本编号 ${policy.id} 已被使用 / the id ${policy.id} is taken`, 'duplicate-id');
  if (await PolicyVersion.exists({ status: 'published', effectiveFrom: policy.effectiveFrom }))
    throw conflict(
      'policy.effectiveFrom',
      `${policy.effectiveFrom} 已有生效的版本 / a published version already starts on ${policy.effectiveFrom}`,
      'duplicate-effective-date',
    );
  try {
    await inTransaction(async (session) => {
      // The draft becomes the published version under its policy id: the id itself guarantees it is new.
      const removed = await PolicyVersion.deleteOne(
        { _id: id, status: 'draft', updatedAt: draft.updatedAt },
        { session },
      );
      if (removed.deletedCount !== 1) throw fail('resource.stale');
      await PolicyVersion.create(
        [
          {
            _id: policy.id,
            status: 'published',
            source: 'console',
            effectiveFrom: policy.effectiveFrom,
            policy,
            basedOn: draft.basedOn,
            draftedById: draft.draftedById,
            draftedAt: draft.draftedAt,
            publishedById: actor.id,
            publishedAt: now,
          },
        ],
        { session },
      );
      await appendAudit(
        {
          actor,
          action: 'reward-policy.publish',
          target: target(policy.id),
          details: { draft: id, effectiveFrom: policy.effectiveFrom, basedOn: draft.basedOn },
        },
        session,
      );
    });
  } catch (e) {
    // Another publication won the race for the id or the day.
    if (isDuplicateKey(e))
      throw conflict('policy.effectiveFrom', 'another version was published for this id or day', 'duplicate');
    throw e;
  }
  await loadPublishedPolicies(logger);
  return presentOne(policy.id, now);
}
