// Walks the whole audit chain and names the first entry that does not hold.
import { AuditEntry, AuditHead } from '../models/AuditEntry';
import { entryHash, GENESIS_HASH } from './auditLog';

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: number;
  reason?: string;
}

export async function verifyAuditChain(): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for await (const e of AuditEntry.find().sort({ seq: 1 }).lean().cursor({ batchSize: 500 })) {
    const broken = (reason: string): ChainReport => ({ ok: false, checked, firstBroken: e.seq, reason });
    if (e.seq !== expectedSeq) return { ok: false, checked, firstBroken: expectedSeq, reason: `entry ${expectedSeq} is missing` };
    if (e.prevHash !== prevHash) return broken('its link to the previous entry does not match');
    if (entryHash({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, target: e.target, details: e.details, prevHash: e.prevHash }) !== e.hash)
      return broken('its content does not match its hash');
    prevHash = e.hash;
    expectedSeq++;
    checked++;
  }
  const head = await AuditHead.findById('head').lean();
  if (head && (head.seq !== checked || head.hash !== prevHash))
    return { ok: false, checked, firstBroken: checked + 1, reason: `the chain head records ${head.seq} entries but ${checked} hold` };
  return { ok: true, checked };
}
