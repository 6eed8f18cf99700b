// Emails waiting to be sent. Requests only insert here; a job delivers them,
// retrying with backoff, so SMTP being down loses nothing and slows no request.
import { Schema, model, type InferSchemaType } from 'mongoose';

const outboxEmailSchema = new Schema(
  {
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String },
    /** Stable Message-ID, so a resend after a crash can be recognised downstream. */
    messageId: { type: String, required: true, unique: true },
    status: { type: String, required: true, enum: ['pending', 'sending', 'sent', 'failed'], default: 'pending' },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, required: true },
    claimedUntil: { type: Date },
    lastError: { type: String },
    sentAt: { type: Date },
  },
  { timestamps: true },
);
outboxEmailSchema.index({ status: 1, nextAttemptAt: 1 });

export type OutboxEmailFields = InferSchemaType<typeof outboxEmailSchema>;
export const OutboxEmail = model('OutboxEmail', outboxEmailSchema, 'outbox_emails');
