// The one delivery loop behind every outbox (email, SMS, partner webhooks).
// Requests only insert queued messages, in the caller's transaction; a job runs
// this loop. It claims one message at a time, so a crash leaves at most that one
// to retry; it marks each delivered message so it is never sent again; failures
// wait with exponential backoff, and after the last attempt a message is
// "failed" — the dead letter staff can see and send again. What a finished
// message must not keep (recipients, content) is erased when it finishes.
import { trusted, type ClientSession, type Model } from 'mongoose';

export interface RetryPolicy {
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How long a claimed message stays claimed before a crashed sender's claim lapses. */
  claimMs: number;
}

/** Mail and SMS to people: twelve tries over about five hours, a claim lapsing after two minutes. */
export const messageRetryPolicy: RetryPolicy = {
  maxAttempts: 12,
  backoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  claimMs: 120_000,
};

export const QUEUE_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** What every outbox's schema declares for the loop (spread into its definition). */
export const queueFields = {
  status: { type: String, required: true, enum: QUEUE_STATUSES, default: 'pending' },
  attempts: { type: Number, default: 0 },
  nextAttemptAt: { type: Date, required: true },
  claimedUntil: { type: Date },
  /** The last delivery error, as the outbox's describeError wrote it: never a recipient or a secret. */
  lastError: { type: String },
  sentAt: { type: Date },
} as const;

/** Any outbox's model: each has its own document type, and the loop touches only the queue's fields. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a model of any document type; the loop reads only Queued fields
export type QueueModel = Model<any>;

/** The fields every queued message carries. */
export interface Queued {
  _id: unknown;
  status: QueueStatus;
  attempts?: number | null;
  nextAttemptAt: Date;
  claimedUntil?: Date | null;
  lastError?: string | null;
}

export interface QueueDelivery<T extends Queued> {
  model: QueueModel;
  policy: RetryPolicy;
  now: Date;
  send: (message: T) => Promise<void>;
  /** Fields erased once a message is sent or given up on. */
  forget: Record<string, 1>;
  /** The error as stored: it must not quote a recipient or a secret. */
  describeError: (e: unknown) => string;
  /** Only messages matching this (for example one partner's). */
  filter?: Record<string, unknown>;
  limit?: number;
  /**
   * Stop at the first failure that will be retried: the destination is likely down,
   * so the rest wait for the next run instead of each timing out now.
   */
  stopAtFailure?: boolean;
}

export function retryDelay(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.backoffMs * 2 ** (attempts - 1), policy.maxBackoffMs);
}

export async function deliverQueue<T extends Queued>({
  model,
  policy,
  now,
  send,
  forget,
  describeError,
  filter = {},
  limit = 50,
  stopAtFailure = true,
}: QueueDelivery<T>): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const claimed = (await model
      .findOneAndUpdate(
        {
          ...filter,
          $or: [
            { status: 'pending', nextAttemptAt: trusted({ $lte: now }) },
            { status: 'sending', claimedUntil: trusted({ $lte: now }) },
          ],
        },
        { $set: { status: 'sending', claimedUntil: new Date(now.getTime() + policy.claimMs) } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      )
      .lean()) as T | null;
    if (!claimed) break;
    try {
      await send(claimed);
      await model.updateOne(
        { _id: claimed._id },
        {
          $set: { status: 'sent', sentAt: now },
          $inc: { attempts: 1 },
          $unset: { ...forget, claimedUntil: 1, lastError: 1 },
        },
      );
      sent++;
    } catch (e) {
      const attempts = (claimed.attempts ?? 0) + 1;
      const giveUp = attempts >= policy.maxAttempts;
      await model.updateOne(
        { _id: claimed._id },
        {
          $set: {
            status: giveUp ? 'failed' : 'pending',
            attempts,
            lastError: describeError(e).slice(0, 500),
            nextAttemptAt: new Date(now.getTime() + retryDelay(policy, attempts)),
          },
          $unset: giveUp ? { ...forget, claimedUntil: 1 } : { claimedUntil: 1 },
        },
      );
      failed++;
      if (!giveUp && stopAtFailure) break;
    }
  }
  return { sent, failed };
}

/** Puts a dead letter back in the queue, to be tried at once with a fresh count. */
export async function requeue(
  model: QueueModel,
  filter: Record<string, unknown>,
  now: Date,
  /** The caller's transaction, so the audit entry and the requeue are written together. */
  session?: ClientSession,
): Promise<boolean> {
  const r = await model.updateOne(
    { ...filter, status: 'failed' },
    { $set: { status: 'pending', attempts: 0, nextAttemptAt: now }, $unset: { lastError: 1 } },
    { session },
  );
  return r.modifiedCount === 1;
}

/** Deletes the records of messages finished (sent or given up on) before `before`: their last change is the finish. */
export async function deleteFinished(model: QueueModel, before: Date): Promise<number> {
  const r = await model.deleteMany({
    status: trusted({ $in: ['sent', 'failed'] }),
    updatedAt: trusted({ $lt: before }),
  });
  return r.deletedCount;
}
