// Signed checkpoints of the chain head, kept outside the database: appended to a
// file (mode 0600) and mailed daily to the bureau's auditors. Someone who deletes
// the newest entries and rewinds the head cannot rewind these copies, so
// `audit:verify` finds the chain shorter than the last checkpoint. Each line is
// JSON: { v, seq, link, at, publicKey, sig }; sig is Ed25519 over
// "woodpecker-audit-checkpoint:v1:<seq>:<link>:<at>", checkable with the public
// key alone (no server secret).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SecretBox } from '../platform/secretBox';
import { inTransaction } from '../platform/db';
import { enqueueEmail } from '../platform/emails/outbox';
import { AuditEntry, AuditHead } from './auditEntry.model';
import type { AuditKeys } from './auditKeys';
import { auditKeys } from './auditKeys';
import { sealAuditEntries, type ChainHead } from './sealer';

export const checkpointSchema = z.object({
  v: z.literal(1),
  seq: z.number().int().min(0),
  link: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  publicKey: z.string().min(1),
  sig: z.string().min(1),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

const signedText = (c: { seq: number; link: string; at: string }) =>
  `woodpecker-audit-checkpoint:v1:${c.seq}:${c.link}:${c.at}`;

export function signCheckpoint(head: ChainHead, now: Date, keys: AuditKeys = auditKeys()): Checkpoint {
  const body = { seq: head.seq, link: head.link, at: now.toISOString() };
  const sig = crypto.sign(null, Buffer.from(signedText(body)), keys.signingKey).toString('base64');
  return { v: 1, ...body, publicKey: keys.publicKeyText, sig };
}

/**
 * True when the signature holds under `publicKey` (base64 SPKI DER). Pass the key
 * the auditor was given, not the one the line carries: a forger can put their own there.
 */
export function checkpointSignatureHolds(c: Checkpoint, publicKey: string): boolean {
  try {
    const key = crypto.createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return crypto.verify(null, Buffer.from(signedText(c)), key, Buffer.from(c.sig, 'base64'));
  } catch {
    return false;
  }
}

export function parseCheckpoint(line: string): Checkpoint {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new Error('the checkpoint is not a JSON line');
  }
  const parsed = checkpointSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `the checkpoint is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/**
 * The sequence numbers of every readable checkpoint line, in file order. Each must
 * be at least the one before: a smaller one means a shortened chain was signed.
 */
export function checkpointSeqs(file: string): number[] {
  if (!fs.existsSync(file)) return [];
  const seqs: number[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      seqs.push(parseCheckpoint(line.trim()).seq);
    } catch {
      // a torn or garbled line: the newest one is checked on its own by sealAndVerify
    }
  }
  return seqs;
}

/** The newest checkpoint in a file (read from its tail), or null when the file is missing or empty. */
export function lastCheckpoint(file: string): Checkpoint | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 8192); // a line is about 300 bytes
    const tail = Buffer.alloc(length);
    fs.readSync(fd, tail, 0, length, size - length);
    const lines = tail
      .toString('utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    return lines.length ? parseCheckpoint(lines[lines.length - 1]) : null;
  } finally {
    fs.closeSync(fd);
  }
}

function appendLine(file: string, line: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${line}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // also when the file existed with a looser mode
}

/** Seals, then appends a checkpoint of the head unless the file's newest already covers it. */
export async function publishCheckpoint(file: string, now: Date): Promise<Checkpoint> {
  const { head } = await sealAuditEntries(now);
  let last: Checkpoint | null = null;
  try {
    last = lastCheckpoint(file);
  } catch {
    // an unreadable line (a torn write, or tampering): a good checkpoint follows it
  }
  if (last && last.publicKey === auditKeys().publicKeyText) {
    if (last.seq === head.seq && last.link === head.link) return last;
    // Never sign a chain that no longer extends what was signed before: that would bless a truncation or rewrite.
    const covered =
      last.seq === 0 || (await AuditEntry.findOne({ seq: last.seq }, { link: 1 }).lean())?.link === last.link;
    if (head.seq < last.seq || !covered)
      throw new Error(
        `the audit chain no longer extends the checkpoint of ${last.at} (${last.seq} entries): not signed; run audit:verify`,
      );
  }
  const checkpoint = signCheckpoint(head, now);
  appendLine(file, JSON.stringify(checkpoint));
  return checkpoint;
}

export function auditorEmail(c: Checkpoint): { subject: string; text: string } {
  return {
    // Neutral: a gateway or lock screen learns nothing from it.
    subject: '啄木鸟每日核对码 / Woodpecker daily check code',
    text: [
      '这是啄木鸟系统今日的审计核对码，请原样保存本邮件，不要回复。',
      '核对时，把下面一行存为文件，运行 npm run audit:verify -- --checkpoint 文件名；签名用您掌握的公钥核对，不需要服务器密钥。',
      '',
      "This is today's audit check code from Woodpecker. Keep this email unchanged; do not reply.",
      'To check the system, save the line below to a file and run npm run audit:verify -- --checkpoint FILE; the signature is checked with the public key you hold, no server secret needed.',
      '',
      `entries ${c.seq} / 条目数 ${c.seq}`,
      '',
      JSON.stringify(c),
      '',
    ].join('\n'),
  };
}

/** Once per UTC day: queues the newest checkpoint to each auditor, with the day marked in the same transaction. */
export async function mailCheckpointToAuditors(
  box: SecretBox,
  file: string,
  emails: string[],
  now: Date,
): Promise<boolean> {
  if (!emails.length) return false;
  const day = now.toISOString().slice(0, 10);
  if ((await AuditHead.findById('auditor-mail').lean())?.day === day) return false;
  const checkpoint = await publishCheckpoint(file, now);
  const mail = auditorEmail(checkpoint);
  return inTransaction(async (session) => {
    // Read and marked in one transaction: a second run at the same moment meets a write conflict and, retried, sees the mark.
    if ((await AuditHead.findById('auditor-mail').session(session).lean())?.day === day) return false;
    await AuditHead.updateOne({ _id: 'auditor-mail' }, { $set: { day } }, { upsert: true, session });
    for (const to of emails) await enqueueEmail(box, { kind: 'auditor-checkpoint', to, ...mail }, session, now);
    return true;
  });
}
