// Entries written before the chain was keyed carry an unkeyed SHA-256 `hash` and
// `prevHash`, and the head a `hash`. On the first sealing run after an upgrade
// they are checked under those old rules and then MAC'd and linked in place,
// once. A broken old chain is refused, not adopted: the sealer stops with an
// error until someone looks. What was rewritten before the upgrade, hashes
// included, cannot be told apart; that is why the chain is now keyed.
import crypto from 'node:crypto';
import { inTransaction } from '../platform/db';
import { AuditEntry, AuditHead } from './auditEntry.model';
import { auditKeys } from './auditKeys';
import { entryMac, GENESIS_LINK, linkMac } from './auditLog';

const OLD_GENESIS = '0'.repeat(64);

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

interface UnkeyedEntry {
  seq: number;
  at: Date;
  actor: unknown;
  action: string;
  target: unknown;
  details: unknown;
  prevHash: string;
}

/** The hash the unkeyed chain stored. */
export function unkeyedHash(e: UnkeyedEntry): string {
  return crypto
    .createHash('sha256')
    .update(
      JSON.stringify(
        canonical([e.seq, e.at, e.actor ?? null, e.action, e.target ?? null, e.details ?? {}, e.prevHash]),
      ),
    )
    .digest('hex');
}

/** Keys the unkeyed chain if the head says there is one; returns how many entries it took in. */
export async function adoptUnkeyedChain(): Promise<number> {
  const head = await AuditHead.collection.findOne({ _id: 'head' as never });
  if (!head || typeof head.hash !== 'string' || head.link) return 0;
  const keys = auditKeys();
  const key = keys.macKey(keys.version);
  // Once a sealed entry carries a MAC the chain has been keyed: an unkeyed head now is a forgery, never an upgrade.
  // (Entries appended since the upgrade carry a MAC too, but wait unsealed, without a number.)
  if (
    await AuditEntry.collection.findOne({ mac: { $exists: true }, seq: { $exists: true } }, { projection: { _id: 1 } })
  )
    throw new Error(
      'the audit head claims an unkeyed chain, but entries are already keyed: not adopted; run audit:verify',
    );
  return inTransaction(async (session) => {
    const current = await AuditHead.collection.findOne({ _id: 'head' as never }, { session });
    if (!current || typeof current.hash !== 'string' || current.link) return 0; // another run adopted it first
    const entries = await AuditEntry.collection
      .find({ seq: { $gte: 1 } }, { session })
      .sort({ seq: 1 })
      .toArray();
    let prevHash = OLD_GENESIS;
    let link = GENESIS_LINK;
    for (const [i, e] of entries.entries()) {
      const old = e as unknown as UnkeyedEntry & { hash: string };
      if (old.seq !== i + 1 || old.prevHash !== prevHash || unkeyedHash(old) !== old.hash)
        throw new Error(
          `the unkeyed audit chain is broken at entry ${i + 1}: not adopted; the sealer waits until it is looked into`,
        );
      prevHash = old.hash;
      const content = {
        _id: e._id as never,
        keyVersion: keys.version,
        at: old.at,
        actor: old.actor ?? null,
        action: old.action,
        target: old.target ?? null,
        details: old.details ?? {},
      };
      const mac = entryMac(content, key);
      link = linkMac(old.seq, mac, link, key);
      await AuditEntry.collection.updateOne(
        { _id: e._id },
        { $set: { keyVersion: keys.version, mac, link, sealedAt: new Date() }, $unset: { prevHash: 1, hash: 1 } },
        { session },
      );
    }
    if (entries.length !== head.seq || prevHash !== head.hash)
      throw new Error(
        `the unkeyed audit chain head records ${head.seq} entries but ${entries.length} hold: not adopted`,
      );
    await AuditHead.collection.updateOne(
      { _id: 'head' as never },
      { $set: { seq: entries.length, link }, $unset: { hash: 1 } },
      { session },
    );
    return entries.length;
  });
}
