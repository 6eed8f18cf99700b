// Queue an SMS (inside the caller's transaction) and deliver queued SMS through the
// one delivery loop (../outbox/deliverQueue), as the email outbox does. The number
// is sealed while queued and erased, with the text, once a message is done.
import crypto from 'node:crypto';
import type { ClientSession } from 'mongoose';
import type { SecretBox } from '../secretBox';
import {
  deleteFinished,
  deliverQueue,
  messageRetryPolicy,
  type Queued,
  type RetryPolicy,
} from '../outbox/deliverQueue';
import { outboxDays } from '../emails/outboxRetention';
import type { SmsGateway } from './gateway';
import { OutboxSms, type OutboxSmsFields, type SmsKind } from './outboxSms.model';

export async function enqueueSms(
  box: SecretBox,
  message: { kind: SmsKind; to: string; text: string },
  session?: ClientSession,
  now = new Date(),
): Promise<void> {
  const { to, ...rest } = message;
  // Sealed afresh (a new IV), so the stored value matches no other sealed copy of the number.
  await OutboxSms.create(
    [{ ...rest, toSealed: box.seal(to), messageId: crypto.randomUUID(), status: 'pending', nextAttemptAt: now }],
    { session },
  );
}

/** What a finished message keeps: no number, no text. */
const forget = { toSealed: 1, text: 1 } as const;

/** Runs of digits long enough to be a phone number are blanked, whatever the error quoted. */
export function withoutNumbers(message: string): string {
  return message.replace(/\+?\d[\d\s-]{5,}\d/g, '[number]').slice(0, 500);
}

export const defaultSmsPolicy: RetryPolicy = messageRetryPolicy;

export function deliverSmsOutbox(
  gateway: SmsGateway,
  box: SecretBox,
  policy: RetryPolicy,
  now: Date,
  limit = 50,
): Promise<{ sent: number; failed: number }> {
  return deliverQueue<OutboxSmsFields & Queued>({
    model: OutboxSms,
    policy,
    now,
    limit,
    forget,
    describeError: (e) => withoutNumbers((e as Error).message),
    send: (claimed) =>
      gateway.send({ to: box.open(claimed.toSealed!), text: claimed.text!, messageId: claimed.messageId }),
  });
}

/** Deletes the records of SMS finished more than the schedule's days ago. */
export const deleteFinishedSms = (now: Date): Promise<number> =>
  deleteFinished(OutboxSms, new Date(now.getTime() - outboxDays * 86_400_000));
