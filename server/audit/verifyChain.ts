// Checks the audit chain under the audit key: every sealed entry's own MAC, the
// sequence without gaps, each link to the one before, the head, the MACs of
// entries not yet sealed, and, given the newest published checkpoint, that the
// chain still reaches it unchanged (deleting the newest entries and rewinding the
// head is found there). Names the first entry that does not hold.
import { trusted } from 'mongoose';
import { AuditEntry, AuditHead } from './auditEntry.model';
import { auditKeys } from './auditKeys';
import { entryMac, GENESIS_LINK, linkMac, type EntryContent } from './auditLog';
import { checkpointSeqs, checkpointSignatureHolds, lastCheckpoint, type Checkpoint } from './checkpoints';
import { sealAuditEntries } from './sealer';

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: number;
  reason?: string;
}

export async function verifyAuditChain(options: { checkpoint?: Checkpoint | null } = {}): Promise<ChainReport> {
  const keys = auditKeys();
  const macHolds = (e: EntryContent & { mac: string }) => {
    try {
      return entryMac(e, keys.macKey(e.keyVersion)) === e.mac;
    } catch {
      return false; // an unknown key version
    }
  };
  let prevLink = GENESIS_LINK;
  let expectedSeq = 1;
  let checked = 0;
  const checkpoint = options.checkpoint ?? null;
  let checkpointLink: string | undefined;
  for await (const e of AuditEntry.find({ seq: trusted({ $gte: 1 }) })
    .sort({ seq: 1 })
    .lean()
    .cursor({ batchSize: 500 })) {
    const broken = (reason: string): ChainReport => ({ ok: false, checked, firstBroken: e.seq!, reason });
    if (e.seq !== expectedSeq)
      return { ok: false, checked, firstBroken: expectedSeq, reason: `entry ${expectedSeq} is missing` };
    if (!macHolds(e as EntryContent & { mac: string })) return broken('its content does not match its MAC');
    if (!e.link || linkMac(e.seq, e.mac, prevLink, keys.macKey(e.keyVersion)) !== e.link)
      return broken('its link to the previous entry does not match');
    if (checkpoint && e.seq === checkpoint.seq) checkpointLink = e.link;
    prevLink = e.link;
    expectedSeq++;
    checked++;
  }
  const head = await AuditHead.findById('head').lean();
  if (head && (head.seq !== checked || head.link !== prevLink))
    return {
      ok: false,
      checked,
      firstBroken: checked + 1,
      reason: `the chain head records ${head.seq} entries but ${checked} hold`,
    };
  for await (const e of AuditEntry.find({ pending: true }).lean().cursor({ batchSize: 500 }))
    if (!macHolds(e as EntryContent & { mac: string }))
      return {
        ok: false,
        checked,
        firstBroken: checked + 1,
        reason: `entry ${String(e._id)}, not yet sealed, does not match its MAC`,
      };
  if (checkpoint) {
    const cp = `the checkpoint of ${checkpoint.at} (${checkpoint.seq} entries)`;
    if (checkpoint.publicKey !== keys.publicKeyText || !checkpointSignatureHolds(checkpoint, keys.publicKeyText))
      return { ok: false, checked, reason: `${cp} is not signed by this server's key` };
    if (checkpoint.seq > checked)
      return {
        ok: false,
        checked,
        firstBroken: checked + 1,
        reason: `entries after ${checked} were deleted: ${cp} covers more`,
      };
    if (checkpoint.seq > 0 && checkpointLink !== checkpoint.link)
      return { ok: false, checked, firstBroken: checkpoint.seq, reason: `entry ${checkpoint.seq} differs from ${cp}` };
  }
  return { ok: true, checked };
}

/**
 * What the console and the CLI run: seal what is pending, then verify against the
 * newest checkpoint in `checkpointFile`. A checkpoint that cannot be read is a
 * finding, not a pass: someone may have garbled it to hide a truncation.
 */
export async function sealAndVerify(checkpointFile: string): Promise<ChainReport> {
  try {
    await sealAuditEntries();
  } catch (e) {
    return { ok: false, checked: 0, reason: `pending entries cannot be sealed: ${(e as Error).message}` };
  }
  let checkpoint: Checkpoint | null;
  try {
    checkpoint = lastCheckpoint(checkpointFile);
  } catch (e) {
    const report = await verifyAuditChain();
    return report.ok
      ? { ok: false, checked: report.checked, reason: `the newest checkpoint cannot be read: ${(e as Error).message}` }
      : report;
  }
  const seqs = checkpointSeqs(checkpointFile);
  const shrunk = seqs.findIndex((seq, i) => i > 0 && seq < seqs[i - 1]);
  if (shrunk > 0)
    return {
      ok: false,
      checked: 0,
      reason: `checkpoint ${shrunk + 1} in the file covers ${seqs[shrunk]} entries, fewer than the ${seqs[shrunk - 1]} before it: the chain was shortened`,
    };
  return verifyAuditChain({ checkpoint });
}
