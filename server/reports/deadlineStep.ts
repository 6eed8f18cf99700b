// A deadline mail as a workflow step: the jobs' reminders and escalations are
// rows of the table (each once per report, only while its clock runs), queued
// with the step in one transaction. Shared by the clock watchers.
import { AppError } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import type { DeadlineStep } from './caseChanges';
import { transition } from './pipeline';

export const DAY = 86_400_000;

export interface StaffMail {
  to: string | undefined | null;
  subject: string;
  text: string;
}

const system = { kind: 'system' } as const;

/**
 * Takes the deadline step (the table lets each happen once per report, and only
 * while its clock runs) and queues its mails with it; false when it was not due
 * any more (sent already, or the report moved on).
 */
export async function sendOnce(
  box: SecretBox,
  publicBaseUrl: string,
  reference: string,
  step: DeadlineStep,
  now: Date,
  mails: StaffMail[],
): Promise<boolean> {
  const addressed = mails.filter((m): m is { to: string; subject: string; text: string } => !!m.to);
  try {
    await transition(reference, step, { mails: addressed }, system, { box, publicBaseUrl, now });
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}
