// `npm run stats:rebuild`: derives the statistics rollups again from every report
// (after a change to how they are counted, or to check them). It runs in one
// transaction, so the app may stay up (see server/stats/rebuild.ts for its limit).
// Run with the app stopped, its own embedded engine lets that transaction run for
// up to 10 minutes, enough for a long history (about a minute at 100k reports).
import { rebuildStats } from '../stats';
import { runWithDatabase } from './withDatabase';

runWithDatabase(
  async () => {
    const started = Date.now();
    const { reports, cells } = await rebuildStats();
    console.log(
      `statistics rebuilt: ${reports} reports → ${cells} rollup cells in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  },
  { transactionLifetimeMs: 10 * 60_000 },
);
