// The channels a reporter's notices go by: email (an address they gave) and SMS (a
// mobile number), each only when the reporter chose it. SMS is on only where the
// deployment configured a gateway (createApp sets it from SMS_GATEWAY_URL); when it
// is off, no number is kept and no SMS is queued. The SMS is the same neutral words
// whatever happened: a lock screen shows it, so it names neither a report nor a reference.
import type { ReportInput } from '../../shared/schemas/report';
import type { SecretBox } from '../platform/secretBox';
import { sealReportData } from '../protection/dataKeys';

let smsOn = false;

/** Set once at start from the configuration, as the audit keys are. */
export function useSmsNotices(on: boolean): void {
  smsOn = on;
}

export const smsNoticesOn = (): boolean => smsOn;

/**
 * Chinese only: numbers are mainland mobiles, and 24 characters stay well inside one SMS
 * segment (70 in UCS-2); English words would double its length on a lock screen for
 * the few who need them, and the follow-up page they lead to is in both languages.
 */
export const REPORTER_SMS_TEXT = '【啄木鸟】您有一条新通知，请凭查询密钥登录查看。';

/** The number a reporter chose for SMS notices: a real-name reporter's own, or an anonymous one's notice phone. */
export function noticePhoneOf(input: ReportInput): string | undefined {
  if (!smsOn) return undefined;
  if (input.anonymous) return input.noticePhone;
  return input.notifyBySms ? input.reporter?.phone : undefined;
}

/** Sealed under the report's own `notice-phone` key, which the retention schedule deletes once the case is final. */
export async function sealedNoticePhone(
  box: SecretBox,
  reference: string,
  input: ReportInput,
): Promise<string | undefined> {
  const phone = noticePhoneOf(input);
  return phone ? sealReportData(box, reference, 'notice-phone', phone) : undefined;
}
