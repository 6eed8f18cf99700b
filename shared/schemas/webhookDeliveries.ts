// The staff view of status webhooks to partners that did not go: dead letters
// (every attempt failed) and events still waiting long after they were queued.
import { z } from 'zod';
import { webhookEventTypes } from './exchangeStatus';

export const webhookDeliveryItem = z.object({
  eventId: z.string(),
  partner: z.object({ code: z.string(), name: z.object({ zh: z.string(), en: z.string() }) }),
  type: z.enum(webhookEventTypes),
  reference: z.string(),
  sequence: z.number().int(),
  status: z.enum(['pending', 'sending', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  /** When it is tried next (pending); absent for a dead letter, which waits for "send again". */
  nextAttemptAt: z.string().optional(),
  queuedAt: z.string(),
  /** An earlier event of the same case has not gone yet: this one follows it. */
  waitingForEarlier: z.boolean(),
});
export type WebhookDeliveryItem = z.infer<typeof webhookDeliveryItem>;

export const webhookDeliveriesResponse = z.object({ items: z.array(webhookDeliveryItem) });
export const webhookEventParams = z.object({ eventId: z.string().uuid() });
