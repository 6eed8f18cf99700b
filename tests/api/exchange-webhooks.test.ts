// Status back to partner systems, through the real path: steps taken on a
// partner's case queue signed webhooks in the step's transaction, the delivery job
// POSTs them to a real HTTP receiver on loopback that checks the signature, a
// receiver that is down (closed port, then 500) is retried with backoff and
// served later with nothing lost and in sequence, a dead letter is shown to staff
// and sent again, one partner down holds back no other, and the status pull
// answers a partner about its own cases only.
import request from 'supertest';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { OutboxWebhook } from '../../server/exchange/outboxWebhook.model';
import { signedHeaders } from '../../server/exchange/signature';
import { defaultWebhookPolicy, deliverWebhooks, type WebhookPolicy } from '../../server/exchange/webhookDelivery';
import { Report } from '../../server/reports/report.model';
import { caseDriver, substantiatedFindings, type Cases } from '../support/cases';
import { startTestApp, type TestApp } from '../support/server';
import { as, expectProblem } from '../support/staff';
import { registerPartner, strangerSecret } from '../support/partners';
import { WebhookReceiver } from '../support/webhookReceiver';

let t: TestApp;
let cases: Cases;
const receivers: WebhookReceiver[] = [];
const policy: WebhookPolicy = { ...defaultWebhookPolicy, maxAttempts: 3, backoffMs: 60_000, timeoutMs: 5_000 };
const SECOND = 1000;

beforeAll(async () => {
  t = await startTestApp();
  cases = await caseDriver(t);
});
afterAll(async () => {
  for (const r of receivers) await r.stop();
  await t?.stop();
});

/** A partner with its own webhook receiver, listening. */
async function partnerWithReceiver(code: string) {
  const receiver = new WebhookReceiver();
  receivers.push(receiver);
  await receiver.start();
  const partner = await registerPartner(t.app, cases.staff.admin, code, { webhookUrl: receiver.url });
  receiver.secret = partner.secret;
  return { receiver, partner };
}

/** A report dispatched by a partner (the inbound API's part is set directly). */
async function partnerCase(partnerCode: string, externalId: string): Promise<string> {
  const { reference } = await cases.newReport();
  await Report.updateOne(
    { reference },
    { $set: { channel: 'partner', exchange: { partnerCode, externalId, externalChannel: 'mini-program' } } },
  );
  return reference;
}

const accept = async (ref: string) => {
  await cases.ok(ref, 'start-screening');
  await cases.ok(ref, 'accept', { unitCode: 'city-fire', verifierId: cases.staff.verifier.user.id });
};
const verify = async (ref: string) => {
  await cases.ok(ref, 'start-verification', {}, cases.staff.verifier);
  await cases.ok(ref, 'submit-findings', substantiatedFindings(), cases.staff.verifier);
  await cases.ok(ref, 'approve-findings', {}, cases.staff.reviewer);
};
const queued = (reference: string) => OutboxWebhook.find({ reference }).sort({ sequence: 1 }).lean();
const after = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe('a status change on a partner case', () => {
  it('sends exactly one signed webhook, with the event id and the case as the partner may know it', async () => {
    const { receiver, partner } = await partnerWithReceiver('prov-one');
    const ref = await partnerCase('prov-one', 'ONE-1');
    await cases.ok(ref, 'start-screening');
    expect(await queued(ref)).toHaveLength(0); // screening changes nothing the partner sees
    await cases.ok(ref, 'accept', { unitCode: 'city-fire', verifierId: cases.staff.verifier.user.id });

    await deliverWebhooks(t.box, after(new Date(), SECOND), policy);
    const arrived = receiver.arrived.filter((h) => h.body.case.reference === ref);
    expect(arrived).toHaveLength(1);
    const [hook] = arrived;
    expect(hook.signature).toBe('valid');
    expect(hook.keyId).toBe(partner.keyId);
    expect(hook.eventId).toBe(hook.body.eventId);
    expect(hook.body).toMatchObject({
      type: 'accepted',
      sequence: 1,
      case: { reference: ref, externalId: 'ONE-1', stage: 'accepted', outcome: null, reward: null },
    });
    // Nothing about the reporter travels: the report was made under a real name with a phone number.
    expect(JSON.stringify(hook.body)).not.toMatch(/王五|13800000000|商场/);

    // Delivered once: another run sends nothing again.
    await deliverWebhooks(t.box, after(new Date(), 10 * SECOND), policy);
    expect(receiver.arrived.filter((h) => h.body.case.reference === ref)).toHaveLength(1);
    const [stored] = await queued(ref);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, eventId: hook.eventId });
  });

  it('queues nothing for a report that no partner sent', async () => {
    const { reference } = await cases.newReport();
    await accept(reference);
    expect(await queued(reference)).toHaveLength(0);
  });

  it('queues nothing for a partner without a webhook URL (it pulls instead)', async () => {
    await registerPartner(t.app, cases.staff.admin, 'prov-pulls');
    const ref = await partnerCase('prov-pulls', 'PULL-1');
    await accept(ref);
    expect(await queued(ref)).toHaveLength(0);
  });
});

