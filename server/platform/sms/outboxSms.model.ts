// SMS waiting to be sent, as outbox_emails is for mail: requests only insert here and
// a job delivers them through the gateway with retries. The phone number is sealed
// at rest; once a message is sent (or given up on) number and text are erased,
// leaving a delivery record: its kind, when it went, after how many attempts.
import { Schema, model, type InferSchemaType } from 'mongoose';
import { queueFields } from '../outbox/deliverQueue';

export const SMS_KINDS = ['reporter-notice'] as const;
export type SmsKind = (typeof SMS_KINDS)[number];

const outboxSmsSchema = new Schema(
  {
    kind: { type: String, required: true, enum: SMS_KINDS },
    /** SecretBox-sealed mobile number, each message sealed afresh; gone once delivered. */
    toSealed: { type: String },
    text: { type: String },
    /** Sent to the gateway with each attempt, so it can drop a resend after a crash. */
    messageId: { type: String, required: true, unique: true },
    ...queueFields,
  },
  { timestamps: true },
);
outboxSmsSchema.index({ status: 1, nextAttemptAt: 1 });

export type OutboxSmsFields = InferSchemaType<typeof outboxSmsSchema>;
export const OutboxSms = model('OutboxSms', outboxSmsSchema, 'outbox_sms');
