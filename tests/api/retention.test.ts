// The retention schedule run for real: a real-name report with a photo, a message,
// a follow-up session, a duress key, sealed protection details and a paid, claimed
// reward, closed; then the job three years and two days on. Afterwards every string
// in every collection is searched for the identity and bank details, every sealed
// value is tried with the server key and every report key left, and the report
// still counts in the statistics as before. Time moves by passing `now`.
import crypto from 'node:crypto';
import path from 'node:path';
import mongoose, { trusted } from 'mongoose';
import request from 'supertest';
import { shanghaiDay } from '../../shared/dates';
import { residentIdCheckCharacter } from '../../shared/schemas/claim';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { defaultDeliveryPolicy, deliverOutbox } from '../../server/platform/emails/outbox';
import { OutboxEmail } from '../../server/platform/emails/outboxEmail.model';
import { createTransport } from '../../server/platform/emails/transport';
import { SecretBox } from '../../server/platform/secretBox';
import { openReportData, sealReportData } from '../../server/protection/dataKeys';
import { newProtectionCase } from '../../server/protection/protectionCases';
import { ReportKey } from '../../server/protection/reportKey.model';
import { runRetention } from '../../server/protection/retentionJob';
import { FollowupSession } from '../../server/reports/followupSession.model';
import { Report } from '../../server/reports/report.model';
import { caseDriver, realNameReport, substantiatedFindings, type Cases, type Receipt } from '../support/cases';
import { filesUnder, jpeg, submit } from '../support/intake';
import { queuedMails } from '../support/outbox';
import { moneyKey } from '../support/paidReward';
import { startTestApp, type TestApp } from '../support/server';
import { as, openSession } from '../support/staff';

const DAY = 24 * 60 * 60_000;
const reporter = { name: '欧阳明哲', phone: '13955551234', email: 'ouyang.mz.8812@example.cn' };
const idBody = '41050319870312041';
const claim = {
  name: reporter.name,
  phone: reporter.phone,
  idNumber: idBody + residentIdCheckCharacter(idBody),
  bankName: '中国建设银行安阳分行',
  bankAccount: '6217 0021 9988 7766 554',
};
const retaliation = '车间主任司徒国栋在班前会上点名威胁要辞退我';
const checkInAnswer = '回访答复：被司徒国栋调到了夜班仓库';
const secrets = [
  reporter.name,
  reporter.phone,
  reporter.email,
  claim.idNumber,
  claim.bankAccount,
  claim.bankAccount.replace(/\s/g, ''),
  '司徒国栋',
];
/** Another reporter, whose report an open protection case holds. */
const heldReporter = { name: '慕容雪', phone: '13811112222' };

let t: TestApp;
let c: Cases;
let main: Receipt;
let legacy: Receipt;
let held: Receipt;
let hashes: string[];
let fileIds: string[];
let statsBefore: unknown;

const later = (days: number) => new Date(Date.now() + days * DAY);
const stats = async () => {
  const month = shanghaiDay().slice(0, 7);
  const res = await as(request(t.app).get(`/api/v1/stats/overview?from=${month}&to=${month}`), c.staff.admin, null);
  expect(res.status).toBe(200);
  return { totals: res.body.totals, byArea: res.body.byArea, byCategory: res.body.byCategory };
};
const stored = async (ref: string) => (await Report.findOne({ reference: ref }).lean())!;
const deletedClasses = async (ref: string) => ((await stored(ref)).deletedData ?? []).map((d) => d.dataClass);
const storedFiles = () => filesUnder(t.uploadDir).map((f) => path.basename(f));

/** Every string stored in any collection. */
async function everyString(): Promise<{ collection: string; value: string }[]> {
  const out: { collection: string; value: string }[] = [];
  const walk = (collection: string, v: unknown): void => {
    if (typeof v === 'string') out.push({ collection, value: v });
    else if (Array.isArray(v)) v.forEach((x) => walk(collection, x));
    else if (v && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v))
      Object.values(v as Record<string, unknown>).forEach((x) => walk(collection, x));
  };
  const db = mongoose.connection.db!;
  for (const { name } of await db.listCollections().toArray())
    for (const doc of await db.collection(name).find({}).toArray()) walk(name, doc);
  return out;
}

