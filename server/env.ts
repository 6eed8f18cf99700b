// Configuration: every variable validated in one place. The process refuses to
// start with a list of every problem, and production has no default secrets.
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  MONGODB_URI: z.string().startsWith('mongodb').optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[\w-]{1,60}$/)
    .default('woodpecker'),
  WOODPECKER_DATA_DIR: z.string().default('data'),
  WOODPECKER_DEMO: bool.optional(),
  WOODPECKER_DEMO_PASSWORD: z.string().min(8).optional(),
  WOODPECKER_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  /** The jurisdiction seed applied to an empty database: a built-in name (anyang, hebi) or a JSON file's path. */
  WOODPECKER_JURISDICTION: z.string().min(1).default('anyang'),
  WOODPECKER_POW_BITS: z.coerce.number().int().min(0).max(30).default(16),
  UPLOAD_DIR: z.string().default('uploads'),
  EVIDENCE_STORE: z.enum(['disk', 'gridfs']).default('disk'),
  EVIDENCE_MAX_FILES: z.coerce.number().int().min(0).max(20).default(10),
  EVIDENCE_MAX_FILE_MB: z.coerce.number().positive().max(1024).default(50),
  EVIDENCE_MAX_TOTAL_MB: z.coerce.number().positive().max(4096).default(200),
  MAIL_TRANSPORT: z.enum(['smtp', 'file', 'console']).default('file'),
  SMTP_URL: z.string().startsWith('smtp').optional(),
  MAIL_FROM: z.string().default('啄木鸟 Woodpecker <no-reply@woodpecker.invalid>'),
  SESSION_IDLE_MINUTES: positiveInt.default(30),
  SESSION_ABSOLUTE_HOURS: positiveInt.default(12),
  LOGIN_MAX_FAILURES: positiveInt.default(10),
  LOGIN_LOCK_MINUTES: positiveInt.default(15),
  LOGIN_DELAY_BASE_MS: z.coerce.number().int().min(0).default(500),
  /** scrypt's cost as log2 N for new password hashes: 15 (N = 32768, ~100 ms, 32 MiB) is the floor outside tests; 17 (128 MiB a sign-in) the ceiling. */
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(17).default(15),
  TOTP_REQUIRED_ROLES: z.string().optional(),
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JOB_INTERVAL_MS: positiveInt.default(5000),
  /** The audit chain: key version for new entries, where signed checkpoints go, how often, and who gets the daily one. */
  AUDIT_KEY_VERSION: positiveInt.max(1000).default(1),
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_INTERVAL_MS: positiveInt.default(60_000),
  AUDIT_EMAILS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email())),
  /**
   * Days to screen a report, overriding the acceptance period of the report's policy
   * version (shared/periods.ts) when set; and how many days before the due date the
   * intake officers are reminded.
   */
  ACCEPTANCE_DAYS: positiveInt.max(365).optional(),
  ACCEPTANCE_REMINDER_DAYS: z.coerce.number().int().min(0).max(365).default(2),
  /** The HTTP SMS gateway for reporters' notices (both or neither; unset: no SMS is offered or sent). */
  SMS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMS_GATEWAY_KEY: z.string().min(16, 'at least 16 characters').optional(),
});

/** The SMS gateway: URL and key together or not at all; phone numbers and the key travel over HTTPS in production. */
function smsGatewayProblems(source: NodeJS.ProcessEnv): string[] {
  const url = source.SMS_GATEWAY_URL;
  if (!url !== !source.SMS_GATEWAY_KEY)
    return [`${url ? 'SMS_GATEWAY_KEY' : 'SMS_GATEWAY_URL'}: SMS_GATEWAY_URL and SMS_GATEWAY_KEY are set together`];
  if (url && source.NODE_ENV === 'production' && !url.startsWith('https:'))
    return ['SMS_GATEWAY_URL: must be https in production (it carries phone numbers and the key)'];
  return [];
}

/** Rules across variables, checked on the raw values so they are reported even when a field is malformed. */
function crossFieldProblems(source: NodeJS.ProcessEnv): string[] {
  const has = (k: string) => !!source[k];
  const demoFlag = source.WOODPECKER_DEMO;
  const problems: string[] = [];
  if (demoFlag !== undefined && !['true', 'false', '1', '0', 'yes', 'no'].includes(demoFlag)) return problems; // already reported
  const demo = demoFlag !== undefined ? ['true', '1', 'yes'].includes(demoFlag) : !has('MONGODB_URI');
  if (source.NODE_ENV === 'production') {
    if (!has('MONGODB_URI')) problems.push('MONGODB_URI: is required in production');
    if (!has('WOODPECKER_SECRET_KEY'))
      problems.push('WOODPECKER_SECRET_KEY: is required in production (no default secrets)');
    if (!has('PUBLIC_BASE_URL')) problems.push('PUBLIC_BASE_URL: is required in production');
    if (demo) problems.push('WOODPECKER_DEMO: demo mode is not allowed in production');
    // The file spool keeps every message whole, recipient included, and the console transport prints it.
    if ((source.MAIL_TRANSPORT ?? 'file') !== 'smtp')
      problems.push('MAIL_TRANSPORT: must be smtp in production (the file and console transports keep recipients)');
  } else if (!demo && !has('WOODPECKER_SECRET_KEY'))
    problems.push('WOODPECKER_SECRET_KEY: is required outside demo mode');
  // Cheap hashes are for test runs only: anywhere else they would make stolen hashes easy to crack.
  if (source.NODE_ENV !== 'test' && Number(source.PASSWORD_HASH_COST ?? 15) < 15)
    problems.push('PASSWORD_HASH_COST: below 15 is allowed only when NODE_ENV=test');
  if (source.MAIL_TRANSPORT === 'smtp' && !has('SMTP_URL'))
    problems.push('SMTP_URL: is required when MAIL_TRANSPORT=smtp');
  problems.push(...smsGatewayProblems(source));
  return problems;
}

export type RawEnv = z.infer<typeof schema>;

export interface Config extends Omit<RawEnv, 'WOODPECKER_DEMO' | 'TOTP_REQUIRED_ROLES' | 'AUDIT_CHECKPOINT_FILE'> {
  demo: boolean;
  /** Defaults to audit-checkpoints.log in the data directory. */
  AUDIT_CHECKPOINT_FILE: string;
  totpRequiredRoles: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Outside demo mode: every role that can read a reporter's identity (admin, reviewer), move money (finance) or approve it (leader). */
const defaultTotpRoles = ['admin', 'reviewer', 'finance', 'leader', 'protection'];

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)),
    ...crossFieldProblems(source),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const { WOODPECKER_DEMO, TOTP_REQUIRED_ROLES, ...rest } = parsed.data;
  const demo = WOODPECKER_DEMO ?? !rest.MONGODB_URI;
  return {
    ...rest,
    demo,
    AUDIT_CHECKPOINT_FILE: rest.AUDIT_CHECKPOINT_FILE ?? path.join(rest.WOODPECKER_DATA_DIR, 'audit-checkpoints.log'),
    totpRequiredRoles:
      TOTP_REQUIRED_ROLES !== undefined
        ? TOTP_REQUIRED_ROLES.split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : demo
          ? []
          : defaultTotpRoles,
  };
}
