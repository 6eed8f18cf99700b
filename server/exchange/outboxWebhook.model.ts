// Status webhooks waiting for, or given to, a partner system. The pipeline queues
// them in the step's transaction; a job delivers them through the one delivery
// loop (platform/outbox/deliverQueue). The body holds no personal data (the
// partner's view of the case), so it is kept after delivery, as the record of
// what the partner was told, and a dead letter can be sent again as it was.
import { Schema, model, type InferSchemaType } from 'mongoose';
import { queueFields } from '../platform/outbox/deliverQueue';
import { webhookEventTypes } from '../../shared/schemas/exchangeStatus';

const outboxWebhookSchema = new Schema(
  {
    /** Unique: the partner dedupes on it (sent as X-Woodpecker-Event-Id). */
    eventId: { type: String, required: true, unique: true },
    partnerCode: { type: String, required: true },
    type: { type: String, required: true, enum: webhookEventTypes },
    /** Our reference and the partner's id for the case. */
    reference: { type: String, required: true },
    externalId: { type: String, required: true },
    /** 1, 2, 3… per case: delivered in this order, and the partner applies them in it. */
    sequence: { type: Number, required: true },
    /** The JSON sent, exactly (the signature covers these bytes). */
    body: { type: String, required: true },
    ...queueFields,
  },
  { timestamps: true },
);
// One sequence number per case: two steps racing on a case cannot both take the same one.
outboxWebhookSchema.index({ partnerCode: 1, reference: 1, sequence: 1 }, { unique: true });
outboxWebhookSchema.index({ partnerCode: 1, status: 1, nextAttemptAt: 1 });
outboxWebhookSchema.index({ status: 1, createdAt: 1 });

export type OutboxWebhookFields = InferSchemaType<typeof outboxWebhookSchema>;
export const OutboxWebhook = model('OutboxWebhook', outboxWebhookSchema, 'outbox_webhooks');
