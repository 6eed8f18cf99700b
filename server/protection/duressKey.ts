// The duress key (应急码): a second access key the reporter hands to whoever forces them to
// open their report. It opens a decoy session that sees the report withdrawn, while protection
// staff are alerted (the `duress-signal` step). Like the access key it is kept only as a keyed
// hash, shown once, and never replaced (a second one could be demanded by the same person).
import { trusted } from 'mongoose';
import { fail } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { hashAccessKey, newAccessKey } from '../reports/intake/receipt';
import { Report } from '../reports/report.model';

/** Sets the duress key of a report signed in with its real key; answers it this once. */
export async function setDuressKey(box: SecretBox, reference: string, decoy: boolean): Promise<{ duressKey: string }> {
  // A decoy session is answered as a withdrawn report is.
  if (decoy) throw fail('report.closed');
  const report = await Report.findOne({ reference }, { status: 1, duressKeyHash: 1, reporterWithdrawal: 1 }).lean();
  if (!report || report.status === 'withdrawn' || report.reporterWithdrawal?.at) throw fail('report.closed');
  if (report.duressKeyHash) throw fail('followup.duress_key_set');
  const duressKey = newAccessKey();
  // Not a step of the workflow: a credential, written like the access key's rehash. The condition
  // keeps the first of two racing requests.
  const set = await Report.updateOne(
    { reference, duressKeyHash: trusted({ $exists: false }) },
    { $set: { duressKeyHash: hashAccessKey(box, duressKey) } },
  );
  if (!set.modifiedCount) throw fail('followup.duress_key_set');
  return { duressKey };
}