/** What a sealed value opens to with the server key or any report key still stored (null: nothing opens it). */
async function opened(value: string): Promise<string | null> {
  const attempt = (open: () => string) => {
    try {
      return open();
    } catch {
      return null;
    }
  };
  if (value.startsWith('v1:')) return attempt(() => t.box.open(value));
  const inner = `v1:${value.slice('k1:'.length)}`;
  for (const key of await ReportKey.find({}).lean()) {
    const classBox = new SecretBox(Buffer.from(t.box.open(key.wrapped), 'base64'));
    const text = attempt(() => classBox.open(inner));
    if (text !== null) return text;
  }
  return null;
}

/** A closed protection case's account and a check-in answer, sealed as their owners seal them. */
async function addProtectionDetails(reference: string, open = false) {
  // The held report's own words, so that what still opens there is not what must be gone here.
  const [account, answer] = open ? ['另一名举报人的陈述', '另一名举报人的回访答复'] : [retaliation, checkInAnswer];
  const entry = await newProtectionCase(
    await stored(reference),
    { source: 'staff', kinds: ['threats'], account, openedById: c.staff.reviewer.user.id },
    t.box,
    new Date(),
  );
  const answerSealed = await sealReportData(t.box, reference, 'protection-details', answer);
  // The officers' notes on the closed case name the man too: they go with the reporter's words.
  const officerNote = (text: string) => sealReportData(t.box, reference, 'protection-details', text);
  const closed = open
    ? {}
    : {
        closedAt: new Date(),
        outcome: 'remedied',
        outcomeNoteSealed: await officerNote('司徒国栋已被约谈'),
        referrals: [{ body: 'union', noteSealed: await officerNote('工会已找司徒国栋谈话'), at: new Date() }],
      };
  await Report.updateOne(
    { reference },
    {
      $set: {
        'protection.cases': [{ ...entry, ...closed }],
        'protection.checkIns': [{ round: 1, sentAt: new Date(), answeredAt: new Date(), harm: true, answerSealed }],
      },
    },
  );
}

async function deliverAllMail() {
  const transport = createTransport({ MAIL_TRANSPORT: 'console', WOODPECKER_DATA_DIR: 'data/test' });
  while ((await deliverOutbox(transport, t.box, defaultDeliveryPolicy('noreply@example.cn'), new Date())).sent);
}

beforeAll(async () => {
  t = await startTestApp();
  c = await caseDriver(t);

  // The real-name report, with a photo and a retry key, worked to a paid, claimed reward and closed.
  const res = await submit(t.app, realNameReport({ reporter }), [{ content: await jpeg() }], {
    'Idempotency-Key': `retention-${crypto.randomBytes(8).toString('hex')}`,
  });
  expect(res.status).toBe(201);
  main = res.body as Receipt;
  const ref = main.reference;
  const token = await c.followupToken(main);
  const said = await c
    .reporter(request(t.app).post('/api/v1/followup/messages'), token)
    .send({ body: '补充：北门也锁了。' });
  expect(said.status).toBe(204);
  await c.ok(ref, 'start-screening', {}, c.staff.intake);
  await c.ok(ref, 'accept', { unitCode: 'city-fire', verifierId: c.staff.verifier.user.id }, c.staff.intake);
  await c.ok(ref, 'start-verification', {}, c.staff.verifier);
  await c.ok(ref, 'submit-findings', substantiatedFindings(), c.staff.verifier);
  await c.ok(ref, 'approve-findings', {}, c.staff.reviewer);
  await c.ok(ref, 'propose-reward', {}, c.staff.verifier);
  await c.ok(ref, 'confirm-reward', {}, c.staff.reviewer);
  await c.ok(ref, 'approve-reward', {}, c.staff.finance, moneyKey());
  const claimToken = await c.followupToken(main);
  const claimed = await c.reporter(request(t.app).post('/api/v1/followup/claim'), claimToken).send(claim);
  expect(claimed.status).toBe(200);
  const viewed = await c.get(`/api/v1/reports/${ref}/claim`, c.cashier);
  expect([viewed.status, viewed.body.bankAccount]).toEqual([200, claim.bankAccount.replace(/\s/g, '')]);
  await c.ok(
    ref,
    'record-payout',
    { voucherNo: `FK-${ref}`, paidOn: shanghaiDay(), claimantChecked: true },
    c.cashier,
    moneyKey(),
  );
  await c.sendLetter(ref);
  await c.ok(ref, 'close', {}, c.staff.reviewer);
  await addProtectionDetails(ref);
  await Report.updateOne(
    { reference: ref },
    { $set: { duressKeyHash: `h1:${t.box.mac('duress-key', 'access-key')}` } },
  );

  // The reporter's notices went to the address sealed under the report's key.
  expect((await queuedMails(t.box, { to: reporter.email })).length).toBeGreaterThan(0);
  await deliverAllMail();

  // A report from before per-report keys: its identity sealed by the server key itself.
  legacy = (await c.newReport({ reporter })) as Receipt;
  await c.ok(legacy.reference, 'mark-duplicate', { duplicateOf: ref }, c.staff.intake);
  await Report.updateOne(
    { reference: legacy.reference },
    { $set: { reporterSealed: t.box.seal(JSON.stringify(reporter)), notifyEmailSealed: t.box.seal(reporter.email) } },
  );
  // A report an open protection case holds.
  held = await c.newReport({ reporter: heldReporter });
  await c.ok(held.reference, 'mark-duplicate', { duplicateOf: ref }, c.staff.intake);
  await addProtectionDetails(held.reference, true);
  await deliverAllMail();

  const r = await stored(ref);
  hashes = [r.accessKeyHash!, r.duressKeyHash!, r.retry!.keyHash];
  fileIds = r.evidence.map((e) => e.fileId);
  expect(fileIds).toHaveLength(1);
  expect(storedFiles()).toEqual(expect.arrayContaining(fileIds));
  expect(r.reporterSealed).toMatch(/^k1:/);
  expect(r.reward!.claimSealed).toMatch(/^k1:/);
  expect(r.retry!.receiptSealed).toMatch(/^k1:/);
  statsBefore = await stats();
}, 120_000);

