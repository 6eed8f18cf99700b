// Queued emails as a test wants to read them: the sealed recipient opened.
import { trusted } from 'mongoose';
import type { SecretBox } from '../../server/platform/secretBox';
import { OutboxEmail } from '../../server/platform/emails/outboxEmail.model';

export interface QueuedMail {
  kind: string;
  to: string;
  subject: string;
  text: string;
  status: string;
}

/** Messages still waiting (a delivered one keeps no recipient), oldest first; `to` filters on the opened address. */
export async function queuedMails(
  box: SecretBox,
  filter: { to?: string; subject?: RegExp; text?: RegExp } = {},
): Promise<QueuedMail[]> {
  const { to, ...stored } = filter;
  const docs = await OutboxEmail.find({ ...stored, toSealed: trusted({ $type: 'string' }) })
    .sort({ createdAt: 1, _id: 1 })
    .lean();
  return docs
    .map((d) => ({ kind: d.kind, to: box.open(d.toSealed!), subject: d.subject!, text: d.text!, status: d.status }))
    .filter((m) => to === undefined || m.to === to);
}
