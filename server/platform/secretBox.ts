// AES-256-GCM for secrets at rest (TOTP seeds, reporter identities, bank accounts).
// Output: "v1:" + base64(iv | tag | ciphertext). The key comes from configuration.
import crypto from 'node:crypto';

export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  seal(plaintext: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  open(sealed: string): string {
    if (!sealed.startsWith('v1:')) throw new Error('unknown sealed format');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** A separate key for one purpose (HKDF-SHA-256), so a key used elsewhere never exposes this one. */
  deriveKey(purpose: string, length = 32): Buffer {
    return Buffer.from(crypto.hkdfSync('sha256', this.key, 'woodpecker', purpose, length));
  }

  /** A keyed hash, for lookups and rate-limit keys that must not reveal their input. */
  mac(input: string, purpose: string): string {
    return crypto.createHmac('sha256', this.key).update(purpose).update('\0').update(input).digest('base64url');
  }
}
