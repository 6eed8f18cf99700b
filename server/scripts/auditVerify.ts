// `npm run audit:verify`: checks the whole audit chain; exits 1 naming the first broken entry.
import { verifyAuditChain } from '../audit/verifyChain';
import { runWithDatabase } from './withDatabase';

runWithDatabase(async () => {
  const report = await verifyAuditChain();
  if (report.ok) console.log(`audit chain intact: ${report.checked} entries`);
  else console.error(`audit chain BROKEN at entry ${report.firstBroken}: ${report.reason} (${report.checked} entries before it hold)`);
  return report.ok ? 0 : 1;
});
