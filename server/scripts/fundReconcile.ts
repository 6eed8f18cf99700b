// `npm run fund:reconcile`: recomputes the fund from its ledger and checks the
// Fund document and every reward against it; prints a table, exits 1 on any difference.
import { openDatabase } from '../db';
import { loadConfig } from '../env';
import { formatReconciliation, reconcileFund } from '../rewards/reconcile';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({ mongodbUri: config.MONGODB_URI, dataDir: config.WOODPECKER_DATA_DIR, dbName: config.MONGODB_DB });
  try {
    const result = await reconcileFund();
    (result.ok ? console.log : console.error)(formatReconciliation(result));
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
