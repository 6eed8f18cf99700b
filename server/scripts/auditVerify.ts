// `npm run audit:verify`: checks the whole audit chain; exits 1 naming the first broken entry.
import { verifyAuditChain } from '../audit/verifyChain';
import { openDatabase } from '../db';
import { loadConfig } from '../env';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ mongodbUri: config.MONGODB_URI, dataDir: config.WOODPECKER_DATA_DIR, dbName: config.MONGODB_DB });
  try {
    const report = await verifyAuditChain();
    if (report.ok) console.log(`audit chain intact: ${report.checked} entries`);
    else console.error(`audit chain BROKEN at entry ${report.firstBroken}: ${report.reason} (${report.checked} entries before it hold)`);
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
