// Sensitive reads leave a trace: opening a case, an evidence file, a reward
// notice, and refused attempts at identities and claims. A read changes nothing,
// so its entry gets a short transaction of its own.
import { trusted } from 'mongoose';
import { endOfShanghaiDay, shanghaiDayStart } from '../../shared/dates';
import { inTransaction } from '../platform/db';
import { appendAudit, type AuditRecord } from './auditLog';
import { AuditEntry } from './auditEntry.model';

/** Records a read (or a refused attempt) in the audit log; resolves once it is committed. */
export async function auditRead(record: AuditRecord, now = new Date()): Promise<void> {
  await inTransaction((session) => appendAudit(record, session, now));
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

/**
 * A page of sealed entries, newest first (those numbered below `before`, when given), that match
 * the filter, and how many entries match. Each filter has an index beside the sequence number.
 */
export async function sealedEntriesPage(before: number | undefined, limit: number, f: AuditFilter = {}) {
  const period = {
    ...(f.from ? { $gte: shanghaiDayStart(f.from) } : {}),
    ...(f.to ? { $lt: endOfShanghaiDay(shanghaiDayStart(f.to)) } : {}),
  };
  const matching = {
    ...(f.actor ? { 'actor.id': f.actor } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.target ? { 'target.id': f.target } : {}),
    ...(f.from || f.to ? { at: trusted(period) } : {}),
  };
  const filtered = Object.keys(matching).length > 0;
  const filter = { ...matching, seq: trusted(before ? { $lt: before } : { $gte: 1 }) };
  const [items, total] = await Promise.all([
    AuditEntry.find(filter).sort({ seq: -1 }).limit(limit).lean(),
    filtered
      ? AuditEntry.countDocuments({ ...matching, seq: trusted({ $gte: 1 }) })
      : AuditEntry.estimatedDocumentCount(),
  ]);
  return { items, total };
}
