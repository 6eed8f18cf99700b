// Queue an email (inside the caller's transaction) and deliver queued emails
// through the one delivery loop (../outbox/deliverQueue). Recipients are sealed
// while queued and erased, with the content, once a message is done.
import crypto from 'node:crypto';
import type { ClientSession } from 'mongoose';
import type { Transporter } from 'nodemailer';
import type { SecretBox } from '../secretBox';
import { deliverQueue, messageRetryPolicy, type Queued, type RetryPolicy } from '../outbox/deliverQueue';
import { OutboxEmail, type EmailKind, type OutboxEmailFields } from './outboxEmail.model';

export interface EmailMessage {
  kind: EmailKind;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export async function enqueueEmail(
  box: SecretBox,
  { to, ...message }: EmailMessage,
  session?: ClientSession,
  now = new Date(),
): Promise<void> {
  const messageId = `<${crypto.randomUUID()}@woodpecker>`;
  // Sealed afresh (a new IV), so the stored value matches no other sealed copy of the address.
  await OutboxEmail.create([{ ...message, toSealed: box.seal(to), messageId, status: 'pending', nextAttemptAt: now }], {
    session,
  });
}

/** What a finished message keeps: no recipient, no content. */
const forget = { toSealed: 1, subject: 1, text: 1, html: 1 } as const;

/** SMTP errors often quote the recipient; the stored error must not. */
export function withoutAddresses(message: string): string {
  return message.replace(/[^\s<>"'@,;:()[\]]+@[^\s<>"'@,;:()[\]]+/g, '[address]').slice(0, 500);
}

export interface DeliveryPolicy extends RetryPolicy {
  from: string;
}

export const defaultDeliveryPolicy = (from: string): DeliveryPolicy => ({ from, ...messageRetryPolicy });

export function deliverOutbox(
  transport: Transporter,
  box: SecretBox,
  policy: DeliveryPolicy,
  now: Date,
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  return deliverQueue<OutboxEmailFields & Queued>({
    model: OutboxEmail,
    policy,
    now,
    limit,
    forget,
    describeError: (e) => withoutAddresses((e as Error).message),
    send: async (claimed) => {
      await transport.sendMail({
        from: policy.from,
        to: box.open(claimed.toSealed!),
        subject: claimed.subject!,
        text: claimed.text!,
        html: claimed.html ?? undefined,
        messageId: claimed.messageId,
      });
    },
  });
}