afterAll(async () => {
  await t.stop();
});

test('before any class is due nothing is deleted', async () => {
  const run = await runRetention(t.box, t.store, later(29));
  expect(run.reports).toBe(0);
  for (const ref of [main.reference, legacy.reference, held.reference]) expect(await deletedClasses(ref)).toEqual([]);
  expect((await stored(main.reference)).accessKeyHash).toBe(hashes[0]);
  expect(await FollowupSession.countDocuments({ reference: main.reference })).toBeGreaterThan(0);
});

describe('three years and two days on', () => {
  const now = later(3 * 365 + 2);
  let run: Awaited<ReturnType<typeof runRetention>>;

  beforeAll(async () => {
    run = await runRetention(t.box, t.store, now);
  });

  test('the paid report loses its identity, claim, protection details and access keys; the substantiated evidence stays', async () => {
    expect(run.failed).toBe(0);
    expect((await deletedClasses(main.reference)).sort()).toEqual(
      ['access-keys', 'claim-bank-details', 'protection-details', 'reporter-identity'].sort(),
    );
    const r = await stored(main.reference);
    for (const field of [
      'reporterSealed',
      'notifyEmailSealed',
      'reporterPseudonym',
      'accessKeyHash',
      'duressKeyHash',
      'retry',
    ])
      expect(r).not.toHaveProperty(field);
    expect(r.reward).not.toHaveProperty('claimSealed');
    expect(r.reward!.claimChecks).not.toHaveProperty('payeeIndex');
    expect(r.reward!.claimChecks).not.toHaveProperty('accountIndex');
    expect(r.protection!.cases![0]).not.toHaveProperty('accountSealed');
    expect(r.protection!.cases![0]).not.toHaveProperty('outcomeNoteSealed');
    expect(r.protection!.cases![0].referrals[0]).not.toHaveProperty('noteSealed');
    expect(r.protection!.checkIns![0]).not.toHaveProperty('answerSealed');
    // Kept 10 years as part of the enforcement file.
    expect(r.evidence.map((e) => e.fileId)).toEqual(fileIds);
    expect(storedFiles()).toEqual(expect.arrayContaining(fileIds));
  });

  test('the report stays, with what the statistics need, and counts as before', async () => {
    const r = await stored(main.reference);
    expect([r.status, r.area, r.category, r.reward!.amountFen > 0, r.reward!.payout!.amountFen]).toEqual([
      'closed',
      '410503',
      'fire-exits-blocked',
      true,
      r.reward!.amountFen,
    ]);
    expect(await stats()).toEqual(statsBefore);
  });

  test('nothing stored names the reporter or the claimant, or still opens to them', async () => {
    const strings = await everyString();
    for (const { collection, value } of strings) {
      for (const secret of secrets) if (value.includes(secret)) throw new Error(`${collection} still holds ${secret}`);
      expect(hashes).not.toContain(value);
      if (/^(k1|v1):/.test(value)) {
        const text = await opened(value);
        for (const secret of secrets)
          if (text?.includes(secret)) throw new Error(`a sealed value in ${collection} still opens to ${secret}`);
      }
    }
    // The held report's identity is still there and still opens: the search would have found the others.
    const heldSealed = (await stored(held.reference)).reporterSealed!;
    expect(await opened(heldSealed)).toContain(heldReporter.name);
  });

  test('the shredded classes have no key left; the old v1 identity is removed too', async () => {
    const ids = (await ReportKey.find({}).lean()).map((k) => k._id);
    for (const cls of ['reporter-identity', 'claim-bank-details', 'protection-details', 'access-keys'])
      expect(ids).not.toContain(`${main.reference}/${cls}`);
    expect(ids).toContain(`${held.reference}/reporter-identity`);
    const l = await stored(legacy.reference);
    expect(l).not.toHaveProperty('reporterSealed');
    expect(l).not.toHaveProperty('notifyEmailSealed');
    expect(await deletedClasses(legacy.reference)).toContain('reporter-identity');
  });

  test('the access key no longer signs in, its sessions are gone; finance is told the claim was deleted', async () => {
    expect(await FollowupSession.countDocuments({ reference: main.reference })).toBe(0);
    const signIn = await request(t.app).post('/api/v1/followup/sessions').set('X-Forwarded-For', '10.9.9.9').send(main);
    expect(signIn.status).not.toBe(201);
    const claimView = await c.get(`/api/v1/reports/${main.reference}/claim`, c.cashier);
    expect([claimView.status, claimView.body.code]).toEqual([410, 'claim.deleted']);
  });

  test('an open protection case holds everything', async () => {
    const h = await stored(held.reference);
    expect(h.deletedData ?? []).toEqual([]);
    expect(h.accessKeyHash).toBeTruthy();
    expect(
      await openReportData(t.box, held.reference, 'protection-details', h.protection!.cases![0].accountSealed!),
    ).toBe('另一名举报人的陈述');
  });

  test('the audit entry names the classes only; finished mail records are deleted; a second run does nothing', async () => {
    const entries = await AuditEntry.find({ action: 'report.retention-deleted', 'target.id': main.reference }).lean();
    expect(entries).toHaveLength(1);
    expect(Object.keys(entries[0].details as object).sort()).toEqual(['classes', 'from', 'to']);
    expect(run.outboxDeleted).toBeGreaterThan(0);
    expect(await OutboxEmail.countDocuments({ status: trusted({ $in: ['sent', 'failed'] }) })).toBe(0);
    const again = await runRetention(t.box, t.store, now);
    expect([again.reports, again.failed, again.outboxDeleted]).toEqual([0, 0, 0]);
  });

  test('a protection case opened after its class was deleted is deleted in turn once closed', async () => {
    const officer = await openSession(t, 'protection');
    const ref = main.reference;
    await c.ok(ref, 'open-protection-case', { kinds: ['threats'], account: '司徒国栋又来威胁' }, officer);
    const reopened = (await stored(ref)).protection!.cases!.at(-1)!;
    expect(await openReportData(t.box, ref, 'protection-details', reopened.accountSealed!)).toBe('司徒国栋又来威胁');
    // Held while it is open, then due again though the class was deleted before.
    expect((await runRetention(t.box, t.store, later(3 * 365 + 3))).reports).toBe(0);
    const caseNo = reopened.caseNo;
    await c.ok(ref, 'close-protection-case', { caseNo, outcome: 'other', note: '已处理' }, officer);
    expect((await runRetention(t.box, t.store, later(3 * 365 + 4))).reports).toBe(1);
    const r = await stored(ref);
    expect(r.protection!.cases!.at(-1)).not.toHaveProperty('accountSealed');
    expect(r.protection!.cases!.at(-1)).not.toHaveProperty('outcomeNoteSealed');
    expect(await ReportKey.countDocuments({ _id: `${ref}/protection-details` })).toBe(0);
    expect((await deletedClasses(ref)).filter((x) => x === 'protection-details')).toHaveLength(2);
  });
});

test('ten years on, the substantiated report’s evidence and its files go', async () => {
  await runRetention(t.box, t.store, later(10 * 365 + 2));
  expect(await deletedClasses(main.reference)).toContain('evidence');
  expect((await stored(main.reference)).evidence).toEqual([]);
  for (const id of fileIds) expect(storedFiles()).not.toContain(id);
});
