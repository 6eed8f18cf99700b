// Mails to the verifier about a withdrawal and what was decided after it. The subject is the
// same neutral line every notice carries (a lock screen or a mail gateway learns nothing); the
// reference is in the body. Protection staff get protectionChanges' content-free notice instead.
import { REPORTER_NOTICE_SUBJECT } from '../reports/notifications';
import { Staff } from '../staff/staff.model';

export interface StaffMail {
  to: string;
  subject: string;
  text: string;
}

const mail = (to: string, zh: string, en: string): StaffMail => ({
  to,
  subject: REPORTER_NOTICE_SUBJECT,
  text: `${zh}\n\n${en}\n`,
});

/** The assigned verifier of a report, when they have an address. */
async function verifierMailOf(verifierId: string | null | undefined): Promise<string | null> {
  if (!verifierId) return null;
  const v = await Staff.findById(verifierId, { email: 1, disabled: 1 }).lean();
  return v && !v.disabled && v.email ? v.email : null;
}

/** The verifier is told the reporter withdrew: the case stays theirs until the bureau decides. */
export async function withdrawalMails(r: { reference: string; assignment?: { verifierId?: string | null } | null }) {
  const to = await verifierMailOf(r.assignment?.verifierId);
  return to
    ? [
        mail(
          to,
          `您核查的案件 ${r.reference} 的举报人已撤回。案件仍由您继续核查，待审核人员决定是否依职权继续。`,
          `The reporter of ${r.reference}, which you are verifying, withdrew. Keep the case until a reviewer decides whether the bureau continues of its own motion.`,
        ),
      ]
    : [];
}

/** The verifier is told what the reviewer decided after the withdrawal. */
export async function continuationMails(
  r: { reference: string; assignment?: { verifierId?: string | null } | null },
  outcome: 'continue' | 'end',
) {
  const to = await verifierMailOf(r.assignment?.verifierId);
  if (!to) return [];
  return outcome === 'continue'
    ? [
        mail(
          to,
          `案件 ${r.reference} 决定依职权继续核查，请照常办理。`,
          `${r.reference} continues of the bureau's own motion: carry on verifying it.`,
        ),
      ]
    : [
        mail(
          to,
          `案件 ${r.reference} 决定不再继续核查，已终止。`,
          `${r.reference} will not be continued: it has ended.`,
        ),
      ];
}
