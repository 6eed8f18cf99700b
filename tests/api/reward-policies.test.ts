// Reward policies as data: the registry seeded from the built-in versions, drafts
// an administrator edits, publication by someone else from today on, immutability
// of what was published, and the estimator computing with the version in force.
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import request from 'supertest';
import { shanghaiDay } from '../../shared/dates';
import { builtInPolicies, policyInForce, type RewardPolicy } from '../../shared/rewards';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { currentPolicies, usePolicies } from '../../server/rewards/policyRegistry';
import { PolicyVersion } from '../../server/rewards/policyVersion.model';
import {
  loadPublishedPolicies,
  refreshPublishedPolicies,
  seedPolicyVersions,
} from '../../server/rewards/policyVersions';
import { startTestApp, type TestApp } from '../support/server';
import { as, createAccount, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

let t: TestApp;
let admin: StaffSession;
let otherAdmin: StaffSession;
let leader: StaffSession;
let verifier: StaffSession;

const DAY_MS = 86_400_000;
const today = () => shanghaiDay();
const daysFromToday = (n: number) => shanghaiDay(new Date(Date.now() + n * DAY_MS));

beforeAll(async () => {
  t = await startTestApp();
  await createAccount({ username: 'admin2', role: 'admin' });
  [admin, otherAdmin, leader, verifier] = await Promise.all([
    openSession(t, 'admin'),
    openSession(t, 'admin2'),
    openSession(t, 'leader'),
    openSession(t, 'verifier'),
  ]);
});

afterAll(async () => {
  await t?.stop();
});

const newDraft = (who: StaffSession, basedOn: string) =>
  as(request(t.app).post('/api/v1/reward-policies/drafts'), who).send({ basedOn });
const saveDraft = (who: StaffSession, id: string, policy: unknown) =>
  as(request(t.app).put(`/api/v1/reward-policies/drafts/${id}`), who).send({ policy });
/** Publishes the draft as it now stands (the publisher has reviewed its last change). */
const publish = async (who: StaffSession, id: string, reviewedUpdatedAt?: string) => {
  const seen = reviewedUpdatedAt ?? (await PolicyVersion.findById(id).lean())?.updatedAt?.toISOString() ?? '';
  return as(request(t.app).post(`/api/v1/reward-policies/drafts/${id}/publish`), who).send({
    reviewedUpdatedAt: seen || new Date(0).toISOString(),
  });
};

/** A draft from henan-2025, saved by `who` with the changes given. */
async function draftWith(who: StaffSession, change: (p: RewardPolicy) => RewardPolicy): Promise<string> {
  const created = await newDraft(who, 'henan-2025');
  expect(created.status).toBe(201);
  const id = created.body.version.id as string;
  const saved = await saveDraft(who, id, change(created.body.version.policy as RewardPolicy));
  expect(saved.status).toBe(200);
  return id;
}

const storedPolicy = async (id: string) => (await PolicyVersion.findById(id).lean())?.policy;

describe('the registry in the database', () => {
  test('every built-in version is seeded once, as published; a restart adds nothing and overwrites nothing', async () => {
    const stored = await PolicyVersion.find().sort({ effectiveFrom: 1 }).lean();
    expect(stored.map((v) => [v._id, v.status, v.source])).toEqual(
      builtInPolicies.map((p) => [p.id, 'published', 'built-in']),
    );
    expect(currentPolicies().map((p) => p.id)).toEqual(builtInPolicies.map((p) => p.id));

    expect(await seedPolicyVersions(builtInPolicies)).toBe(0);
    expect(await PolicyVersion.countDocuments()).toBe(builtInPolicies.length);

    // An existing database that lacks one version gains it; a stored version someone
    // changed outside the app is not overwritten by the seed.
    const raw = mongoose.connection.collection('reward_policy_versions');
    await raw.deleteOne({ _id: 'national-2018' as never });
    await raw.updateOne({ _id: 'henan-2022' as never }, { $set: { 'policy.title.en': 'changed outside' } });
    expect(await seedPolicyVersions(builtInPolicies)).toBe(1);
    expect(await PolicyVersion.countDocuments()).toBe(builtInPolicies.length);
    expect(((await storedPolicy('henan-2022')) as RewardPolicy).title.en).toBe('changed outside');
    await raw.updateOne({ _id: 'henan-2022' as never }, { $set: { 'policy.title.en': builtInPolicies[1].title.en } });
    expect(await storedPolicy('henan-2022')).toEqual(builtInPolicies[1]);
  });

  test('a restart, or a second instance starting beside the first, warns of nothing; a built-in day another version holds is named', async () => {
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
    expect(await seedPolicyVersions(builtInPolicies, logger)).toBe(0);
    expect(
      await Promise.all([seedPolicyVersions(builtInPolicies, logger), seedPolicyVersions(builtInPolicies, logger)]),
    ).toEqual([0, 0]);
    expect(warnings).toEqual([]);

    // A version published under another id on national-2018's day keeps the day; the seed says so.
    const raw = mongoose.connection.collection('reward_policy_versions');
    const national = (await raw.findOne({ _id: 'national-2018' as never }))!;
    await raw.deleteOne({ _id: 'national-2018' as never });
    await raw.insertOne({ ...national, _id: 'national-2018-local' as never, source: 'console' });
    try {
      expect(await seedPolicyVersions(builtInPolicies, logger)).toBe(0);
      expect(warnings).toEqual([[{ policy: 'national-2018' }, expect.stringContaining('effective day is taken')]]);
    } finally {
      await raw.deleteOne({ _id: 'national-2018-local' as never });
      await raw.insertOne(national);
    }
  });

  test('a stored version the policy schema refuses is replaced by its built-in twin, never computed with', async () => {
    const raw = mongoose.connection.collection('reward_policy_versions');
    const henan = builtInPolicies.find((p) => p.id === 'henan-2025')!;
    await raw.updateOne({ _id: 'henan-2025' as never }, { $set: { 'policy.violation.minFen': -1 } });
    try {
      await loadPublishedPolicies();
      expect(currentPolicies().find((p) => p.id === 'henan-2025')).toEqual(henan);
      const list = await request(t.app).get('/api/v1/reward-policies');
      expect(list.status).toBe(200);
      expect(list.body.items.find((p: RewardPolicy) => p.id === 'henan-2025')).toEqual(henan);
    } finally {
      await raw.updateOne(
        { _id: 'henan-2025' as never },
        { $set: { 'policy.violation.minFen': henan.violation.minFen } },
      );
      await loadPublishedPolicies();
    }
    expect(await storedPolicy('henan-2025')).toEqual(henan);
  });

  test('the public list: every published version in date order, with the one in force today', async () => {
    const res = await request(t.app).get('/api/v1/reward-policies');
    expect(res.status).toBe(200);
    expect(res.body.today).toBe(today());
    expect(res.body.items.map((p: RewardPolicy) => p.id)).toEqual(builtInPolicies.map((p) => p.id));
    expect(res.body.inForceId).toBe(policyInForce(today(), builtInPolicies).id);
    const henan = res.body.items.find((p: RewardPolicy) => p.id === 'henan-2025');
    expect(henan).toEqual(builtInPolicies.find((p) => p.id === 'henan-2025'));
    expect(henan.assumed).toContain('decisions.rounding');
  });

  test('drafts and the staff list are for administrators and leaders; only administrators draft', async () => {
    expectProblem(await request(t.app).get('/api/v1/reward-policies/versions'), 401, 'auth.unauthenticated');
    expectProblem(await as(request(t.app).get('/api/v1/reward-policies/versions'), verifier), 403, 'auth.forbidden');
    expectProblem(await newDraft(leader, 'henan-2025'), 403, 'auth.forbidden');
    const res = await as(request(t.app).get('/api/v1/reward-policies/versions'), leader);
    expect(res.status).toBe(200);
    expect(res.body.items.filter((v: { inForce: boolean }) => v.inForce)).toHaveLength(1);
  });
});

describe('drafts', () => {
  test('an administrator drafts from a published version, edits the whole body, and discards it (all audited)', async () => {
    const created = await newDraft(admin, 'henan-2025');
    expect(created.status).toBe(201);
    const draft = created.body.version;
    expect(draft).toMatchObject({
      status: 'draft',
      source: 'console',
      basedOn: 'henan-2025',
      draftedBy: { username: 'admin' },
      publishedBy: null,
      inForce: false,
    });
    expect(draft.id).toMatch(/^draft-/);
    expect(draft.policy).toEqual(builtInPolicies.find((p) => p.id === 'henan-2025'));

    const changed = { ...draft.policy, id: 'henan-2026', title: { zh: '河南（2026）', en: 'Henan (2026)' } };
    const saved = await saveDraft(admin, draft.id, changed);
    expect(saved.status).toBe(200);
    expect(saved.body.version.policy).toEqual(changed);
    expect(await storedPolicy(draft.id)).toEqual(changed);

    // A draft of a draft.
    const copy = await newDraft(admin, draft.id);
    expect(copy.status).toBe(201);
    expect(copy.body.version).toMatchObject({ basedOn: draft.id, policy: changed });

    expect(
      (await as(request(t.app).delete(`/api/v1/reward-policies/drafts/${copy.body.version.id}`), admin)).status,
    ).toBe(204);
    expect(await PolicyVersion.exists({ _id: copy.body.version.id })).toBeNull();
    for (const action of ['reward-policy.draft', 'reward-policy.edit', 'reward-policy.discard'])
      expect(await AuditEntry.exists({ action, 'actor.username': 'admin' })).toBeTruthy();
    expectProblem(await newDraft(admin, 'no-such-version'), 400, 'request.invalid');
  });

  test('an invalid value is a 400 naming the field, and the draft is unchanged', async () => {
    const created = await newDraft(admin, 'henan-2025');
    const id = created.body.version.id as string;
    const policy = created.body.version.policy as RewardPolicy;
    const minAboveMax = { ...policy, violation: { ...policy.violation, minFen: policy.violation.maxFen + 100 } };
    const res = await saveDraft(admin, id, minAboveMax);
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual(['body.policy.violation.minFen']);

    const badCitation = { ...policy, citations: { ...policy.citations, violation: ['not-a-document'] } };
    expect(errorPaths(await saveDraft(admin, id, badCitation))).toEqual(['body.policy.citations.violation']);
    const noTitle = { ...policy, title: { zh: '', en: 'x' } };
    expect(errorPaths(await saveDraft(admin, id, noTitle))).toEqual(['body.policy.title.zh']);
    expect(await storedPolicy(id)).toEqual(policy);
  });
});

describe('publishing', () => {
  test('never by whoever drafted or edited the draft (four-eyes)', async () => {
    const id = await draftWith(admin, (p) => ({ ...p, id: 'four-eyes-check', effectiveFrom: daysFromToday(30) }));
    const mine = await publish(admin, id);
    expectProblem(mine, 403, 'auth.forbidden');
    expect(mine.body.reason).toBe('four-eyes');
    // Another administrator who edited it is refused as well.
    const edited = await saveDraft(otherAdmin, id, { ...(await storedPolicy(id)), title: { zh: '改', en: 'edited' } });
    expect(edited.status).toBe(200);
    expect((await publish(otherAdmin, id)).body.reason).toBe('four-eyes');
    expectProblem(await publish(verifier, id), 403, 'auth.forbidden');
    expect((await PolicyVersion.findById(id).lean())?.status).toBe('draft');
  });

  test('a copy of someone’s draft carries its author: they cannot publish their own values through it', async () => {
    const id = await draftWith(admin, (p) => ({ ...p, id: 'copied-draft', effectiveFrom: daysFromToday(31) }));
    const copy = await newDraft(otherAdmin, id);
    expect(copy.status).toBe(201);
    expect((await publish(admin, copy.body.version.id)).body.reason).toBe('four-eyes');
  });

  test('an edit made after the publisher reviewed the draft is never published unseen', async () => {
    const id = await draftWith(admin, (p) => ({ ...p, id: 'reviewed-draft', effectiveFrom: daysFromToday(32) }));
    const reviewed = (await PolicyVersion.findById(id).lean())!.updatedAt!.toISOString();
    const changed = await saveDraft(admin, id, { ...(await storedPolicy(id)), title: { zh: '改过', en: 'changed' } });
    expect(changed.status).toBe(200);
    const stale = await publish(leader, id, reviewed);
    expectProblem(stale, 409, 'resource.stale');
    expect(stale.body.reason).toBe('changed-since-reviewed');
    expect((await PolicyVersion.findById(id).lean())?.status).toBe('draft');
    expect((await publish(leader, id)).status).toBe(200);
  });

  test('not from a day in the past (Asia/Shanghai), nor on a day another version starts, nor under a used id', async () => {
    const past = await draftWith(admin, (p) => ({ ...p, id: 'past-version', effectiveFrom: daysFromToday(-1) }));
    const refused = await publish(leader, past);
    expectProblem(refused, 400, 'request.invalid');
    expect(errorPaths(refused)).toEqual(['policy.effectiveFrom']);

    const future = daysFromToday(60);
    const first = await draftWith(admin, (p) => ({ ...p, id: 'future-a', effectiveFrom: future }));
    expect((await publish(leader, first)).status).toBe(200);
    const sameDay = await draftWith(admin, (p) => ({ ...p, id: 'future-b', effectiveFrom: future }));
    const clash = await publish(leader, sameDay);
    expectProblem(clash, 409, 'resource.conflict');
    expect(errorPaths(clash)).toEqual(['policy.effectiveFrom']);

    const usedId = await draftWith(admin, (p) => ({ ...p, id: 'henan-2025', effectiveFrom: daysFromToday(90) }));
    const taken = await publish(leader, usedId);
    expectProblem(taken, 409, 'resource.conflict');
    expect(errorPaths(taken)).toEqual(['policy.id']);
    for (const id of [past, sameDay, usedId]) expect((await PolicyVersion.findById(id).lean())?.status).toBe('draft');
  });

  test('a published version never changes: the API refuses, and the model matches only drafts', async () => {
    const before = await PolicyVersion.findById('henan-2025').lean();
    const policy = before!.policy as RewardPolicy;
    const edit = await saveDraft(admin, 'henan-2025', { ...policy, title: { zh: '改', en: 'changed' } });
    expectProblem(edit, 409, 'resource.conflict');
    expect(edit.body.reason).toBe('published');
    expectProblem(
      await as(request(t.app).delete('/api/v1/reward-policies/drafts/henan-2025'), admin),
      409,
      'resource.conflict',
    );

    const update = await PolicyVersion.updateOne({ _id: 'henan-2025' }, { $set: { 'policy.title.en': 'changed' } });
    expect(update.matchedCount).toBe(0);
    const sneaky = await PolicyVersion.findOneAndUpdate(
      { _id: 'henan-2025', status: 'published' },
      { $set: { status: 'draft' } },
    );
    expect(sneaky).toBeNull();
    expect((await PolicyVersion.deleteOne({ _id: 'henan-2025' })).deletedCount).toBe(0);
    const doc = await PolicyVersion.findById('henan-2025');
    doc!.set('effectiveFrom', '2030-01-01');
    await expect(doc!.save()).rejects.toThrow(/never by saving/);
    await expect(PolicyVersion.bulkWrite([{ deleteOne: { filter: { _id: 'henan-2025' } } }])).rejects.toThrow();
    expect(await PolicyVersion.findById('henan-2025').lean()).toEqual(before);
  });

  test('a version published effective today prices today’s quotes; an earlier day keeps the old version', async () => {
    const yesterday = daysFromToday(-1);
    const oldForYesterday = policyInForce(yesterday, currentPolicies());
    const id = await draftWith(admin, (p) => ({
      ...p,
      id: 'today-version',
      effectiveFrom: today(),
      title: { zh: '今日生效的奖励办法', en: 'Rules in force from today' },
      violation: { ...p.violation, finePercent: 20 },
    }));
    const published = await publish(leader, id);
    expect(published.status).toBe(200);
    expect(published.body.version).toMatchObject({
      id: 'today-version',
      status: 'published',
      source: 'console',
      basedOn: 'henan-2025',
      draftedBy: { username: 'admin' },
      publishedBy: { username: 'leader' },
      inForce: true,
    });
    expect(await PolicyVersion.exists({ _id: id })).toBeNull(); // the draft became the version
    expect(await AuditEntry.exists({ action: 'reward-policy.publish', 'target.id': 'today-version' })).toBeTruthy();

    const body = { scheme: 'violation', violationKind: 'major-hazard', fineFen: 10_000_000 };
    const now = await request(t.app)
      .post('/api/v1/rewards/quote')
      .send({ ...body, reportedOn: today() });
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({ policy: 'today-version', amountFen: 2_000_000 });
    expect(now.body.policyTitle.zh).toBe('今日生效的奖励办法');
    const before = await request(t.app)
      .post('/api/v1/rewards/quote')
      .send({ ...body, reportedOn: yesterday });
    expect(before.body).toMatchObject({ policy: oldForYesterday.id, amountFen: 1_500_000 });

    const list = await request(t.app).get('/api/v1/reward-policies');
    expect(list.body.inForceId).toBe('today-version');
    expect(list.body.items.at(-1).id).toBe('future-a'); // date order
  });

  test('another process picks up a publication at its next refresh', async () => {
    expect(await refreshPublishedPolicies()).toBe(false); // nothing new since the last load
    // Simulate a process that loaded before the publication.
    usePolicies(builtInPolicies);
    await PolicyVersion.create({
      _id: 'elsewhere',
      status: 'published',
      source: 'console',
      effectiveFrom: daysFromToday(120),
      policy: { ...builtInPolicies.at(-1)!, id: 'elsewhere', effectiveFrom: daysFromToday(120) },
    });
    expect(await refreshPublishedPolicies()).toBe(true);
    expect(currentPolicies().map((p) => p.id)).toContain('elsewhere');
    expect(currentPolicies().map((p) => p.id)).toContain('today-version');
    await loadPublishedPolicies();
  });
});
