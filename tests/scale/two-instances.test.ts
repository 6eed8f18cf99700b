// Scale-out, exercised: two app processes (the real server entry, as `npm start`
// runs it) on one database behind a round-robin proxy, and a whole journey across
// them. A report with a photo comes in, staff signed in once work it on both
// instances up to an approved reward, the photo is read back through the instance
// that did not store it (GridFS), every email is delivered exactly once to a real
// SMTP server, one delivery run at a time, although both instances run the
// delivery job (a mail server that keeps its senders waiting shows a second run
// beside the one holding the lease), the audit chain both
// instances append to is sealed into one unbroken chain, and rewards approved at
// once on both instances leave the fund exact. The embedded engine stands in for
// the replica set; with MONGODB_URI set, the test runs against that server in a
// fresh database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { trusted } from 'mongoose';
import { shanghaiDay } from '../../shared/dates';
import type { RewardPolicy } from '../../shared/rewards';
import request, { type Response, type Test } from 'supertest';
import { deriveAuditKeys, useAuditKeys } from '../../server/audit/auditKeys';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { verifyAuditChain } from '../../server/audit/verifyChain';
import { seedDemoStaff } from '../../server/demo/seed';
import { Fund, LedgerEntry, MAIN_FUND } from '../../server/fund/fund.model';
import { fundBalances, ledgerBalances } from '../../server/fund/ledger';
import { reconcileFund } from '../../server/fund/reconcile';
import { OutboxEmail } from '../../server/platform/emails/outboxEmail.model';
import { SecretBox } from '../../server/platform/secretBox';
import { Report } from '../../server/reports/report.model';
import { loadPublishedPolicies } from '../../server/rewards/policyVersions';
import { rebuildStats } from '../../server/stats/rebuild';
import { StatsRollup } from '../../server/stats/statsRollup.model';
import { Staff } from '../../server/staff/staff.model';
import { usePasswordHashCost } from '../../server/staff/passwords';
import { startAppProcess, type AppProcess } from '../support/appProcess';
import { realNameReport, substantiatedFindings } from '../support/cases';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { Inbox } from '../support/inbox';
import { jpeg, nextClientIp, sha256, submit, validReport } from '../support/intake';
import { moneyKey } from '../support/paidReward';
import { startRoundRobinProxy, UPSTREAM_HEADER, type RoundRobinProxy } from '../support/roundRobinProxy';
import { as, signIn, type StaffSession } from '../support/staff';

jest.setTimeout(240_000);

const PASSWORD = `scale-${crypto.randomBytes(6).toString('hex')}`;
const secretKey = crypto.randomBytes(32).toString('base64');
const box = new SecretBox(Buffer.from(secretKey, 'base64'));
/** Rewards approved at once, and how many of them the fund has room for. */
const CONCURRENT = 8;
const ROOM = 5;
const FIXTURE_AMOUNT = 3_000_000; // 30,000 yuan
/** A reward-policy version published during the test, in force from today. */
const NEW_POLICY = 'scale-today';

let db: TestDatabase;
let inbox: Inbox;
const instances: AppProcess[] = [];
const scratch: string[] = [];
let proxy: RoundRobinProxy;
const staff = {} as Record<'intake' | 'verifier' | 'reviewer' | 'finance', StaffSession>;

const upstreamOf = (res: Response) => Number(res.headers[UPSTREAM_HEADER]);

/** The statistics cells that count anything, comparable across a rebuild. */
async function rollupSnapshot() {
  const nonZero = (o: Record<string, number> | undefined) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== 0));
  return (await StatsRollup.find({}).sort({ _id: 1 }).lean())
    .map((c) => ({ _id: c._id, counts: nonZero(c.counts), days: nonZero(c.days) }))
    .filter((c) => Object.keys(c.counts).length + Object.keys(c.days).length > 0);
}

