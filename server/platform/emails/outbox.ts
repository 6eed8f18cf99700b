// Queue an email (inside the caller's transaction) and deliver queued emails.
// Delivery claims one message at a time, so a crash leaves at most that one to
// retry, and marks each sent message so it is never sent again. Recipients are
// sealed while queued and erased, with the content, once a message is done.
import crypto from 'node:crypto';
import { trusted, type ClientSession } from 'mongoose';
import type { Transporter } from 'nodemailer';
import type { SecretBox } from '../secretBox';
import { OutboxEmail, type EmailKind } from './outboxEmail.model';

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
const forget = { toSealed: 1, subject: 1, text: 1, html: 1, claimedUntil: 1 } as const;

/** SMTP errors often quote the recipient; the stored error must not. */
export function withoutAddresses(message: string): string {
  return message.replace(/[^\s<>"'@,;:()[\]]+@[^\s<>"'@,;:()[\]]+/g, '[address]').slice(0, 500);
}

export interface DeliveryPolicy {
  from: string;
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How long a claimed message stays claimed before a crashed sender's claim lapses. */
  claimMs: number;
}

export const defaultDeliveryPolicy = (from: string): DeliveryPolicy => ({
  from,
  maxAttempts: 12,
  backoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  claimMs: 120_000,
});

export async function deliverOutbox(
  transport: Transporter,
  box: SecretBox,
  policy: DeliveryPolicy,
  now: Date,
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const claimed = await OutboxEmail.findOneAndUpdate(
      {
        $or: [
          { status: 'pending', nextAttemptAt: trusted({ $lte: now }) },
          { status: 'sending', claimedUntil: trusted({ $lte: now }) },
        ],
      },
      { $set: { status: 'sending', claimedUntil: new Date(now.getTime() + policy.claimMs) } },
      { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
    ).lean();
    if (!claimed) break;
    try {
      await transport.sendMail({
        from: policy.from,
        to: box.open(claimed.toSealed!),
        subject: claimed.subject!,
        text: claimed.text!,
        html: claimed.html ?? undefined,
        messageId: claimed.messageId,
      });
      await OutboxEmail.updateOne(
        { _id: claimed._id },
        { $set: { status: 'sent', sentAt: now }, $inc: { attempts: 1 }, $unset: { ...forget, lastError: 1 } },
      );
      sent++;
    } catch (e) {
      const attempts = (claimed.attempts ?? 0) + 1;
      const giveUp = attempts >= policy.maxAttempts;
      const wait = Math.min(policy.backoffMs * 2 ** (attempts - 1), policy.maxBackoffMs);
      await OutboxEmail.updateOne(
        { _id: claimed._id },
        {
          $set: {
            status: giveUp ? 'failed' : 'pending',
            attempts,
            lastError: withoutAddresses((e as Error).message),
            nextAttemptAt: new Date(now.getTime() + wait),
          },
          $unset: giveUp ? forget : { claimedUntil: 1 },
        },
      );
      failed++;
      if (!giveUp) break; // the mail server is likely down: try the rest on the next run
    }
  }
  return { sent, failed };
}
