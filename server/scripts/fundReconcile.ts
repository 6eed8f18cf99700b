// `npm run fund:reconcile`: recomputes the fund from its ledger and checks the
// Fund document and every reward against it; prints a table, exits 1 on any difference.
import { formatReconciliation, reconcileFund } from '../fund/reconcile';
import { runWithDatabase } from './withDatabase';

runWithDatabase(async () => {
  const result = await reconcileFund();
  (result.ok ? console.log : console.error)(formatReconciliation(result));
  return result.ok ? 0 : 1;
});
