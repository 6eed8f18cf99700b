// `npm run stats:rebuild`: derives the statistics rollups again from every report
// (after a change to how they are counted, or to check them). It runs in one
// transaction, so the app may stay up (see server/stats/rebuild.ts for its limit).
import { openDatabase } from '../db';
import { loadConfig } from '../env';
import { rebuildStats } from '../stats';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ mongodbUri: config.MONGODB_URI, dataDir: config.WOODPECKER_DATA_DIR, dbName: config.MONGODB_DB });
  try {
    const started = Date.now();
    const { reports, cells } = await rebuildStats();
    console.log(`statistics rebuilt: ${reports} reports → ${cells} rollup cells in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
