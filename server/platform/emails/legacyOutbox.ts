// Mail queued by versions that kept the recipient in the clear (`to`) and named
// the report in the reporter's subject. At start, waiting messages are sealed
// (a reporter's also gets today's neutral notice) and finished ones are erased,
// as if they had been queued and delivered by this version.
import type { SecretBox } from '../secretBox';
import { reporterNotice } from '../../reports/notifications';
import { OutboxEmail, type EmailKind } from './outboxEmail.model';
import { withoutAddresses } from './outbox';

const OLD_REPORTER_SUBJECT = /您的举报|update on report/;

function kindOf(subject: string): EmailKind {
  if (OLD_REPORTER_SUBJECT.test(subject)) return 'reporter-notice';
  return /新举报待受理|New report/.test(subject) ? 'staff-new-report' : 'staff-deadline';
}

export async function sealLegacyOutbox(
  box: SecretBox,
  publicBaseUrl: string,
): Promise<{ sealed: number; erased: number }> {
  const raw = OutboxEmail.collection;
  let sealed = 0;
  let erased = 0;
  for await (const doc of raw.find({ to: { $type: 'string' } })) {
    const to = String(doc.to);
    const kind = kindOf(String(doc.subject ?? ''));
    const error = typeof doc.lastError === 'string' ? { lastError: withoutAddresses(doc.lastError) } : {};
    if (doc.status === 'sent' || doc.status === 'failed') {
      await raw.updateOne(
        { _id: doc._id, to },
        { $set: { kind, ...error }, $unset: { to: '', subject: '', text: '', html: '' } },
      );
      erased++;
      continue;
    }
    const notice = kind === 'reporter-notice' ? reporterNotice(to, publicBaseUrl) : undefined;
    const content = notice ? { subject: notice.subject, text: notice.text } : {};
    await raw.updateOne(
      { _id: doc._id, to },
      {
        $set: { kind, toSealed: box.seal(to), ...content, ...error },
        $unset: { to: '', ...(kind === 'reporter-notice' ? { html: '' } : {}) },
      },
    );
    sealed++;
  }
  return { sealed, erased };
}
