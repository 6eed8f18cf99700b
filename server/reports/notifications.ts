// Notices about reports, queued in the same transaction as the change. Reporters'
// emails and SMS carry nothing about a report, not even its reference or the word —
// a lock screen, a mail gateway or a shared inbox may show them — only that
// there is news and where to sign in.
import { trusted, type ClientSession } from 'mongoose';
import { areaNames } from '../jurisdiction/lookup';
import { openReportData, ShreddedData } from '../protection/dataKeys';
import type { SecretBox } from '../platform/secretBox';
import { enqueueEmail, type EmailMessage } from '../platform/emails/outbox';
import { enqueueSms } from '../platform/sms/outbox';
import type { DataClass } from '../../shared/protection/policy';
import { REPORTER_SMS_TEXT, smsNoticesOn } from './noticeChannels';
import { Staff } from '../staff/staff.model';

export const REPORTER_NOTICE_SUBJECT = '啄木鸟 通知 / Woodpecker notice';

export async function notifyIntakeOfNewReport(
  report: { reference: string; area: string },
  box: SecretBox,
  publicBaseUrl: string,
  session: ClientSession,
): Promise<void> {
  const area = (await areaNames())(report.area);
  const officers = await Staff.find({
    role: 'intake',
    disabled: false,
    email: trusted({ $type: 'string' }),
    $or: [{ areaCodes: report.area }, { allAreas: true }],
  })
    .session(session)
    .lean();
  for (const officer of officers) {
    await enqueueEmail(
      box,
      {
        kind: 'staff-new-report',
        to: officer.email!,
        subject: `【啄木鸟】新举报待受理 ${report.reference} / New report to screen`,
        text: `${area.zh}有一件新举报待受理：${report.reference}\n请登录控制台处理：${publicBaseUrl}/console\n\nA new report from ${area.en} is waiting for screening: ${report.reference}\n${publicBaseUrl}/console\n`,
      },
      session,
    );
  }
}

/** The one email a reporter ever gets: the same neutral words whatever happened. */
export function reporterNotice(to: string, publicBaseUrl: string): EmailMessage {
  return {
    kind: 'reporter-notice',
    to,
    subject: REPORTER_NOTICE_SUBJECT,
    text: `您好，您有一条新消息。请在查询页面登录查看：${publicBaseUrl}/followup\n\nHello, there is news for you. Please sign in on the follow-up page to read it: ${publicBaseUrl}/followup\n`,
  };
}

/** The report's sealed ways of reaching its reporter (each absent when not chosen, or deleted). */
export interface ReporterContacts {
  notifyEmailSealed?: string | null;
  noticePhoneSealed?: string | null;
}

/** The sealed value opened, or undefined once the retention schedule deleted its key. */
async function opened(box: SecretBox, reference: string, dataClass: DataClass, sealed: string | null | undefined) {
  if (!sealed) return undefined;
  try {
    return await openReportData(box, reference, dataClass, sealed);
  } catch (e) {
    if (e instanceof ShreddedData) return undefined;
    throw e;
  }
}

/** The notice, by every channel the reporter chose: mail to their address, SMS to their number. */
export async function notifyReporter(
  reference: string,
  contacts: ReporterContacts,
  box: SecretBox,
  publicBaseUrl: string,
  session: ClientSession,
): Promise<void> {
  const email = await opened(box, reference, 'reporter-identity', contacts.notifyEmailSealed);
  if (email) await enqueueEmail(box, reporterNotice(email, publicBaseUrl), session);
  const phone = smsNoticesOn() ? await opened(box, reference, 'notice-phone', contacts.noticePhoneSealed) : undefined;
  if (phone) await enqueueSms(box, { kind: 'reporter-notice', to: phone, text: REPORTER_SMS_TEXT }, session);
}
