// What the server checks when a reporter claims a reward, without showing anyone
// an identity: that a real-name claimant is the reporter (compared inside the
// server), and, by keyed blind indexes of the ID number and the account, whether
// the payee is on the exclusion register, has claimed other rewards, or goes over
// the yearly cap. Only the indexes, counts and totals are kept; the claim stays sealed.
import { trusted } from 'mongoose';
import { shanghaiDay, shanghaiDayStart } from '../../shared/dates';
import type { Claim } from '../../shared/schemas/claim';
import type { ClaimFlag } from '../../shared/schemas/rewardControls';
import { fail } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { openReportData, ShreddedData } from '../protection/dataKeys';
import { Report, type ReportFields } from '../reports/report.model';
import { accountIndexOf, halfWidth, payeeIndexOf } from './blindIndex';
import { ExclusionEntry } from './exclusionRegister.model';
import { controlsOf } from './leadership';

/** Names compared as written on an ID card: no spaces anywhere, half-width letters, one case. */
export const normaliseName = (name: string) => halfWidth(name).replace(/\s+/g, '').toLowerCase();
/** Phones compared by their digits, without the country code. */
export const normalisePhone = (phone: string) =>
  halfWidth(phone)
    .replace(/\D/g, '')
    .replace(/^86(?=1\d{10}$)/, '');

/**
 * A real-name report's claim must come from its reporter. The refusal does not
 * say whether the name or the phone differed, so the claim form cannot be used
 * to find out either. Anonymous reports have no one to compare with: their
 * receipt is the proof. The sealed identity is opened in memory only for the
 * comparison; no person sees it, so it is not a reveal (those are audited).
 */
export async function checkClaimant(report: ReportFields, claim: Claim, box: SecretBox): Promise<void> {
  if (report.anonymous) return;
  // A real-name report always has its sealed reporter; without one (or once the retention
  // schedule deleted it) there is nobody the claimant can be shown to be.
  const sealed = report.reporterSealed;
  const opened = sealed
    ? await openReportData(box, report.reference, 'reporter-identity', sealed).catch((e: unknown) => {
        if (e instanceof ShreddedData) return null;
        throw e;
      })
    : null;
  if (!opened) throw fail('reward.claimant_mismatch');
  const reporter = JSON.parse(opened) as { name: string; phone: string };
  const same =
    normaliseName(reporter.name) === normaliseName(claim.name) &&
    normalisePhone(reporter.phone) === normalisePhone(claim.phone);
  if (!same) throw fail('reward.claimant_mismatch');
}

export interface ClaimChecks {
  payeeIndex: string;
  accountIndex: string;
  exclusionHit: boolean;
  samePayeeRewards: number;
  samePayeeTotalFen: number;
  sameAccountRewards: number;
  sameAccountTotalFen: number;
  payeeYearTotalFen: number;
  overYearlyCap: boolean;
  flags: ClaimFlag[];
}

/** The calendar year (Asia/Shanghai) containing `now`, as instants and its day prefix. */
function shanghaiYear(now: Date) {
  const year = Number(shanghaiDay(now).slice(0, 4));
  return { prefix: `${year}-`, start: shanghaiDayStart(`${year}-01-01`), end: shanghaiDayStart(`${year + 1}-01-01`) };
}

export async function claimChecksFor(
  report: ReportFields,
  claim: Claim,
  box: SecretBox,
  now: Date,
): Promise<ClaimChecks> {
  const payeeIndex = payeeIndexOf(box, claim.idNumber);
  const accountIndex = accountIndexOf(box, claim.bankAccount);
  const exclusionHit = !!(await ExclusionEntry.exists({ index: payeeIndex }));
  // Other reports whose claim (still standing: a returned claim clears its checks) names the same payee or account.
  const others = await Report.find(
    {
      reference: trusted({ $ne: report.reference }),
      $or: [{ 'reward.claimChecks.payeeIndex': payeeIndex }, { 'reward.claimChecks.accountIndex': accountIndex }],
    },
    {
      reference: 1,
      'reward.amountFen': 1,
      'reward.approvedAt': 1,
      'reward.payout.paidOn': 1,
      'reward.claimChecks.payeeIndex': 1,
      'reward.claimChecks.accountIndex': 1,
    },
  ).lean<Pick<ReportFields, 'reference' | 'reward'>[]>();
  const samePayee = others.filter((o) => o.reward?.claimChecks?.payeeIndex === payeeIndex);
  const sameAccount = others.filter((o) => o.reward?.claimChecks?.accountIndex === accountIndex);
  const sum = (list: typeof others) => list.reduce((s, o) => s + (o.reward?.amountFen ?? 0), 0);
  const year = shanghaiYear(now);
  const thisYear = samePayee.filter((o) => {
    const approvedAt = o.reward?.approvedAt;
    return (
      (approvedAt && approvedAt >= year.start && approvedAt < year.end) ||
      !!o.reward?.payout?.paidOn?.startsWith(year.prefix)
    );
  });
  const payeeYearTotalFen = sum(thisYear) + (report.reward?.amountFen ?? 0);
  const overYearlyCap = payeeYearTotalFen > controlsOf(report.reward?.policy, now).payeeYearlyCapFen;
  const flags: ClaimFlag[] = [
    ...(exclusionHit ? (['exclusion-register'] as const) : []),
    ...(samePayee.length ? (['same-payee'] as const) : []),
    ...(sameAccount.length ? (['same-account'] as const) : []),
    ...(overYearlyCap ? (['over-yearly-cap'] as const) : []),
  ];
  return {
    payeeIndex,
    accountIndex,
    exclusionHit,
    samePayeeRewards: samePayee.length,
    samePayeeTotalFen: sum(samePayee),
    sameAccountRewards: sameAccount.length,
    sameAccountTotalFen: sum(sameAccount),
    payeeYearTotalFen,
    overYearlyCap,
    flags,
  };
}
