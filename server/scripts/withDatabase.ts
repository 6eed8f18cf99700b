// What every command-line script shares: the configured database opened, the
// work done, the database closed; the exit code is the work's answer (0 fine,
// 1 a finding), and 2 when the script itself failed.
import { openDatabase } from '../platform/db';
import { loadConfig } from '../env';
import { loadPublishedPolicies } from '../rewards/policyVersions';

export function runWithDatabase(work: () => Promise<number>, options: { transactionLifetimeMs?: number } = {}): void {
  const run = async () => {
    const config = loadConfig();
    const db = await openDatabase({
      mongodbUri: config.MONGODB_URI,
      dataDir: config.WOODPECKER_DATA_DIR,
      dbName: config.MONGODB_DB,
      ...options,
    });
    try {
      // A script computes with the published policy versions, as the server does.
      await loadPublishedPolicies();
      process.exitCode = await work();
    } finally {
      await db.close();
    }
  };
  run().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
