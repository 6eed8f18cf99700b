// Sensitive reads leave a trace: opening a case, an evidence file, a reward
// notice, and refused attempts at identities and claims. A read changes nothing,
// so its entry gets a short transaction of its own.
import { inTransaction } from '../platform/db';
import { appendAudit, type AuditRecord } from './auditLog';

/** Records a read (or a refused attempt) in the audit log; resolves once it is committed. */
export async function auditRead(record: AuditRecord, now = new Date()): Promise<void> {
  await inTransaction((session) => appendAudit(record, session, now));
}
