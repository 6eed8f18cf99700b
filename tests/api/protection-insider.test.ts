// The insider track: intake records a protection risk assessment when accepting an insider's
// report; high risk makes the case protected, with a cover note for its verifier; staff other
// than the verifier confirm before opening a protected case's evidence, and that read is audited.
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Report } from '../../server/reports/report.model';
import { DEFAULT_COVER_NOTE } from '../../server/protection/assessment';
import { caseDriver, realNameReport, type Cases } from '../support/cases';
import { intakeEnv, jpeg, submit } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';
import request from 'supertest';

let t: TestApp;
let c: Cases;
let protection: StaffSession;
let verifierId: string;

beforeAll(async () => {
  t = await startTestApp(intakeEnv);
  c = await caseDriver(t);
  protection = await openSession(t, 'protection');
  verifierId = c.staff.verifier.user.id;
});
afterAll(async () => {
  await t?.stop();
});

const insiderReport = (over: Record<string, unknown> = {}) => realNameReport({ employeeOfSubject: true, ...over });
const assessment = (over: Record<string, unknown> = {}) => ({
  insider: true,
  smallWorkplace: true,
  identifyingDetails: false,
  ...over,
});
const acceptBody = (over: Record<string, unknown> = {}) => ({ unitCode: 'city-fire', verifierId, ...over });

async function insiderWithEvidence(): Promise<{ ref: string; fileId: string }> {
  const sub = await submit(t.app, insiderReport(), [{ content: await jpeg() }]);
  expect(sub.status).toBe(201);
  const ref = sub.body.reference as string;
  return { ref, fileId: (await c.stored(ref)).evidence[0].fileId };
}

describe('the assessment at acceptance', () => {
  test('an insider report is not accepted without it: a 400 naming protection, and nothing changes', async () => {
    const { reference: ref } = await c.newReport(insiderReport());
    const before = await c.stored(ref);
    const res = await c.act(ref, 'accept', acceptBody());
    expectProblem(res, 400, 'report.assessment_required');
    expect(errorPaths(res)).toEqual(['body.protection']);
    const after = await c.stored(ref);
    expect({ status: after.status, revision: after.revision }).toEqual({
      status: before.status,
      revision: before.revision,
    });
  });

  test('a bad assessment is a 400 naming its field', async () => {
    const { reference: ref } = await c.newReport(insiderReport());
    const res = await c.act(ref, 'accept', acceptBody({ protection: { insider: true, smallWorkplace: 'yes' } }));
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual(expect.arrayContaining(['body.protection.smallWorkplace']));
  });

  test('high risk makes the case protected, with the default cover note, shown to the verifier', async () => {
    const { reference: ref } = await c.newReport(insiderReport());
    await c.ok(ref, 'accept', acceptBody({ protection: assessment({ note: '车间只有三人' }) }));
    const stored = await c.stored(ref);
    expect(stored.protection?.assessment).toMatchObject({
      insider: true,
      smallWorkplace: true,
      risk: 'high',
      note: '车间只有三人',
      byId: c.staff.intake.user.id,
    });
    expect(stored.protection?.protected).toBe(true);
    const view = (await c.view(ref, c.staff.verifier)).body;
    expect(view.protection).toEqual({
      insider: true,
      risk: 'high',
      protected: true,
      coverNote: DEFAULT_COVER_NOTE,
      assessedAt: stored.protection!.assessment!.at!.toISOString(),
    });
    // The audit entry carries the judgement, not the officer's notes.
    const entry = await AuditEntry.findOne({ action: 'report.accept', 'target.id': ref }).lean();
    expect(entry?.details).toMatchObject({ risk: 'high', protected: true });
    expect(JSON.stringify(entry)).not.toContain('车间只有三人');
  });

  test('medium risk is not protected unless the officer says so, with their own cover note', async () => {
    const { reference: medium } = await c.newReport(insiderReport());
    await c.ok(medium, 'accept', acceptBody({ protection: assessment({ smallWorkplace: false }) }));
    expect((await c.view(medium, c.staff.verifier)).body.protection).toMatchObject({
      insider: true,
      risk: 'medium',
      protected: false,
    });
    expect((await c.view(medium, c.staff.verifier)).body.protection.coverNote).toBeUndefined();

    const { reference: chosen } = await c.newReport(insiderReport());
    const coverNote = '以年度消防检查名义前往，先查其他楼层。';
    await c.ok(
      chosen,
      'accept',
      acceptBody({ protection: assessment({ smallWorkplace: false, protect: true, coverNote }) }),
    );
    expect((await c.view(chosen, c.staff.verifier)).body.protection).toMatchObject({ protected: true, coverNote });
  });

  test('a non-insider report may carry an assessment; without one its view says what the reporter said', async () => {
    const { reference: plain } = await c.newReport();
    await c.ok(plain, 'accept', acceptBody());
    expect((await c.view(plain, c.staff.intake)).body.protection).toEqual({ insider: false, protected: false });

    const { reference: details } = await c.newReport();
    await c.ok(
      details,
      'accept',
      acceptBody({ protection: { insider: false, smallWorkplace: false, identifyingDetails: true } }),
    );
    expect((await c.view(details, c.staff.intake)).body.protection).toMatchObject({ insider: false, risk: 'medium' });

    const { reference: before } = await c.newReport(insiderReport());
    expect((await c.view(before, c.staff.intake)).body.protection).toEqual({ insider: true, protected: false });
  });

  test('protection staff revise it (assess-protection); nobody else may', async () => {
    const { reference: ref } = await c.newReport(insiderReport());
    await c.ok(ref, 'accept', acceptBody({ protection: assessment({ smallWorkplace: false }) }));
    expectProblem(await c.act(ref, 'assess-protection', assessment(), c.staff.intake), 403, 'auth.forbidden');
    await c.ok(ref, 'assess-protection', assessment({ identifyingDetails: true }), protection);
    const view = (await c.view(ref, c.staff.verifier)).body;
    expect(view.protection).toMatchObject({ risk: 'high', protected: true, coverNote: DEFAULT_COVER_NOTE });
    expect((await c.stored(ref)).protection?.assessment?.byId).toBe(protection.user.id);
  });
});

