// The reporter's own protection steps, from follow-up: answering a check-in (回访)
// and reporting retaliation. Both may open a protection case and mail protection
// staff, so they carry the secret box and the public address.
import type { z } from 'zod';
import type { checkInAnswerBody, retaliationBody } from '../../shared/schemas/protection';
import type { SecretBox } from '../platform/secretBox';
import { transition } from '../reports/pipeline';

const reporter = { kind: 'reporter' } as const;

interface MailContext {
  box: SecretBox;
  publicBaseUrl: string;
}

export async function answerCheckIn(
  reference: string,
  answer: z.infer<typeof checkInAnswerBody>,
  ctx: MailContext,
  now = new Date(),
): Promise<void> {
  await transition(reference, 'check-in-answered', answer, reporter, { ...ctx, now });
}

export async function reportRetaliation(
  reference: string,
  report: z.infer<typeof retaliationBody>,
  ctx: MailContext,
  now = new Date(),
): Promise<void> {
  await transition(reference, 'retaliation-reported', report, reporter, { ...ctx, now });
}
