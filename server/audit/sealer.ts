// The sealer: gives pending audit entries consecutive sequence numbers and links
// each to the one before with an HMAC, in one transaction per batch. Only the
// sealer writes the chain head, so business transactions never wait on it.
//
// Order: each run seals every entry that is committed and still pending, oldest
// id first. An entry whose transaction commits late (an older id, an earlier
// `at`) is simply found by a later run and gets a later number: the sequence is
// the order in which entries became visible, nothing is skipped, and no grace
// window is needed. Two sealers at once (the scheduled job and an on-demand run)
// both write the head, so one meets a write conflict and retries on the new head;
// the unique index on seq is the backstop.
//
// The honest gap: until sealed (a few seconds), an entry is protected only by its
// own MAC. Someone with write access who deletes it in that window leaves no
// trace in the chain. Edits in that window, and anything after sealing, are found.
import { inTransaction } from '../platform/db';
import { AuditEntry, AuditHead } from './auditEntry.model';
import { auditKeys } from './auditKeys';
import { GENESIS_LINK, linkMac } from './auditLog';
import { adoptUnkeyedChain } from './legacyChain';

export interface ChainHead {
  seq: number;
  link: string;
}

const BATCH = 500;

export async function readHead(): Promise<ChainHead> {
  const head = await AuditHead.findById('head').lean();
  return { seq: head?.seq ?? 0, link: head?.link ?? GENESIS_LINK };
}

/** Seals everything pending now; returns how many entries it sealed and the new head. */
export async function sealAuditEntries(now = new Date()): Promise<{ sealed: number; head: ChainHead }> {
  const keys = auditKeys();
  await adoptUnkeyedChain();
  let sealed = 0;
  for (;;) {
    const batch = await inTransaction(async (session) => {
      const head = await AuditHead.findById('head').session(session).lean();
      let seq = head?.seq ?? 0;
      let link = head?.link ?? GENESIS_LINK;
      const pending = await AuditEntry.find({ pending: true }, { _id: 1, mac: 1, keyVersion: 1 })
        .sort({ _id: 1 })
        .limit(BATCH)
        .session(session)
        .lean();
      if (!pending.length) return { count: 0, head: { seq, link } };
      const ops = pending.map((e) => {
        seq++;
        // An entry naming no key we hold is forged: linked under the current key so sealing goes on; verification reports it.
        link = linkMac(seq, e.mac, link, keys.macKey(keys.hasVersion(e.keyVersion) ? e.keyVersion : keys.version));
        return {
          updateOne: {
            filter: { _id: e._id, pending: true },
            update: { $set: { seq, link, sealedAt: now }, $unset: { pending: 1 } },
          },
        };
      });
      const written = await AuditEntry.bulkWrite(ops, { session, ordered: true });
      if (written.modifiedCount !== pending.length) throw new Error('audit entries changed while being sealed'); // aborts: nothing half-sealed
      await AuditHead.updateOne({ _id: 'head' }, { $set: { seq, link } }, { upsert: true, session });
      return { count: pending.length, head: { seq, link } };
    });
    sealed += batch.count;
    if (batch.count < BATCH) return { sealed, head: batch.head };
  }
}
