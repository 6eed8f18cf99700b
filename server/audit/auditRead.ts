// Sensitive reads leave a trace: opening a case, an evidence file, a reward
// notice, and refused attempts at identities and claims. A read changes nothing,
// so its entry gets a short transaction of its own.
import { trusted } from 'mongoose';
import { inTransaction } from '../platform/db';
import { appendAudit, type AuditRecord } from './auditLog';
import { AuditEntry } from './auditEntry.model';

/** Records a read (or a refused attempt) in the audit log; resolves once it is committed. */
export async function auditRead(record: AuditRecord, now = new Date()): Promise<void> {
  await inTransaction((session) => appendAudit(record, session, now));
}

/** A page of sealed entries, newest first (those numbered below `before`, when given), and how many entries there are. */
export async function sealedEntriesPage(before: number | undefined, limit: number) {
  const filter = { seq: trusted(before ? { $lt: before } : { $gte: 1 }) };
  const [items, total] = await Promise.all([
    AuditEntry.find(filter).sort({ seq: -1 }).limit(limit).lean(),
    AuditEntry.estimatedDocumentCount(),
  ]);
  return { items, total };
}
