// The jobs this deployment runs.
import type { Logger } from 'pino';
import { mailCheckpointToAuditors, publishCheckpoint } from './audit/checkpoints';
import { sealAuditEntries } from './audit/sealer';
import type { SecretBox } from './platform/secretBox';
import { defaultDeliveryPolicy, deliverOutbox } from './platform/emails/outbox';
import { createTransport } from './platform/emails/transport';
import type { Config } from './env';
import { runRetention } from './protection/retentionJob';
import { deliverWebhooks } from './exchange/webhookDelivery';
import { expireRetryWindows } from './reports/intake/retryWindow';
import { sweepEvidence } from './reports/intake/sweep';
import { sendDueCheckIns } from './protection/checkInJob';
import { lapseUnclaimedRewards } from './rewards/lapse';
import { drawMonthlySample } from './rewards/sampleJob';
import { watchDeadlines } from './reports/deadlineWatch';
import { watchRectifications } from './reports/rectificationWatch';
import type { EvidenceStore } from './platform/evidenceStore';
import {
  scheduleJobs,
  systemClock,
  type Clock,
  type JobDefinition,
  type JobScheduler,
} from './platform/jobs/leasedJob';
import { refreshPublishedPolicies } from './rewards/policyVersions';
import { smsJobs } from './platform/sms/smsJob';

export function startJobs({
  config,
  logger,
  box,
  store,
  clock = systemClock,
}: {
  config: Config;
  logger: Logger;
  box: SecretBox;
  store: EvidenceStore;
  clock?: Clock;
}): JobScheduler {
  const transport = createTransport(config);
  const delivery = defaultDeliveryPolicy(config.MAIL_FROM);
  return scheduleJobs(
    withCurrentPolicies(logger, [
      {
        name: 'outbox-delivery',
        intervalMs: config.JOB_INTERVAL_MS,
        leaseMs: 5 * 60_000,
        run: async (now) => {
          const r = await deliverOutbox(transport, box, delivery, now);
          if (r.sent || r.failed) logger.info(r, 'outbox delivery');
        },
      },
      ...smsJobs(config, box, logger),
      {
        // Status webhooks to partner systems (exchange/webhookDelivery.ts), each partner on its own.
        name: 'webhook-delivery',
        intervalMs: config.JOB_INTERVAL_MS,
        leaseMs: 5 * 60_000,
        run: async (now) => {
          const r = await deliverWebhooks(box, now);
          if (r.sent || r.failed) logger.info(r, 'webhook delivery');
        },
      },
      {
        // Links new audit entries into the chain within seconds (audit/sealer.ts).
        name: 'audit-seal',
        intervalMs: config.JOB_INTERVAL_MS,
        leaseMs: 60_000,
        run: async (now) => {
          await sealAuditEntries(now);
        },
      },
      {
        name: 'audit-checkpoint',
        intervalMs: config.AUDIT_CHECKPOINT_INTERVAL_MS,
        leaseMs: 60_000,
        run: async (now) => {
          await publishCheckpoint(config.AUDIT_CHECKPOINT_FILE, now);
        },
      },
      {
        // Hourly, so a restart never skips a day; it mails once per UTC day.
        name: 'audit-auditor-mail',
        intervalMs: 60 * 60_000,
        leaseMs: 5 * 60_000,
        run: async (now) => {
          if (await mailCheckpointToAuditors(box, config.AUDIT_CHECKPOINT_FILE, config.AUDIT_EMAILS, now))
            logger.info({ auditors: config.AUDIT_EMAILS.length }, 'audit checkpoint mailed to the auditors');
        },
      },
      {
        name: 'deadline-watch',
        intervalMs: 60 * 60_000,
        leaseMs: 10 * 60_000,
        run: async (now) => {
          const r = await watchDeadlines(box, now, config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`, {
            days: config.ACCEPTANCE_DAYS,
            reminderDaysBefore: config.ACCEPTANCE_REMINDER_DAYS,
          });
          if (Object.values(r).some((n) => n > 0)) logger.info(r, 'deadline watch');
        },
      },
      {
        // Due days are calendar days in Asia/Shanghai: hourly catches each soon after midnight.
        name: 'rectification-watch',
        intervalMs: 60 * 60_000,
        leaseMs: 10 * 60_000,
        run: async (now) => {
          const r = await watchRectifications(box, now, config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`);
          if (r.escalations) logger.info(r, 'rectification watch');
        },
      },
      {
        name: 'reward-lapse',
        intervalMs: 60 * 60_000,
        leaseMs: 10 * 60_000,
        run: async (now) => {
          const r = await lapseUnclaimedRewards(now);
          if (r.lapsed) logger.info(r, 'unclaimed rewards lapsed');
        },
      },
      {
        // Hourly in the first days of each month (Asia/Shanghai); a re-run draws only what is missing.
        name: 'reward-sample',
        intervalMs: 60 * 60_000,
        leaseMs: 10 * 60_000,
        run: async (now) => {
          const r = await drawMonthlySample(now);
          if (r?.drawn.length) logger.info({ month: r.month, drawn: r.drawn.length }, 'reward sample drawn');
          if (r?.skipped.length)
            logger.warn({ month: r.month, skipped: r.skipped }, 'reward sample: no verifier new to these cases');
        },
      },
      {
        name: 'evidence-sweep',
        intervalMs: 15 * 60_000,
        leaseMs: 10 * 60_000,
        run: async (now) => {
          const r = await sweepEvidence(store, new Date(now.getTime() - 60 * 60_000));
          if (r.temp || r.orphans) logger.info(r, 'evidence sweep');
        },
      },
      {
        // Check-ins (回访) to insider reporters; a missed hour only delays one, never skips it.
        name: 'protection-check-ins',
        intervalMs: 60 * 60_000,
        leaseMs: 10 * 60_000,
        run: async (now) => {
          const r = await sendDueCheckIns(box, config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`, now);
          if (r.sent) logger.info(r, 'check-ins sent');
        },
      },
      {
        // Sealed receipts and retry fingerprints live a day; findRetry also ignores expired ones in between.
        name: 'retry-window-expiry',
        intervalMs: 15 * 60_000,
        leaseMs: 10 * 60_000,
        run: async (now) => {
          const r = await expireRetryWindows(now);
          if (r.closed || r.legacy) logger.info(r, 'retry windows closed');
        },
      },
      {
        // The retention schedule (shared/protection/policy.ts): its days are long, hourly is prompt enough.
        name: 'retention',
        intervalMs: 60 * 60_000,
        leaseMs: 30 * 60_000,
        run: async (now) => {
          const r = await runRetention(box, store, now, logger);
          // Counts only: which classes of how many reports, never a value.
          if (r.reports || r.failed || r.outboxDeleted) logger.info(r, 'retention');
        },
      },
    ]),
    clock,
    logger,
  );
}

/** A reward policy published through any instance sets the periods and tiers of a job's next run. */
function withCurrentPolicies(logger: Logger, jobs: JobDefinition[]): JobDefinition[] {
  return jobs.map((job) => ({
    ...job,
    run: async (now) => {
      await refreshPublishedPolicies(logger);
      await job.run(now);
    },
  }));
}
