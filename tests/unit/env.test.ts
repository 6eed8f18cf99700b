// Configuration: validated in one place; refuses to start listing every problem,
// has no default secrets in production, and sensible demo defaults.
import crypto from 'node:crypto';
import { ConfigError, loadConfig } from '../../server/env';

const key = crypto.randomBytes(32).toString('base64');

/** The variable names a ConfigError lists (each problem reads "NAME: message"). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => p.split(':')[0]);
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  test('production without MONGODB_URI, WOODPECKER_SECRET_KEY and PUBLIC_BASE_URL lists all three', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(
      expect.arrayContaining(['MONGODB_URI', 'WOODPECKER_SECRET_KEY', 'PUBLIC_BASE_URL']),
    );
  });

  test('the error message names every problem', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /MONGODB_URI[\s\S]*WOODPECKER_SECRET_KEY[\s\S]*PUBLIC_BASE_URL/,
    );
  });

  test('a bad PORT is listed', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual(['PORT']);
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT']);
  });

  test('every problem is listed at once: a bad PORT together with the missing production settings', () => {
    expect(problemsOf({ NODE_ENV: 'production', PORT: 'eighty' }).sort()).toEqual(
      expect.arrayContaining(['MONGODB_URI', 'PORT', 'PUBLIC_BASE_URL', 'WOODPECKER_SECRET_KEY']),
    );
  });

  test('a complete production configuration loads, with TOTP required for admin, reviewer and finance', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db.internal/?replicaSet=rs0',
      WOODPECKER_SECRET_KEY: key,
      PUBLIC_BASE_URL: 'https://report.example.org',
      PORT: '8080',
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: 'smtp://mail.internal:587',
    });
    expect(config).toMatchObject({
      demo: false,
      PORT: 8080,
      totpRequiredRoles: ['admin', 'reviewer', 'finance', 'leader', 'protection'],
    });
  });

  test('production refuses demo mode and a secret key of the wrong length', () => {
    const base = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db.internal/',
      PUBLIC_BASE_URL: 'https://report.example.org',
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: 'smtp://mail.internal:587',
    };
    expect(problemsOf({ ...base, WOODPECKER_SECRET_KEY: key, WOODPECKER_DEMO: 'true' })).toEqual(['WOODPECKER_DEMO']);
    expect(problemsOf({ ...base, WOODPECKER_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toEqual([
      'WOODPECKER_SECRET_KEY',
    ]);
  });

  test('production refuses the file and console mail transports, which keep or print recipients', () => {
    const base = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db.internal/',
      PUBLIC_BASE_URL: 'https://report.example.org',
      WOODPECKER_SECRET_KEY: key,
    };
    expect(problemsOf(base)).toEqual(['MAIL_TRANSPORT']); // the default is the development spool
    expect(problemsOf({ ...base, MAIL_TRANSPORT: 'console' })).toEqual(['MAIL_TRANSPORT']);
    expect(loadConfig({ ...base, MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://mail.internal:587' }).MAIL_TRANSPORT).toBe(
      'smtp',
    );
  });

  test('demo defaults: no MONGODB_URI → demo mode, no second factor required, port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      demo: true,
      totpRequiredRoles: [],
      PORT: 3000,
      MONGODB_DB: 'woodpecker',
      MAIL_TRANSPORT: 'file',
    });
  });

  test('TOTP is required for reviewer/finance/admin/leader/protection outside demo mode (every role that can ask for or approve an identity, move money or approve it), and a secret key is required', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://localhost/', WOODPECKER_SECRET_KEY: key }).totpRequiredRoles).toEqual([
      'admin',
      'reviewer',
      'finance',
      'leader',
      'protection',
    ]);
    expect(loadConfig({ WOODPECKER_DEMO: 'false', WOODPECKER_SECRET_KEY: key }).totpRequiredRoles).toEqual([
      'admin',
      'reviewer',
      'finance',
      'leader',
      'protection',
    ]);
    expect(problemsOf({ MONGODB_URI: 'mongodb://localhost/' })).toEqual(['WOODPECKER_SECRET_KEY']);
  });

  test('TOTP_REQUIRED_ROLES overrides the default, trimmed; empty means none', () => {
    expect(loadConfig({ TOTP_REQUIRED_ROLES: ' finance , reviewer,' }).totpRequiredRoles).toEqual([
      'finance',
      'reviewer',
    ]);
    expect(
      loadConfig({ MONGODB_URI: 'mongodb://localhost/', WOODPECKER_SECRET_KEY: key, TOTP_REQUIRED_ROLES: '' })
        .totpRequiredRoles,
    ).toEqual([]);
  });

  test('MAIL_TRANSPORT=smtp needs SMTP_URL', () => {
    expect(problemsOf({ MAIL_TRANSPORT: 'smtp' })).toEqual(['SMTP_URL']);
    expect(loadConfig({ MAIL_TRANSPORT: 'smtp', SMTP_URL: 'smtp://mail.internal:25' }).SMTP_URL).toBe(
      'smtp://mail.internal:25',
    );
  });

  test('numbers and booleans are parsed from strings', () => {
    const config = loadConfig({ WOODPECKER_DEMO: 'yes', SESSION_IDLE_MINUTES: '15', LOGIN_DELAY_BASE_MS: '0' });
    expect(config).toMatchObject({ demo: true, SESSION_IDLE_MINUTES: 15, LOGIN_DELAY_BASE_MS: 0 });
    expect(problemsOf({ SESSION_IDLE_MINUTES: '0', WOODPECKER_DEMO: 'maybe' }).sort()).toEqual([
      'SESSION_IDLE_MINUTES',
      'WOODPECKER_DEMO',
    ]);
  });
  test('AUDIT_EMAILS is a trimmed list of addresses; a malformed one stops the start', () => {
    expect(loadConfig({ AUDIT_EMAILS: ' a@bureau.example , b@bureau.example,' }).AUDIT_EMAILS).toEqual([
      'a@bureau.example',
      'b@bureau.example',
    ]);
    expect(loadConfig({}).AUDIT_EMAILS).toEqual([]);
    expect(problemsOf({ AUDIT_EMAILS: 'a@bureau.example, not-an-address' })).toEqual(['AUDIT_EMAILS.1']); // names the second address
  });

  test('audit checkpoints default to a file in the data directory', () => {
    expect(loadConfig({ WOODPECKER_DATA_DIR: '/srv/wp' }).AUDIT_CHECKPOINT_FILE).toBe('/srv/wp/audit-checkpoints.log');
    expect(loadConfig({ AUDIT_CHECKPOINT_FILE: '/mnt/ro-copy/cp.log' }).AUDIT_CHECKPOINT_FILE).toBe(
      '/mnt/ro-copy/cp.log',
    );
  });

  test('the SMS gateway: URL and key together or not at all; HTTPS in production; off by default', () => {
    expect(loadConfig({}).SMS_GATEWAY_URL).toBeUndefined();
    const gateway = { SMS_GATEWAY_URL: 'http://127.0.0.1:9000/sms', SMS_GATEWAY_KEY: 'k'.repeat(24) };
    expect(loadConfig(gateway)).toMatchObject(gateway);
    expect(problemsOf({ SMS_GATEWAY_URL: gateway.SMS_GATEWAY_URL })).toEqual(['SMS_GATEWAY_KEY']);
    expect(problemsOf({ SMS_GATEWAY_KEY: gateway.SMS_GATEWAY_KEY })).toEqual(['SMS_GATEWAY_URL']);
    expect(problemsOf({ ...gateway, SMS_GATEWAY_KEY: 'short' })).toEqual(['SMS_GATEWAY_KEY']);
    expect(problemsOf({ ...gateway, SMS_GATEWAY_URL: 'ftp://sms.example/' })).toEqual(['SMS_GATEWAY_URL']);
    const production = {
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://db.internal/',
      PUBLIC_BASE_URL: 'https://report.example.org',
      WOODPECKER_SECRET_KEY: key,
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: 'smtp://mail.internal:587',
    };
    expect(problemsOf({ ...production, ...gateway })).toEqual(['SMS_GATEWAY_URL']);
    const https = { ...gateway, SMS_GATEWAY_URL: 'https://sms.example.cn/send' };
    expect(loadConfig({ ...production, ...https }).SMS_GATEWAY_URL).toBe(https.SMS_GATEWAY_URL);
  });
});
