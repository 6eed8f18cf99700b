// Appends to the audit log inside the caller's transaction, so an action and its
// audit entry are committed together or not at all. The entry carries its own
// MAC under the audit key but no place in the chain: appends share no document,
// so concurrent transactions never wait for each other here. The sealer links
// entries into the chain shortly after (audit/sealer.ts).
import crypto from 'node:crypto';
import { Types, type ClientSession } from 'mongoose';
import { AuditEntry } from './auditEntry.model';
import { auditKeys } from './auditKeys';

/** The link before entry 1. */
export const GENESIS_LINK = '0'.repeat(64);

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
  if (value instanceof Types.ObjectId) return value.toHexString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

const hmac = (key: Buffer, purpose: string, parts: unknown[]) =>
  crypto
    .createHmac('sha256', key)
    .update(purpose)
    .update('\0')
    .update(JSON.stringify(canonical(parts)))
    .digest('hex');

export interface EntryContent {
  _id: Types.ObjectId;
  keyVersion: number;
  at: Date;
  actor: unknown;
  action: string;
  target: unknown;
  details: unknown;
}

/** The entry's own MAC: its unique id, key version and content. */
export function entryMac(e: EntryContent, key: Buffer): string {
  return hmac(key, 'woodpecker audit entry', [
    e._id,
    e.keyVersion,
    e.at,
    e.actor ?? null,
    e.action,
    e.target ?? null,
    e.details ?? {},
  ]);
}

/** The chain link: this entry's place, its MAC and the previous link. */
export function linkMac(seq: number, mac: string, prevLink: string, key: Buffer): string {
  return hmac(key, 'woodpecker audit link', [seq, mac, prevLink]);
}

/** Inserts a MAC'd, not yet sealed entry; returns its id. */
export async function appendAudit(record: AuditRecord, session: ClientSession, now = new Date()): Promise<string> {
  const keys = auditKeys();
  // Only what the entry stores is MAC'd: the actor's identity, and details without undefined members.
  const actor = record.actor ? { id: record.actor.id, username: record.actor.username, role: record.actor.role } : null;
  const details = JSON.parse(JSON.stringify(record.details ?? {})) as Record<string, unknown>;
  const entry = {
    _id: new Types.ObjectId(),
    keyVersion: keys.version,
    at: now,
    actor,
    action: record.action,
    target: record.target ?? null,
    details,
  };
  await AuditEntry.create([{ ...entry, mac: entryMac(entry, keys.macKey(keys.version)), pending: true }], { session });
  return entry._id.toHexString();
}
