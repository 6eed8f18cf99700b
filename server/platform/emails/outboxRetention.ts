// Finished mail (sent, or given up on) keeps only a delivery record once it is done
// (outbox.ts); the retention schedule deletes those records too after their days.
import { retentionSchedule } from '../../../shared/protection/policy';
import { deleteFinished } from '../outbox/deliverQueue';
import { OutboxEmail } from './outboxEmail.model';

export const outboxDays = retentionSchedule.find((r) => r.dataClass === 'outbox')!.days;

/** Deletes the records of mail finished more than the schedule's days ago. */
export const deleteFinishedMail = (now: Date): Promise<number> =>
  deleteFinished(OutboxEmail, new Date(now.getTime() - outboxDays * 86_400_000));
