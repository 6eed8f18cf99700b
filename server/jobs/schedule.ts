// The jobs this deployment runs.
import type { Logger } from 'pino';
import { defaultDeliveryPolicy, deliverOutbox } from '../emails/outbox';
import { createTransport } from '../emails/transport';
import type { Config } from '../env';
import { scheduleJobs, systemClock, type Clock, type JobScheduler } from './leasedJob';

export function startJobs({ config, logger, clock = systemClock }: { config: Config; logger: Logger; clock?: Clock }): JobScheduler {
  const transport = createTransport(config);
  const delivery = defaultDeliveryPolicy(config.MAIL_FROM);
  return scheduleJobs(
    [
      {
        name: 'outbox-delivery',
        intervalMs: config.JOB_INTERVAL_MS,
        leaseMs: 5 * 60_000,
        run: async (now) => {
          const r = await deliverOutbox(transport, delivery, now);
          if (r.sent || r.failed) logger.info(r, 'outbox delivery');
        },
      },
    ],
    clock,
    logger,
  );
}
