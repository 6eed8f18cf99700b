// A submission retried on a weak network (same Idempotency-Key, same report) gets
// its receipt back, for a day. What makes that possible is kept on the report only
// that long and only in forms an insider with the database cannot use: the key as
// an HMAC (a stored value sent back as a key matches nothing), the request as an
// HMAC over what recognises a retry (no name, phone or email), and the receipt
// sealed under the report's access-keys key (protection/dataKeys). The expiry
// sweep removes all three together.
import { trusted } from 'mongoose';
import type { ReportInput } from '../../../shared/schemas/report';
import type { SecretBox } from '../../platform/secretBox';
import { sealReportData } from '../../protection/dataKeys';
import { Report } from '../report.model';

export const RETRY_WINDOW_MS = 24 * 60 * 60_000;

export const idempotencyKeyHash = (box: SecretBox, key: string) => box.mac(key, 'idempotency-key');

/** Recognises the same report sent again: its content and evidence, not who sent it. */
export function retryFingerprint(box: SecretBox, input: ReportInput, fileSha256s: string[]): string {
  const content = [
    input.category,
    input.area,
    input.description,
    input.occurredAt ?? '',
    input.address ?? '',
    input.subjectName ?? '',
    input.posterCode ?? '',
    input.anonymous,
    !!input.employeeOfSubject,
    !!input.shareLocation,
    input.location ? `${input.location.lat},${input.location.lng}` : '',
  ];
  return box.mac(JSON.stringify([content, fileSha256s]), 'retry-fingerprint');
}

export interface RetryWindow {
  keyHash: string;
  requestHash: string;
  receiptSealed: string;
  until: Date;
}

export async function openRetryWindow(
  box: SecretBox,
  reference: string,
  keyHash: string,
  requestHash: string,
  accessKey: string,
  now: Date,
): Promise<RetryWindow> {
  const receiptSealed = await sealReportData(box, reference, 'access-keys', accessKey);
  return { keyHash, requestHash, receiptSealed, until: new Date(now.getTime() + RETRY_WINDOW_MS) };
}

/** The earlier submission with this key, while its window is open; an expired window is closed on the spot. */
export async function findRetry(keyHash: string, now: Date): Promise<{ reference: string; retry: RetryWindow } | null> {
  const earlier = await Report.findOne({ 'retry.keyHash': keyHash }, { reference: 1, retry: 1 }).lean();
  if (!earlier?.retry) return null;
  if (earlier.retry.until <= now) {
    await Report.updateOne({ _id: earlier._id, 'retry.until': trusted({ $lte: now }) }, { $unset: { retry: 1 } });
    return null;
  }
  return { reference: earlier.reference, retry: earlier.retry as RetryWindow };
}

/**
 * Closes every window past its end. Also clears what older versions kept for good
 * (the idempotency key in the clear and an unkeyed hash of the request).
 */
export async function expireRetryWindows(now: Date): Promise<{ closed: number; legacy: number }> {
  const closed = await Report.updateMany({ 'retry.until': trusted({ $lte: now }) }, { $unset: { retry: 1 } });
  const legacy = await Report.collection.updateMany(
    { idempotencyKey: { $type: 'string' } },
    { $unset: { idempotencyKey: '', requestHash: '' } },
  );
  return { closed: closed.modifiedCount, legacy: legacy.modifiedCount };
}