describe('evidence of a protected case', () => {
  const download = (ref: string, fileId: string, who: StaffSession, query = '') =>
    c.get(`/api/v1/reports/${ref}/evidence/${fileId}${query}`, who).buffer(true);
  const downloads = (ref: string) =>
    AuditEntry.find({ action: 'report.evidence_downloaded', 'target.id': ref }).sort({ seq: 1 }).lean();

  test('anyone but the assigned verifier is asked to confirm (409), then may open it, audited as acknowledged', async () => {
    const { ref, fileId } = await insiderWithEvidence();
    await c.ok(ref, 'accept', acceptBody({ protection: assessment() }));

    expectProblem(await download(ref, fileId, c.staff.reviewer), 409, 'report.protected_evidence');
    expect(await downloads(ref)).toHaveLength(0);
    // Only the one flag opens it.
    expectProblem(await download(ref, fileId, c.staff.reviewer, '?acknowledge=yes'), 400, 'request.invalid');

    const ok = await download(ref, fileId, c.staff.reviewer, '?acknowledge=protected');
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('image/jpeg');
    const entries = await downloads(ref);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { id: c.staff.reviewer.user.id },
      details: { fileId, acknowledgedProtected: true },
    });
  });

  test('the assigned verifier needs no acknowledgement', async () => {
    const { ref, fileId } = await insiderWithEvidence();
    await c.ok(ref, 'accept', acceptBody({ protection: assessment() }));
    const res = await download(ref, fileId, c.staff.verifier);
    expect(res.status).toBe(200);
    const entries = await downloads(ref);
    expect(entries).toHaveLength(1);
    expect(entries[0].details).not.toHaveProperty('acknowledgedProtected');
  });

  test('a case that is not protected opens as before', async () => {
    const { ref, fileId } = await insiderWithEvidence();
    await c.ok(ref, 'accept', acceptBody({ protection: assessment({ smallWorkplace: false }) }));
    expect((await download(ref, fileId, c.staff.reviewer)).status).toBe(200);
  });
});

describe('bulk acceptance', () => {
  test('refuses insider reports item by item, with the reason, and accepts the rest', async () => {
    const plain = (await c.newReport()).reference;
    const insider = (await c.newReport(insiderReport())).reference;
    const other = (await c.newReport()).reference;
    const res = await as(request(t.app).post('/api/v1/reports/bulk-accept'), c.staff.intake)
      .set('X-Forwarded-For', '10.9.0.1')
      .send({ references: [plain, insider, other], unitCode: 'city-fire', verifierId, protection: assessment() });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { reference: plain, ok: true, status: 'assigned' },
      { reference: insider, ok: false, code: 'report.assessment_required' },
      { reference: other, ok: true, status: 'assigned' },
    ]);
    // A batch never carries an assessment: it is made for each insider's report alone.
    expect((await Report.findOne({ reference: plain }).lean())?.protection?.assessment).toBeFalsy();
    expect((await c.stored(insider)).status).toBe('submitted');
  });
});
