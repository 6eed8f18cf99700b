// Emails waiting to be sent. Requests only insert here; a job delivers them,
// retrying with backoff, so SMTP being down loses nothing and slows no request.
// The recipient is sealed at rest; once a message is delivered (or given up on)
// its recipient and content are erased, leaving a delivery record: what kind of
// message it was, when it went and after how many attempts.
import { Schema, model, type InferSchemaType } from 'mongoose';
import { queueFields } from '../outbox/deliverQueue';

export const EMAIL_KINDS = ['reporter-notice', 'staff-new-report', 'staff-deadline', 'auditor-checkpoint'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

const outboxEmailSchema = new Schema(
  {
    kind: { type: String, required: true, enum: EMAIL_KINDS },
    /** SecretBox-sealed recipient address, each message sealed afresh; gone once delivered. */
    toSealed: { type: String },
    subject: { type: String },
    text: { type: String },
    html: { type: String },
    /** Stable Message-ID, so a resend after a crash can be recognised downstream. */
    messageId: { type: String, required: true, unique: true },
    ...queueFields,
  },
  { timestamps: true },
);
outboxEmailSchema.index({ status: 1, nextAttemptAt: 1 });

export type OutboxEmailFields = InferSchemaType<typeof outboxEmailSchema>;
export const OutboxEmail = model('OutboxEmail', outboxEmailSchema, 'outbox_emails');