/** Waits, without a fixed sleep, until `check` holds (checked every 100 ms). */
async function eventually(what: string, check: () => Promise<boolean>, withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends harmless requests until the proxy's next request goes to `upstream`. */
async function nextLandsOn(upstream: number): Promise<void> {
  while (proxy.next !== upstream) await request(proxy.baseUrl).get('/healthz').expect(200);
}

const staffRequest = (req: Test, who: StaffSession, csrf = true) =>
  as(req.set('X-Forwarded-For', nextClientIp()), who, csrf ? who.csrfToken : null);

async function act(reference: string, action: string, who: StaffSession, body: object = {}, headers = {}) {
  const res = await staffRequest(request(proxy.baseUrl).post(`/api/v1/reports/${reference}/actions/${action}`), who)
    .set(headers)
    .send(body);
  if (res.status !== 200) throw new Error(`${action} on ${reference}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

beforeAll(async () => {
  db = await startTestDatabase();
  const dbName = db.dbName('scale');
  inbox = new Inbox();
  await inbox.start();
  const instanceEnv = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wp-instance-'));
    scratch.push(dir);
    return {
      NODE_ENV: 'test',
      MONGODB_URI: db.uri,
      MONGODB_DB: dbName,
      WOODPECKER_DEMO: 'false',
      WOODPECKER_SECRET_KEY: secretKey,
      TOTP_REQUIRED_ROLES: '',
      TRUST_PROXY: 'loopback',
      EVIDENCE_STORE: 'gridfs',
      // Each instance its own disk: evidence read through the other one must come from the database.
      UPLOAD_DIR: path.join(dir, 'uploads'),
      WOODPECKER_DATA_DIR: path.join(dir, 'data'),
      // The balancer's address, as every instance must be told.
      PUBLIC_BASE_URL: 'http://woodpecker.test',
      PASSWORD_HASH_COST: '10',
      LOGIN_DELAY_BASE_MS: '0',
      WOODPECKER_POW_BITS: '0',
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: inbox.smtpUrl,
      JOB_INTERVAL_MS: '250',
      LOG_LEVEL: process.env.TLOG ?? 'warn',
    };
  };
  // Both at once, as a rollout starts them: each seeds the reference data and the policies.
  const started = await Promise.allSettled([startAppProcess(instanceEnv()), startAppProcess(instanceEnv())]);
  for (const s of started) if (s.status === 'fulfilled') instances.push(s.value); // stopped in afterAll either way
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  proxy = await startRoundRobinProxy(instances.map((i) => i.baseUrl));

  // The test reads and arranges the database the instances share, under the same secret.
  await mongoose.connect(db.uri, { dbName });
  useAuditKeys(deriveAuditKeys(box, 1));
  usePasswordHashCost(10);
  await seedDemoStaff(PASSWORD);
  // Intake is mailed about new reports: a second kind of mail for the delivery job.
  await Staff.updateOne({ username: 'intake' }, { $set: { email: 'intake@bureau.example' } });
  // An empty fund: the journey appropriates what it spends, then leaves room for exactly ROOM rewards.
  await Fund.create({ _id: MAIN_FUND, appropriatedFen: 0, reservedFen: 0, paidFen: 0 });
}, 240_000);

afterAll(async () => {
  await proxy?.close();
  await Promise.all(instances.map((i) => i.stop()));
  // What each instance printed (warnings and errors), for a failing run.
  const logs = path.join('test-artifacts', 'scale');
  fs.mkdirSync(logs, { recursive: true });
  for (const [i, p] of instances.entries()) fs.writeFileSync(path.join(logs, `instance-${i}.log`), p.output());
  // A real server keeps what a test wrote: the fresh database goes with the test.
  if (process.env.MONGODB_URI && mongoose.connection.db) await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  await inbox?.stop();
  await db?.stop();
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

let reference: string;

test('staff sign in once and their session works on both instances', async () => {
  for (const role of ['intake', 'verifier', 'reviewer', 'finance'] as const)
    staff[role] = await signIn(proxy.baseUrl, role, PASSWORD);
  // Every further request of one session alternates between the instances.
  const landed = new Set<number>();
  for (let i = 0; i < 4; i++) {
    const res = await staffRequest(request(proxy.baseUrl).get('/api/v1/auth/session'), staff.intake, false);
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('intake');
    landed.add(upstreamOf(res));
  }
  expect([...landed].sort()).toEqual([0, 1]);
});

test('a reward policy published on one instance prices the next quote on the other', async () => {
  const admin = await signIn(proxy.baseUrl, 'admin', PASSWORD);
  const leader = await signIn(proxy.baseUrl, 'leader', PASSWORD);
  const drafted = await staffRequest(request(proxy.baseUrl).post('/api/v1/reward-policies/drafts'), admin).send({
    basedOn: 'henan-2025',
  });
  expect(drafted.status).toBe(201);
  const base = drafted.body.version.policy as RewardPolicy;
  const saved = await staffRequest(
    request(proxy.baseUrl).put(`/api/v1/reward-policies/drafts/${drafted.body.version.id}`),
    admin,
  ).send({
    policy: {
      ...base,
      id: NEW_POLICY,
      effectiveFrom: shanghaiDay(),
      title: { zh: '今日生效的奖励办法', en: 'Rules in force from today' },
      violation: { ...base.violation, finePercent: 20 },
    },
  });
  expect(saved.status).toBe(200);
  const published = await staffRequest(
    request(proxy.baseUrl).post(`/api/v1/reward-policies/drafts/${drafted.body.version.id}/publish`),
    leader,
  ).send({ reviewedUpdatedAt: saved.body.version.updatedAt });
  expect(published.status).toBe(200);

  // At once, on both instances: not after the other one's next periodic refresh.
  for (let i = 0; i < 2; i++) {
    const quote = await request(proxy.baseUrl)
      .post('/api/v1/rewards/quote')
      .set('X-Forwarded-For', nextClientIp())
      .send({ scheme: 'violation', violationKind: 'major-hazard', fineFen: 10_000_000 });
    expect({ upstream: upstreamOf(quote), status: quote.status, policy: quote.body.policy }).toEqual({
      upstream: upstreamOf(quote),
      status: 200,
      policy: NEW_POLICY,
    });
    expect(quote.body.amountFen).toBe(2_000_000);
  }
});

test('a report with a photo goes from submission to an approved reward across both instances', async () => {
  // The mail server keeps every sender waiting from here on: a delivery run stays in progress, holding
  // its lease, while the journey queues more mail and both instances' delivery timers keep firing.
  inbox.hold();
  const photo = await jpeg(64, 48);
  const submitted = await submit(
    proxy.baseUrl,
    realNameReport({ reporter: { name: '王五', phone: '13800000000', email: 'reporter@example.org' } }),
    [{ content: photo }],
  );
  expect(submitted.status).toBe(201);
  reference = submitted.body.reference as string;

  const verifierId = staff.verifier.user.id;
  const steps: Response[] = [
    await act(reference, 'start-screening', staff.intake),
    await act(reference, 'accept', staff.intake, { unitCode: 'city-fire', verifierId }),
    await act(reference, 'start-verification', staff.verifier),
    await act(reference, 'submit-findings', staff.verifier, substantiatedFindings()),
    await act(reference, 'approve-findings', staff.reviewer),
    await act(reference, 'propose-reward', staff.verifier),
    await act(reference, 'confirm-reward', staff.reviewer),
  ];
  expect(new Set(steps.map(upstreamOf))).toEqual(new Set([0, 1]));

  // Finance appropriates the reward and room for exactly ROOM more, then approves it.
  const proposed = (await Report.findOne({ reference }).lean())!.reward!.amountFen!;
  expect(proposed).toBeGreaterThan(0);
  const appropriated = await staffRequest(request(proxy.baseUrl).post('/api/v1/fund/appropriations'), staff.finance)
    .set(moneyKey())
    .send({ amountFen: proposed + ROOM * FIXTURE_AMOUNT, note: '两个实例的测试拨款' });
  expect(appropriated.status).toBe(201);
  await act(reference, 'approve-reward', staff.finance, {}, moneyKey());

  const stored = (await Report.findOne({ reference }).lean())!;
  expect(stored.status).toBe('reward-approved');
  expect(stored.reward?.policy).toBe(NEW_POLICY);
  expect(stored.reward?.reservedFen).toBe(proposed);
});

test('the photo stored by one instance is read through the other (GridFS)', async () => {
  const stored = (await Report.findOne({ reference }).lean())!;
  expect(stored.evidence).toHaveLength(1);
  const { fileId, storedSha256 } = stored.evidence[0];
  const files = await mongoose.connection.db!.collection('evidence.files').countDocuments({ filename: fileId });
  expect(files).toBe(1);

  const submittedOn = proxy.served.find((s) => s.method === 'POST' && s.path === '/api/v1/reports')!.upstream;
  await nextLandsOn(1 - submittedOn);
  const download = await staffRequest(
    request(proxy.baseUrl).get(`/api/v1/reports/${reference}/evidence/${fileId}`),
    staff.verifier,
    false,
  )
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(download.status).toBe(200);
  expect(upstreamOf(download)).toBe(1 - submittedOn);
  expect(sha256(download.body as Buffer)).toBe(storedSha256);
});

test('reports submitted at once on both instances all land, and the statistics both maintain equal a rebuild', async () => {
  const photos = await Promise.all(Array.from({ length: 6 }, () => jpeg()));
  const results = await Promise.all(photos.map((content) => submit(proxy.baseUrl, validReport(), [{ content }])));
  expect(new Set(results.map(upstreamOf))).toEqual(new Set([0, 1]));
  expect(results.map((r) => r.status)).toEqual(photos.map(() => 201));
  expect(new Set(results.map((r) => r.body.reference)).size).toBe(photos.length);

  // Each instance counts its own submissions into the shared cells; together they must be the whole.
  await loadPublishedPolicies();
  const maintained = await rollupSnapshot();
  expect(maintained.length).toBeGreaterThan(0);
  expect((await rebuildStats()).reports).toBe(await Report.countDocuments());
  expect(await rollupSnapshot()).toEqual(maintained);
});

test('rewards approved at once on both instances: exactly the room in the fund is reserved, and the books agree', async () => {
  const now = new Date();
  const references = Array.from({ length: CONCURRENT }, (_, i) => `WP-SC${i}0-TEST`);
  await Report.insertMany(
    references.map((ref) => ({
      reference: ref,
      accessKeyHash: 'not-used',
      status: 'reward-reviewed',
      category: 'fire-exits-blocked',
      sector: 'fire',
      area: '410503',
      description: 'scale-out fixture',
      anonymous: true,
      submittedAt: now,
      reward: {
        eligible: true,
        amountFen: FIXTURE_AMOUNT,
        reservedFen: 0,
        explanation: [],
        proposedById: 'verifier-x',
        reviewedById: 'reviewer-x',
      },
    })),
  );
  const results = await Promise.all(
    references.map((ref) =>
      staffRequest(request(proxy.baseUrl).post(`/api/v1/reports/${ref}/actions/approve-reward`), staff.finance)
        .set(moneyKey())
        .send({}),
    ),
  );
  // Split across both instances, and exactly the room reserved.
  expect(new Set(results.map(upstreamOf))).toEqual(new Set([0, 1]));
  expect(results.filter((r) => r.status === 200)).toHaveLength(ROOM);
  for (const r of results.filter((r) => r.status !== 200))
    expect([r.status, r.body.code]).toEqual([409, 'fund.insufficient']);

  const fund = await fundBalances();
  expect(fund.availableFen).toBe(0);
  expect(fund.availableFen).toBe(fund.appropriatedFen - fund.reservedFen - fund.paidFen);
  expect(fund).toEqual(await ledgerBalances());
  expect(await LedgerEntry.countDocuments({ kind: 'reserve', rewardId: trusted({ $in: references }) })).toBe(ROOM);
  const reconciled = await reconcileFund();
  expect(reconciled.differences).toEqual([]);
  expect(reconciled.ok).toBe(true);
});

test('both instances run the jobs, yet one delivery run at a time, every email delivered once, one audit chain', async () => {
  // Throughout the journey above, one message was with the mail server and the others waited: the
  // other instance never started a delivery of its own beside the run holding the lease.
  await eventually('a message at the mail server', async () => inbox.inFlight >= 1);
  expect(await OutboxEmail.countDocuments({ status: 'pending' })).toBeGreaterThan(1);
  expect(await OutboxEmail.countDocuments({ status: 'sending' })).toBe(1);
  expect(inbox.maxInFlight).toBe(1);
  inbox.release();

  await eventually('every queued email delivered', async () => {
    const outbox = await OutboxEmail.find({}, { status: 1 }).lean();
    return outbox.length > 0 && outbox.every((m) => m.status === 'sent');
  });
  const outbox = await OutboxEmail.find({}, { messageId: 1, kind: 1 }).lean();
  expect(new Set(outbox.map((m) => m.kind))).toEqual(new Set(['reporter-notice', 'staff-new-report']));
  // The SMTP server may still be taking the last one: wait for the count, then check no message came twice.
  await eventually('the SMTP server received them', async () => inbox.received.length >= outbox.length);
  expect(inbox.received.map((m) => m.messageId).sort()).toEqual(outbox.map((m) => m.messageId).sort());

  await eventually('every audit entry sealed', async () => (await AuditEntry.countDocuments({ pending: true })) === 0);
  const chain = await verifyAuditChain();
  expect(chain).toMatchObject({ ok: true });
  expect(chain.checked).toBe(await AuditEntry.countDocuments({}));
});