describe('a receiver that is down', () => {
  it('is retried with backoff and served later: nothing lost, in sequence', async () => {
    const { receiver } = await partnerWithReceiver('prov-down');
    await receiver.stop(); // the port now refuses connections
    const ref = await partnerCase('prov-down', 'DOWN-1');
    await accept(ref);
    await verify(ref);
    expect((await queued(ref)).map((w) => [w.sequence, w.type])).toEqual([
      [1, 'accepted'],
      [2, 'verified'],
    ]);

    const t0 = after(new Date(), SECOND);
    expect(await deliverWebhooks(t.box, t0, policy)).toMatchObject({ sent: 0 });
    const [firstTry, second] = await queued(ref);
    expect(firstTry).toMatchObject({ status: 'pending', attempts: 1, lastError: 'ECONNREFUSED' });
    expect(firstTry.nextAttemptAt).toEqual(after(t0, 60 * SECOND));
    // The later event waits behind the one being retried.
    expect(second).toMatchObject({ status: 'pending', attempts: 0 });

    // Back, but answering 500: not yet due, then due and refused, with a doubled wait.
    await receiver.start();
    receiver.mode = 'fail';
    await deliverWebhooks(t.box, after(t0, 30 * SECOND), policy);
    expect(receiver.arrived).toHaveLength(0);
    const t1 = after(t0, 61 * SECOND);
    await deliverWebhooks(t.box, t1, policy);
    expect(receiver.arrived.map((h) => h.body.sequence)).toEqual([1]);
    const [first] = await queued(ref);
    expect(first).toMatchObject({ status: 'pending', attempts: 2, lastError: 'HTTP 500' });
    expect(first.nextAttemptAt).toEqual(after(t1, 120 * SECOND));

    receiver.mode = 'ok';
    await deliverWebhooks(t.box, after(t1, 121 * SECOND), policy);
    expect(receiver.eventsOf(ref).map((e) => [e.sequence, e.type])).toEqual([
      [1, 'accepted'],
      [2, 'verified'],
    ]);
    expect(receiver.arrived.every((h) => h.signature === 'valid')).toBe(true);
    expect((await queued(ref)).map((w) => w.status)).toEqual(['sent', 'sent']);
  });

  it('does not hold back another partner', async () => {
    const down = await partnerWithReceiver('prov-a-down');
    const up = await partnerWithReceiver('prov-b-up');
    await down.receiver.stop();
    const refDown = await partnerCase('prov-a-down', 'A-1');
    const refUp = await partnerCase('prov-b-up', 'B-1');
    await accept(refDown);
    await accept(refUp);

    await deliverWebhooks(t.box, after(new Date(), SECOND), policy);
    expect(up.receiver.eventsOf(refUp).map((e) => e.type)).toEqual(['accepted']);
    expect((await queued(refDown))[0]).toMatchObject({ status: 'pending', attempts: 1 });
  });
});

