// The retention schedule, run hourly: each report with classes due gets one
// `retention-deleted` step (retentionChanges.ts); then what lives outside the
// report goes too: its follow-up sessions with its access keys, its evidence files
// with its evidence. Finished outbox records (mail and SMS) past their days are deleted. A run
// repeats nothing: deleted classes are recorded on the report and not due again.
import { trusted, type Types } from 'mongoose';
import type { Logger } from 'pino';
import { deleteFinishedMail } from '../platform/emails/outboxRetention';
import { deleteFinishedSms } from '../platform/sms/outbox';
import type { EvidenceStore } from '../platform/evidenceStore';
import type { SecretBox } from '../platform/secretBox';
import { FollowupSession } from '../reports/followupSession.model';
import { removeIfUnreferenced } from '../reports/intake/sweep';
import { transition } from '../reports/pipeline';
import { Report, type ReportFields } from '../reports/report.model';
import { dueClasses, finalStatuses, reportDataClasses } from './retention';

const BATCH = 100;
const system = { kind: 'system' } as const;

/** Reports that may have something due: final or paid, and not every class deleted yet. */
const candidates = {
  status: trusted({ $in: [...finalStatuses, 'reward-paid'] }),
  $or: reportDataClasses.map((c) => ({ 'deletedData.dataClass': trusted({ $ne: c }) })),
};

async function deleteDue(report: ReportFields, box: SecretBox, store: EvidenceStore, now: Date): Promise<string[]> {
  const classes = dueClasses(report, now);
  if (!classes.length) return [];
  await transition(report.reference, 'retention-deleted', { classes }, system, { box, now });
  if (classes.includes('access-keys')) await FollowupSession.deleteMany({ reference: report.reference });
  if (classes.includes('evidence')) for (const e of report.evidence ?? []) await removeIfUnreferenced(store, e.fileId);
  return classes;
}

export interface RetentionRun {
  reports: number;
  classes: Record<string, number>;
  failed: number;
  outboxDeleted: number;
}

export async function runRetention(
  box: SecretBox,
  store: EvidenceStore,
  now: Date,
  logger?: Logger,
): Promise<RetentionRun> {
  const run: RetentionRun = { reports: 0, classes: {}, failed: 0, outboxDeleted: 0 };
  let lastId: Types.ObjectId | null = null;
  for (;;) {
    const batch: (ReportFields & { _id: Types.ObjectId })[] = await Report.find(
      lastId ? { ...candidates, _id: trusted({ $gt: lastId }) } : candidates,
    )
      .sort({ _id: 1 })
      .limit(BATCH)
      .lean<(ReportFields & { _id: Types.ObjectId })[]>();
    if (!batch.length) break;
    lastId = batch.at(-1)!._id;
    for (const report of batch) {
      try {
        const classes = await deleteDue(report, box, store, now);
        if (!classes.length) continue;
        run.reports++;
        for (const c of classes) run.classes[c] = (run.classes[c] ?? 0) + 1;
      } catch (e) {
        // This report is tried again on the next run; the rest go ahead.
        run.failed++;
        logger?.error({ err: e, reference: report.reference }, 'retention: deletion failed');
      }
    }
  }
  run.outboxDeleted = (await deleteFinishedMail(now)) + (await deleteFinishedSms(now));
  return run;
}
