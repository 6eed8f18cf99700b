// TOTP second factor (RFC 6238, 30-second steps, 6 digits) with replay protection.
import { Secret, TOTP } from 'otpauth';
import { qrcode } from '../platform/lazyLibraries';

const ISSUER = 'Woodpecker 啄木鸟';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

export async function enrolment(secret: string, username: string): Promise<{ otpauthUrl: string; qrSvg: string }> {
  const otpauthUrl = totpFor(secret, username).toString();
  return { otpauthUrl, qrSvg: await qrcode().toString(otpauthUrl, { type: 'svg', margin: 1, width: 200 }) };
}

/**
 * The time step a code belongs to (±1 step of clock drift), or null.
 * Callers reject steps at or below the last one used, so a code works once.
 */
export function verifyTotp(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, 'check').validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

export function currentTotp(secret: string, now = Date.now()): string {
  return totpFor(secret, 'check').generate({ timestamp: now });
}
