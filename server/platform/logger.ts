// Structured logs with personal data redacted. JSON in production, readable in development.
import pino, { type DestinationStream, type Logger } from 'pino';

const redact = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.totp',
  '*.name',
  '*.phone',
  '*.email',
  '*.idNumber',
  '*.bankAccount',
  '*.description',
  '*.body',
  '*.accessKey',
];

/** `destination`: where JSON lines go instead of stdout (tests read the logs back from it). */
export function createLogger(level: string, pretty: boolean, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: redact, censor: '[redacted]' },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard', ignore: 'pid,hostname' } } }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
