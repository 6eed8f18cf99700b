// Emails about reports, queued in the same transaction as the change. Reporters'
// emails carry no report content — only that there is news and where to look.
import { trusted, type ClientSession } from 'mongoose';
import { areas } from '../../shared/catalog';
import type { SecretBox } from '../crypto/secretBox';
import { enqueueEmail } from '../emails/outbox';
import { Staff } from '../models/Staff';

export async function notifyIntakeOfNewReport(report: { reference: string; area: string }, publicBaseUrl: string, session: ClientSession): Promise<void> {
  const area = areas.find((a) => a.code === report.area);
  const officers = await Staff.find({ role: 'intake', disabled: false, email: trusted({ $type: 'string' }), $or: [{ areaCodes: report.area }, { allAreas: true }] })
    .session(session)
    .lean();
  for (const officer of officers) {
    await enqueueEmail(
      {
        to: officer.email!,
        subject: `【啄木鸟】新举报待受理 ${report.reference} / New report to screen`,
        text: `${area?.name.zh ?? report.area}有一件新举报待受理：${report.reference}\n请登录控制台处理：${publicBaseUrl}/console\n\nA new report from ${area?.name.en ?? report.area} is waiting for screening: ${report.reference}\n${publicBaseUrl}/console\n`,
      },
      session,
    );
  }
}

export async function notifyReporter(notifyEmailSealed: string | null | undefined, reference: string, box: SecretBox, publicBaseUrl: string, session: ClientSession): Promise<void> {
  if (!notifyEmailSealed) return;
  await enqueueEmail(
    {
      to: box.open(notifyEmailSealed),
      subject: `【啄木鸟】您的举报 ${reference} 有新进展 / There is an update on report ${reference}`,
      text: `您的举报 ${reference} 有新进展。请凭举报编号和查询密码登录查看：${publicBaseUrl}/followup\n\nThere is an update on report ${reference}. Sign in with its reference and access key to see it: ${publicBaseUrl}/followup\n`,
    },
    session,
  );
}
