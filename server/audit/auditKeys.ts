// The audit chain's keys, all derived from the server secret with HKDF and a
// purpose label, so the database (and a backup of it) holds none of them:
// - a MAC key per version: version n is HKDF(secret, "woodpecker audit mac v<n>").
//   New entries use the configured version; older entries keep naming theirs, so
//   raising AUDIT_KEY_VERSION rotates the key without breaking the chain.
// - an Ed25519 signing key for checkpoints: its public half lets an auditor check
//   a checkpoint without the server secret.
import crypto, { type KeyObject } from 'node:crypto';
import type { SecretBox } from '../platform/secretBox';

/** PKCS#8 DER header for a raw 32-byte Ed25519 seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface AuditKeys {
  /** The version new entries are written under. */
  version: number;
  macKey(version: number): Buffer;
  hasVersion(version: number): boolean;
  signingKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as base64 SPKI DER: what checkpoints carry and auditors compare. */
  publicKeyText: string;
}

export function deriveAuditKeys(box: SecretBox, version = 1): AuditKeys {
  const macKeys = new Map<number, Buffer>();
  for (let v = 1; v <= version; v++) macKeys.set(v, box.deriveKey(`woodpecker audit mac v${v}`));
  const seed = box.deriveKey('woodpecker audit checkpoint signing v1');
  const signingKey = crypto.createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = crypto.createPublicKey(signingKey);
  return {
    version,
    macKey(v) {
      const key = macKeys.get(v);
      if (!key) throw new Error(`no audit key of version ${v}`);
      return key;
    },
    hasVersion: (v) => macKeys.has(v),
    signingKey,
    publicKey,
    publicKeyText: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

let active: AuditKeys | undefined;

/** Set once at start-up (createApp, scripts): appendAudit is called from many places that hold no key. */
export function useAuditKeys(keys: AuditKeys): void {
  active = keys;
}

export function auditKeys(): AuditKeys {
  if (!active) throw new Error('the audit keys are not set: the app or script must call useAuditKeys() at start-up');
  return active;
}
