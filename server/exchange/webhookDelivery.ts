// Delivers queued status webhooks to each partner through the one delivery loop
// (platform/outbox/deliverQueue): a signed POST (./signature.ts) to the partner's
// webhook URL, with the event id in X-Woodpecker-Event-Id; a 2xx answer is
// delivered, anything else is retried with backoff and, after the last attempt,
// left as a dead letter for staff to send again. Partners are delivered side by
// side, each stopping at its own failure, so one partner down holds back no
// other. A case's events go strictly in sequence: only each case's oldest
// undelivered event is offered, so a later event never overtakes a retried one.
import { trusted } from 'mongoose';
import { deliverQueue, type Queued, type RetryPolicy } from '../platform/outbox/deliverQueue';
import type { SecretBox } from '../platform/secretBox';
import { OutboxWebhook, type OutboxWebhookFields } from './outboxWebhook.model';
import { Partner, type PartnerFields } from './partner.model';
import { signedHeaders } from './signature';

export const EVENT_ID_HEADER = 'x-woodpecker-event-id';

export interface WebhookPolicy extends RetryPolicy {
  /** How long one POST may take before it counts as failed. */
  timeoutMs: number;
}

export const defaultWebhookPolicy: WebhookPolicy = {
  maxAttempts: 10,
  backoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  claimMs: 60_000,
  timeoutMs: 10_000,
};

type Webhook = OutboxWebhookFields & Queued;

/** A refused or failed delivery: the status or network error only (never the URL, which may carry a token). */
class DeliveryError extends Error {}

function describeError(e: unknown): string {
  if (e instanceof DeliveryError) return e.message;
  const err = e as { name?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timeout';
  return err.cause?.code ?? err.name ?? 'error';
}

async function post(partner: PartnerFields, secret: string, hook: Webhook, timeoutMs: number): Promise<void> {
  const url = new URL(partner.webhookUrl!);
  const headers = signedHeaders(partner.keyId, secret, {
    method: 'POST',
    path: url.pathname + url.search,
    body: hook.body,
  });
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', [EVENT_ID_HEADER]: hook.eventId },
    body: hook.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.arrayBuffer().catch(() => undefined); // read the answer through, so the connection is released
  if (res.status < 200 || res.status > 299) throw new DeliveryError(`HTTP ${res.status}`);
}

/** Each case's oldest undelivered event: the only one of the case that may go now. */
async function caseHeads(partnerCode: string): Promise<unknown[]> {
  const waiting = await OutboxWebhook.find(
    { partnerCode, status: trusted({ $in: ['pending', 'sending', 'failed'] }) },
    { reference: 1, sequence: 1 },
  )
    .sort({ sequence: 1 })
    .limit(5000)
    .lean();
  const heads = new Map<string, unknown>();
  for (const w of waiting) if (!heads.has(w.reference)) heads.set(w.reference, w._id);
  return [...heads.values()];
}

async function deliverToPartner(
  partner: PartnerFields,
  box: SecretBox,
  policy: WebhookPolicy,
  now: Date,
): Promise<{ sent: number; failed: number }> {
  const secret = box.open(partner.secretSealed);
  const total = { sent: 0, failed: 0 };
  // A case's next event becomes its head once the one before is delivered: offer the heads again until done.
  for (let round = 0; round < 20; round++) {
    const heads = await caseHeads(partner.code);
    if (!heads.length) break;
    const r = await deliverQueue<Webhook>({
      model: OutboxWebhook,
      policy,
      now,
      filter: { partnerCode: partner.code, _id: trusted({ $in: heads }) },
      forget: {},
      describeError,
      send: (hook) => post(partner, secret, hook, policy.timeoutMs),
    });
    total.sent += r.sent;
    total.failed += r.failed;
    if (!r.sent || r.failed) break;
  }
  return total;
}

/** One run of the webhook job: every active partner with a webhook URL, side by side. */
export async function deliverWebhooks(
  box: SecretBox,
  now: Date,
  policy: WebhookPolicy = defaultWebhookPolicy,
): Promise<{ sent: number; failed: number }> {
  const partners = await Partner.find({ active: true, webhookUrl: trusted({ $type: 'string' }) }).lean();
  const results = await Promise.all(partners.map((p) => deliverToPartner(p, box, policy, now)));
  return results.reduce((a, r) => ({ sent: a.sent + r.sent, failed: a.failed + r.failed }), { sent: 0, failed: 0 });
}
