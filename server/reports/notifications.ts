// Emails about reports, queued in the same transaction as the change. Reporters'
// emails carry nothing about a report, not even its reference or the word —
// a lock screen, a mail gateway or a shared inbox may show them — only that
// there is news and where to sign in.
import { trusted, type ClientSession } from 'mongoose';
import { areaNames } from '../jurisdiction/lookup';
import { openReportData, ShreddedData } from '../protection/dataKeys';
import type { SecretBox } from '../platform/secretBox';
import { enqueueEmail, type EmailMessage } from '../platform/emails/outbox';
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

/** Mails the notice to the report's sealed address; none once the retention schedule deleted it. */
export async function notifyReporter(
  reference: string,
  notifyEmailSealed: string | null | undefined,
  box: SecretBox,
  publicBaseUrl: string,
  session: ClientSession,
): Promise<void> {
  if (!notifyEmailSealed) return;
  let to: string;
  try {
    to = await openReportData(box, reference, 'reporter-identity', notifyEmailSealed);
  } catch (e) {
    if (e instanceof ShreddedData) return;
    throw e;
  }
  await enqueueEmail(box, reporterNotice(to, publicBaseUrl), session);
}
