// Opening a protection case, whoever opens it: the reporter's retaliation report, a
// check-in that reports harm, a duress signal, or a protection officer. The account is
// sealed under the report's protection-details key before the step is written.
import { protectionPolicy, type ProtectionCaseSource } from '../../shared/protection/policy';
import type { SecretBox } from '../platform/secretBox';
import type { ReportFields } from '../reports/report.model';
import { openReportData, sealReportData, ShreddedData } from './dataKeys';

const DAY = 24 * 60 * 60_000;

/** The next case number on this report: PC-1, PC-2, … */
export const nextCaseNo = (r: ReportFields) => `PC-${(r.protection?.cases?.length ?? 0) + 1}`;

/** The case to push to `protection.cases`, with its clocks from the policy. */
export async function newProtectionCase(
  r: ReportFields,
  input: { source: ProtectionCaseSource; kinds: string[]; account?: string; openedById?: string },
  box: SecretBox,
  now: Date,
) {
  return {
    caseNo: nextCaseNo(r),
    source: input.source,
    kinds: input.kinds,
    ...(input.account
      ? { accountSealed: await sealReportData(box, r.reference, 'protection-details', input.account) }
      : {}),
    openedAt: now,
    ...(input.openedById ? { openedById: input.openedById } : {}),
    firstActionDueAt: new Date(now.getTime() + protectionPolicy.caseFirstActionDays * DAY),
    decisionDueAt: new Date(now.getTime() + protectionPolicy.caseDecisionDays * DAY),
    referrals: [],
  };
}

/** Opens a protection-details value; undefined once the retention schedule deleted its key. */
export async function openOrDeleted(box: SecretBox, reference: string, sealed: string): Promise<string | undefined> {
  try {
    return await openReportData(box, reference, 'protection-details', sealed);
  } catch (e) {
    if (e instanceof ShreddedData) return undefined;
    throw e;
  }
}
