// The master key for secrets at rest. Configured in production; in demo mode it is
// generated once and kept in the data directory, so restarts can still decrypt.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SecretBox } from './secretBox';
import type { Config } from '../env';

export function loadSecretBox(config: Config): SecretBox {
  if (config.WOODPECKER_SECRET_KEY) return new SecretBox(Buffer.from(config.WOODPECKER_SECRET_KEY, 'base64'));
  const file = path.join(config.WOODPECKER_DATA_DIR, 'demo-secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.WOODPECKER_DATA_DIR, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return new SecretBox(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64'));
}
