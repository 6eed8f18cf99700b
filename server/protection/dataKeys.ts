// Crypto-shredding. Each class of a report's personal data (shared/protection/policy.ts)
// is sealed under its own random key, kept wrapped by the server key in `report_keys`.
// Deleting that key makes every copy of the data unreadable: in the database at once,
// and in backups of the data once the key store's own, shorter-lived backups have aged
// out (README: "Retention and deletion"). Values sealed before this change ("v1:",
// under the server key itself) still open.
import crypto from 'node:crypto';
import { trusted, type ClientSession } from 'mongoose';
import type { DataClass } from '../../shared/protection/policy';
import { SecretBox } from '../platform/secretBox';
import { ReportKey } from './reportKey.model';

const PREFIX = 'k1:';
const keyId = (reference: string, dataClass: DataClass) => `${reference}/${dataClass}`;

/** The class's key box, created on first use (two writers racing both end up with the one stored). */
async function keyBox(box: SecretBox, reference: string, dataClass: DataClass, create: boolean) {
  const _id = keyId(reference, dataClass);
  let stored: { wrapped: string } | null = await ReportKey.findById(_id).lean();
  if (!stored && create) {
    const wrapped = box.seal(crypto.randomBytes(32).toString('base64'));
    try {
      await ReportKey.create({ _id, wrapped, createdAt: new Date() });
      stored = { wrapped };
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
      stored = await ReportKey.findById(_id).lean(); // the other writer's key is the one stored
    }
  }
  return stored ? new SecretBox(Buffer.from(box.open(stored.wrapped), 'base64')) : null;
}

/** Seals one value of a report's data class under that class's key. */
export async function sealReportData(
  box: SecretBox,
  reference: string,
  dataClass: DataClass,
  plaintext: string,
): Promise<string> {
  const inner = (await keyBox(box, reference, dataClass, true))!.seal(plaintext);
  return PREFIX + inner.slice('v1:'.length);
}

/** Raised when the class's key was deleted: the data is gone, whatever copy is held. */
export class ShreddedData extends Error {
  constructor(reference: string, dataClass: DataClass) {
    super(`${dataClass} of ${reference} was deleted`);
  }
}

/** Opens a value sealed by sealReportData (or, from before, by the server key itself). */
export async function openReportData(
  box: SecretBox,
  reference: string,
  dataClass: DataClass,
  sealed: string,
): Promise<string> {
  if (!sealed.startsWith(PREFIX)) return box.open(sealed);
  const classBox = await keyBox(box, reference, dataClass, false);
  if (!classBox) throw new ShreddedData(reference, dataClass);
  return classBox.open(`v1:${sealed.slice(PREFIX.length)}`);
}

/** Deletes the keys of these classes: whatever was sealed under them can never be opened again. */
export async function shredReportData(
  reference: string,
  classes: readonly DataClass[],
  session?: ClientSession,
): Promise<void> {
  await ReportKey.deleteMany({ _id: trusted({ $in: classes.map((c) => keyId(reference, c)) }) }, { session });
}
