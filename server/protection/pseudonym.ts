// A real-name reporter's pseudonym: the same person (by phone number) gets the same
// `R-…` on every report, so protection and fraud review see their history without
// seeing who they are. It is an HMAC under a key derived from the server secret, so
// the database alone links it to no one: without the key a phone number cannot be
// tried against it. Anonymous reports never get one and stay unlinkable. It goes with
// the identity when the retention schedule deletes that (shared/protection/policy.ts).
import crypto from 'node:crypto';
import { trusted } from 'mongoose';
import type { SecretBox } from '../platform/secretBox';
import { base32 } from '../reports/intake/receipt';
import { Report } from '../reports/report.model';
import { openReportData, ShreddedData } from './dataKeys';

const PURPOSE = 'woodpecker reporter pseudonym v1';
const keys = new WeakMap<SecretBox, Buffer>();
const keyOf = (box: SecretBox) => keys.get(box) ?? keys.set(box, box.deriveKey(PURPOSE)).get(box)!;

/** Digits only, without the country code: "+86 138-0000-0000" and "13800000000" are one person. */
export function normalisedPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

export const pseudonymPattern = /^R-[0-9A-HJKMNP-TV-Z]{10}$/;

/** e.g. "R-7K3Q9MXD2A": 50 bits of the keyed hash, in Crockford base32. */
export function reporterPseudonymOf(box: SecretBox, identity: { phone: string }): string {
  const mac = crypto.createHmac('sha256', keyOf(box)).update(normalisedPhone(identity.phone)).digest();
  return `R-${base32(mac, 10)}`;
}

/**
 * Gives real-name reports from before pseudonyms theirs, at start. Idempotent: only
 * reports with an identity on file and no pseudonym are read; one whose identity was
 * deleted is left without.
 */
export async function backfillReporterPseudonyms(box: SecretBox): Promise<number> {
  let done = 0;
  const missing = Report.find(
    { reporterSealed: trusted({ $type: 'string' }), reporterPseudonym: trusted({ $exists: false }) },
    { reference: 1, reporterSealed: 1 },
  ).lean();
  for await (const r of missing) {
    let identity: { phone: string };
    try {
      identity = JSON.parse(await openReportData(box, r.reference, 'reporter-identity', r.reporterSealed!)) as {
        phone: string;
      };
    } catch (e) {
      if (e instanceof ShreddedData) continue;
      throw e;
    }
    const set = await Report.updateOne(
      { reference: r.reference, reporterPseudonym: trusted({ $exists: false }) },
      { $set: { reporterPseudonym: reporterPseudonymOf(box, identity) } },
    );
    done += set.modifiedCount;
  }
  return done;
}
