// Structured logs with personal data redacted. JSON in production, readable in development.
import pino, { type Logger } from 'pino';

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

export function createLogger(level: string, pretty: boolean): Logger {
  return pino({
    level,
    redact: { paths: redact, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:standard', ignore: 'pid,hostname' } } } : {}),
  });
}

export type { Logger };
