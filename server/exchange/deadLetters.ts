// What staff see of status webhooks that did not reach their partner, and
// "send again" for a dead letter: back in the queue with a fresh count of
// attempts, audited in the same transaction.
import { trusted } from 'mongoose';
import type { WebhookDeliveryItem } from '../../shared/schemas/webhookDeliveries';
import type { WebhookEventType } from '../../shared/schemas/exchangeStatus';
import type { Actor } from '../access';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import { requeue } from '../platform/outbox/deliverQueue';
import { OutboxWebhook } from './outboxWebhook.model';
import { Partner } from './partner.model';

/** Still not delivered this long after it was queued: shown beside the dead letters. */
export const LONG_PENDING_MS = 15 * 60_000;

export async function undeliveredWebhooks(now = new Date()): Promise<WebhookDeliveryItem[]> {
  const since = new Date(now.getTime() - LONG_PENDING_MS);
  const hooks = await OutboxWebhook.find({
    $or: [
      { status: 'failed' },
      { status: trusted({ $in: ['pending', 'sending'] }), createdAt: trusted({ $lte: since }) },
    ],
  })
    .sort({ partnerCode: 1, reference: 1, sequence: 1 })
    .limit(500)
    .lean();
  const partners = new Map(
    (await Partner.find({ code: trusted({ $in: [...new Set(hooks.map((h) => h.partnerCode))] }) }).lean()).map((p) => [
      p.code,
      p,
    ]),
  );
  // The oldest undelivered sequence per case: anything after it waits for it (webhookDelivery.ts).
  const firstWaiting = new Map<string, number>();
  for (const h of hooks) {
    const key = `${h.partnerCode}/${h.reference}`;
    firstWaiting.set(key, Math.min(firstWaiting.get(key) ?? Infinity, h.sequence));
  }
  return hooks.map((h) => {
    const p = partners.get(h.partnerCode);
    return {
      eventId: h.eventId,
      partner: { code: h.partnerCode, name: { zh: p?.name?.zh ?? h.partnerCode, en: p?.name?.en ?? h.partnerCode } },
      type: h.type as WebhookEventType,
      reference: h.reference,
      sequence: h.sequence,
      status: h.status as WebhookDeliveryItem['status'],
      attempts: h.attempts ?? 0,
      ...(h.lastError ? { lastError: h.lastError } : {}),
      ...(h.status === 'failed' ? {} : { nextAttemptAt: h.nextAttemptAt.toISOString() }),
      queuedAt: (h.createdAt ?? h.nextAttemptAt).toISOString(),
      waitingForEarlier: firstWaiting.get(`${h.partnerCode}/${h.reference}`)! < h.sequence,
    };
  });
}

/** Puts a dead letter back in the queue; refuses one that is not (or no longer) a dead letter. */
export async function resendWebhook(actor: Actor, eventId: string, now = new Date()): Promise<void> {
  await inTransaction(async (session) => {
    const hook = await OutboxWebhook.findOne({ eventId }).session(session).lean();
    if (!hook) throw fail('resource.not_found');
    if (!(await requeue(OutboxWebhook, { eventId }, now, session))) throw fail('exchange.not_dead_letter');
    await appendAudit(
      {
        actor,
        action: 'exchange.webhook_resent',
        target: { type: 'report', id: hook.reference },
        details: { eventId, partnerCode: hook.partnerCode, type: hook.type, sequence: hook.sequence },
      },
      session,
      now,
    );
  });
}