describe('dead letters', () => {
  it('are shown to staff after the last attempt, and "send again" delivers them, the case still in sequence', async () => {
    const { receiver } = await partnerWithReceiver('prov-dead');
    receiver.mode = 'fail';
    const ref = await partnerCase('prov-dead', 'DEAD-1');
    await accept(ref);
    let now = after(new Date(), SECOND);
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      await deliverWebhooks(t.box, now, policy);
      now = after(now, 10 * 60 * SECOND);
    }
    const [dead] = await queued(ref);
    expect(dead).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 500' });
    expect(dead.body).toContain('"type":"accepted"'); // kept, so it can be sent again as it was

    // A later event of the case waits behind the dead letter, even with the receiver back.
    receiver.mode = 'ok';
    await verify(ref);
    await deliverWebhooks(t.box, now, policy);
    expect(receiver.eventsOf(ref)).toHaveLength(0);
    // Queued long ago, as far as the view is concerned.
    await OutboxWebhook.collection.updateOne(
      { reference: ref, sequence: 2 },
      { $set: { createdAt: after(new Date(), -60 * 60 * SECOND) } },
    );

    const list = await cases.get('/api/v1/webhooks/undelivered', cases.staff.admin).expect(200);
    const mine = (list.body.items as { reference: string }[]).filter((i) => i.reference === ref);
    expect(mine).toEqual([
      expect.objectContaining({
        eventId: dead.eventId,
        partner: { code: 'prov-dead', name: { zh: '测试对接方 prov-dead', en: 'Test partner prov-dead' } },
        type: 'accepted',
        sequence: 1,
        status: 'failed',
        attempts: 3,
        lastError: 'HTTP 500',
        waitingForEarlier: false,
      }),
      expect.objectContaining({ type: 'verified', sequence: 2, status: 'pending', waitingForEarlier: true }),
    ]);
    expect(mine[0]).not.toHaveProperty('nextAttemptAt');

    // Administrators only.
    expectProblem(await cases.get('/api/v1/webhooks/undelivered', cases.staff.intake), 403, 'auth.forbidden');
    const resend = (who = cases.staff.admin) =>
      as(request(t.app).post(`/api/v1/webhooks/${dead.eventId}/resend`), who).send();
    expectProblem(await resend(cases.staff.intake), 403, 'auth.forbidden');

    await resend().expect(204);
    const audit = await AuditEntry.findOne({ action: 'exchange.webhook_resent', 'target.id': ref }).lean();
    expect(audit?.details).toMatchObject({ eventId: dead.eventId, partnerCode: 'prov-dead', sequence: 1 });
    expect(audit?.actor?.username).toBe('admin');
    // Already back in the queue: not a dead letter any more.
    expectProblem(await resend(), 409, 'exchange.not_dead_letter');

    await deliverWebhooks(t.box, after(new Date(), SECOND), policy);
    expect(receiver.eventsOf(ref).map((e) => [e.sequence, e.type, e.eventId])).toEqual([
      [1, 'accepted', dead.eventId],
      [2, 'verified', expect.any(String)],
    ]);
    const gone = await cases.get('/api/v1/webhooks/undelivered', cases.staff.admin).expect(200);
    expect((gone.body.items as { reference: string }[]).filter((i) => i.reference === ref)).toEqual([]);
  });
});

describe('the status pull', () => {
  const pull = (externalId: string, key: { keyId: string; secret: string }) => {
    const path = `/api/v1/exchange/cases/${externalId}`;
    return request(t.app)
      .get(path)
      .set(signedHeaders(key.keyId, key.secret, { method: 'GET', path, body: '' }));
  };

  it("answers a partner about its own case, and about anyone else's as unknown", async () => {
    const mine = await registerPartner(t.app, cases.staff.admin, 'prov-pull-a');
    const other = await registerPartner(t.app, cases.staff.admin, 'prov-pull-b');
    const ref = await partnerCase('prov-pull-a', 'PULL-A-1');
    await accept(ref);

    const res = await pull('PULL-A-1', mine).expect(200);
    expect(res.body).toEqual({
      reference: ref,
      externalId: 'PULL-A-1',
      stage: 'accepted',
      outcome: null,
      rectification: null,
      reward: null,
      updatedAt: expect.any(String),
    });
    expectProblem(await pull('PULL-A-1', other), 404, 'resource.not_found');
    expectProblem(await pull('NO-SUCH-CASE', mine), 404, 'resource.not_found');
  });

  it('refuses a bad signature and a replayed request with 401', async () => {
    const partner = await registerPartner(t.app, cases.staff.admin, 'prov-pull-c');
    await partnerCase('prov-pull-c', 'PULL-C-1');
    expectProblem(await pull('PULL-C-1', { ...partner, secret: strangerSecret() }), 401, 'exchange.unsigned');
    expectProblem(await request(t.app).get('/api/v1/exchange/cases/PULL-C-1'), 401, 'exchange.unsigned');

    const path = '/api/v1/exchange/cases/PULL-C-1';
    const headers = signedHeaders(partner.keyId, partner.secret, { method: 'GET', path, body: '' });
    await request(t.app).get(path).set(headers).expect(200);
    expectProblem(await request(t.app).get(path).set(headers), 401, 'exchange.replayed');
  });
});
