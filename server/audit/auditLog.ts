// Appends to the hash-chained audit log inside the caller's transaction, so an
// action and its audit entry are committed together or not at all.
import crypto from 'node:crypto';
import type { ClientSession } from 'mongoose';
import { AuditEntry, AuditHead } from '../models/AuditEntry';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  id: string;
  username: string;
  role: string;
}

export interface AuditRecord {
  actor: AuditActor | null;
  action: string;
  target?: { type: string; id: string } | null;
  /** Facts about the action; never personal data (names, phones, report text). */
  details?: Record<string, unknown>;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

export function entryHash(e: { seq: number; at: Date; actor: unknown; action: string; target: unknown; details: unknown; prevHash: string }): string {
  const payload = JSON.stringify(canonical([e.seq, e.at, e.actor ?? null, e.action, e.target ?? null, e.details ?? {}, e.prevHash]));
  return crypto.createHash('sha256').update(payload).digest('hex');
}

export async function appendAudit(record: AuditRecord, session: ClientSession, now = new Date()): Promise<number> {
  const head = await AuditHead.findById('head').session(session).lean();
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  // Only what the entry stores is hashed: the actor's identity, and details without undefined members.
  const actor = record.actor ? { id: record.actor.id, username: record.actor.username, role: record.actor.role } : null;
  const details = JSON.parse(JSON.stringify(record.details ?? {})) as Record<string, unknown>;
  const entry = { seq, at: now, actor, action: record.action, target: record.target ?? null, details, prevHash };
  const hash = entryHash(entry);
  await AuditEntry.create([{ ...entry, hash }], { session });
  await AuditHead.updateOne({ _id: 'head' }, { $set: { seq, hash } }, { upsert: true, session });
  return seq;
}
