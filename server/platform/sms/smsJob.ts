// The SMS delivery job, when a gateway is configured: without one nothing is queued,
// so there is nothing to run.
import type { Logger } from 'pino';
import type { Config } from '../../env';
import type { JobDefinition } from '../jobs/leasedJob';
import type { SecretBox } from '../secretBox';
import { httpSmsGateway } from './gateway';
import { defaultSmsPolicy, deliverSmsOutbox } from './outbox';

export function smsJobs(
  config: Pick<Config, 'SMS_GATEWAY_URL' | 'SMS_GATEWAY_KEY' | 'JOB_INTERVAL_MS'>,
  box: SecretBox,
  logger: Logger,
): JobDefinition[] {
  if (!config.SMS_GATEWAY_URL || !config.SMS_GATEWAY_KEY) return [];
  const gateway = httpSmsGateway({ url: config.SMS_GATEWAY_URL, key: config.SMS_GATEWAY_KEY });
  return [
    {
      name: 'sms-delivery',
      intervalMs: config.JOB_INTERVAL_MS,
      leaseMs: 5 * 60_000,
      run: async (now) => {
        const r = await deliverSmsOutbox(gateway, box, defaultSmsPolicy, now);
        if (r.sent || r.failed) logger.info(r, 'sms delivery');
      },
    },
  ];
}
