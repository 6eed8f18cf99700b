// A real-name reporter's keyed pseudonym: the same phone gives the same `R-…` on every
// report, another phone another one, an anonymous report none. Staff see it with the
// count of the person's other reports in their areas; protection, discipline, leaders
// and reviewers read the history by area, audited. Older reports get theirs at start.
import request from 'supertest';
import { trusted } from 'mongoose';
import { Report } from '../../server/reports/report.model';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { backfillReporterPseudonyms, normalisedPhone, reporterPseudonymOf } from '../../server/protection/pseudonym';
import { caseDriver, type Cases } from '../support/cases';
import { intakeEnv, nextClientIp } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, createAccount, expectProblem, type StaffSession, openSession } from '../support/staff';

let t: TestApp;
let c: Cases;
const s = {} as Record<'protection' | 'leader' | 'discipline', StaffSession>;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  for (const role of ['protection', 'leader', 'discipline'] as const) s[role] = await openSession(t, role);
});
afterAll(async () => {
  await t?.stop();
});

const history = (pseudonym: string, who: StaffSession) =>
  as(request(t.app).get(`/api/v1/reporters/${pseudonym}/reports`).set('X-Forwarded-For', nextClientIp()), who, null);

const person = (phone: string, area = '410503') => ({ reporter: { name: '赵六', phone }, area });

test('the phone decides: written differently it is one person; another phone another; anonymous none', async () => {
  expect(normalisedPhone('+86 138-0000-1111')).toBe('13800001111');
  expect(normalisedPhone('8613800001111')).toBe('13800001111');
  const a = await c.newReport(person('13800001111'));
  const b = await c.newReport(person('+8613800001111'));
  const other = await c.newReport(person('13900002222'));
  const anon = await c.newReport({ anonymous: true, reporter: undefined });
  const [pa, pb, po, pn] = await Promise.all(
    [a, b, other, anon].map(async (r) => (await c.stored(r.reference)).reporterPseudonym),
  );
  expect(pa).toMatch(/^R-[0-9A-HJKMNP-TV-Z]{10}$/);
  expect(pb).toBe(pa);
  expect(po).not.toBe(pa);
  expect(pn).toBeUndefined();
  // Keyed: the plain phone, and an unkeyed hash of it, are nowhere in the report.
  expect(JSON.stringify(await c.stored(a.reference))).not.toContain('13800001111');
  expect(pa).toBe(reporterPseudonymOf(t.box, { phone: '138 0000 1111' }));

  // Staff see the keyed pseudonym and the other report; the anonymous one keeps its per-report one.
  const view = (await c.view(a.reference, c.staff.intake)).body;
  expect(view.reporterPseudonym).toBe(pa);
  expect(view.sameReporterReports).toBe(1);
  const anonView = (await c.view(anon.reference, c.staff.intake)).body;
  expect(anonView.reporterPseudonym).toMatch(/^举报人-[0-9A-F]{6}$/);
  expect(anonView.sameReporterReports).toBeUndefined();
});

test('history: for protection, discipline, leaders and reviewers, in their areas, audited', async () => {
  const phone = '13700003333';
  const here = await c.reportAt('substantiated', { report: person(phone, '410503') });
  const there = await c.newReport(person(phone, '410581'));
  const pseudonym = (await c.stored(here.reference)).reporterPseudonym!;
  await createAccount({ username: 'reviewer-anyang', role: 'reviewer', areaCodes: ['410503'] });
  const local = await openSession(t, 'reviewer-anyang');
  expect((await c.view(here.reference, c.staff.reviewer)).body.sameReporterReports).toBe(1);
  expect((await c.view(here.reference, local)).body.sameReporterReports).toBe(0);
  // A paid reward and a protection case, as their own steps would leave them.
  await Report.updateOne(
    { reference: here.reference },
    {
      $set: {
        'reward.payout': {
          voucherNo: 'PZ-1',
          paidOn: '2026-11-30',
          amountFen: 300_000,
          recordedById: 'x',
          recordedAt: new Date(),
        },
        'protection.cases': [
          {
            caseNo: 'PC-1',
            source: 'reporter',
            kinds: ['threats'],
            openedAt: new Date(),
            firstActionDueAt: new Date(),
            decisionDueAt: new Date(),
            referrals: [],
          },
        ],
      },
    },
  );

  const asProtection = await history(pseudonym, s.protection);
  expect(asProtection.status).toBe(200);
  expect(asProtection.body.items.map((i: { reference: string }) => i.reference).sort()).toEqual(
    [here.reference, there.reference].sort(),
  );
  const paid = asProtection.body.items.find((i: { reference: string }) => i.reference === here.reference);
  expect(paid).toMatchObject({
    status: 'substantiated',
    category: 'fire-exits-blocked',
    area: '410503',
    rewardPaidFen: 300_000,
    protectionCases: 1,
  });

  for (const who of [s.discipline, s.leader, c.staff.reviewer]) {
    const res = await history(pseudonym, who);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    // Protection cases are for protection staff alone.
    expect(res.body.items.every((i: object) => !('protectionCases' in i))).toBe(true);
  }
  for (const who of [c.staff.intake, c.staff.verifier, c.staff.finance, c.staff.admin])
    expectProblem(await history(pseudonym, who), 403, 'auth.forbidden');

  // A reviewer of one county sees only that county's report.
  const scoped = await history(pseudonym, local);
  expect(scoped.body.items.map((i: { reference: string }) => i.reference)).toEqual([here.reference]);

  // The audit log is kept for ever, the pseudonym only as long as the identity: the entries
  // name the reports listed, and no entry anywhere holds the pseudonym.
  const reads = await AuditEntry.find({ action: 'reporter.history_read' }).sort({ at: 1, _id: 1 }).lean();
  const both = [here.reference, there.reference].sort();
  expect(reads.map((e) => [e.actor?.username, ((e.details?.references as string[]) ?? []).slice().sort()])).toEqual([
    ['protection', both],
    ['discipline', both],
    ['leader', both],
    ['reviewer', both],
    ['reviewer-anyang', [here.reference]],
  ]);
  expect(JSON.stringify(await AuditEntry.find({}).lean())).not.toContain(pseudonym);
  expectProblem(await history('R-NOTAPSEUDO', s.protection), 400, 'request.invalid');
});

test('the start-up backfill gives older real-name reports theirs, once, and leaves anonymous ones alone', async () => {
  const older = await c.newReport(person('13600004444'));
  const anon = await c.newReport({ anonymous: true, reporter: undefined });
  const expected = (await c.stored(older.reference)).reporterPseudonym;
  await Report.updateMany({}, { $unset: { reporterPseudonym: '' } });
  const withIdentity = await Report.countDocuments({ reporterSealed: trusted({ $type: 'string' }) });
  expect(await backfillReporterPseudonyms(t.box)).toBe(withIdentity);
  expect((await c.stored(older.reference)).reporterPseudonym).toBe(expected);
  expect((await c.stored(anon.reference)).reporterPseudonym).toBeUndefined();
  expect(await backfillReporterPseudonyms(t.box)).toBe(0);
});
