// `npm run audit:verify`: seals pending entries, then checks the whole keyed chain
// and that it still covers the newest signed checkpoint; exits 1 naming the
// first broken entry.
//   --checkpoint FILE   use the newest checkpoint in FILE (e.g. one an auditor
//                       kept from the daily email) instead of AUDIT_CHECKPOINT_FILE
//   --public-key        print the key that checkpoints are signed with, and exit
import { parseArgs } from 'node:util';
import { deriveAuditKeys, useAuditKeys } from '../audit/auditKeys';
import { lastCheckpoint, type Checkpoint } from '../audit/checkpoints';
import { sealAndVerify } from '../audit/verifyChain';
import { loadConfig } from '../env';
import { loadSecretBox } from '../platform/secrets';
import { runWithDatabase } from './withDatabase';

const { values } = parseArgs({ options: { checkpoint: { type: 'string' }, 'public-key': { type: 'boolean' } } });
const config = loadConfig();
const keys = deriveAuditKeys(loadSecretBox(config), config.AUDIT_KEY_VERSION);
useAuditKeys(keys);

if (values['public-key']) {
  console.log(`audit checkpoint public key (Ed25519, SPKI DER, base64): ${keys.publicKeyText}`);
  console.log(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim());
} else {
  runWithDatabase(async () => {
    const file = values.checkpoint ?? config.AUDIT_CHECKPOINT_FILE;
    const report = await sealAndVerify(file);
    let checkpoint: Checkpoint | null = null;
    try {
      checkpoint = lastCheckpoint(file);
    } catch {
      // already reported by sealAndVerify
    }
    const against = checkpoint
      ? `, covering the checkpoint of ${checkpoint.at} (${checkpoint.seq} entries, ${file})`
      : `; no checkpoint found in ${file}`;
    if (report.ok) console.log(`audit chain intact: ${report.checked} entries${against}`);
    else
      console.error(
        `audit chain BROKEN${report.firstBroken ? ` at entry ${report.firstBroken}` : ''}: ${report.reason} (${report.checked} entries before it hold)`,
      );
    return report.ok ? 0 : 1;
  });
}
