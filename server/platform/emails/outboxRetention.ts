// Finished mail (sent, or given up on) keeps only a delivery record once it is done
// (outbox.ts); the retention schedule deletes those records too after their days.
import { trusted } from 'mongoose';
import { retentionSchedule } from '../../../shared/protection/policy';
import { OutboxEmail } from './outboxEmail.model';

const outboxDays = retentionSchedule.find((r) => r.dataClass === 'outbox')!.days;

/** Deletes the records of mail finished more than the schedule's days ago (their last change is the finish). */
export async function deleteFinishedMail(now: Date): Promise<number> {
  const before = new Date(now.getTime() - outboxDays * 24 * 60 * 60_000);
  const r = await OutboxEmail.deleteMany({
    status: trusted({ $in: ['sent', 'failed'] }),
    updatedAt: trusted({ $lt: before }),
  });
  return r.deletedCount;
}
