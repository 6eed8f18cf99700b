// Check-ins (回访) and protection cases: retaliation reported, referred and closed.
// What the reporter wrote about harm is sealed under the report's protection-details
// key; audit entries and staff mails carry case numbers and kinds, never the words.
import {
  protectionOutcomeNames,
  referralBodyNames,
  type ProtectionOutcome,
  type ReferralBody,
} from '../../shared/protection/policy';
import { fail } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { staffOf, type Change, type ChangesFor } from '../reports/change';
import { staffEmails } from '../reports/deadlineStep';
import type { ReportFields } from '../reports/report.model';
import { sealReportData } from './dataKeys';
import { newProtectionCase } from './protectionCases';

/** The question every check-in asks, in both languages (the reporter's page shows their half). */
export const checkInQuestion =
  '回访：自您举报以来，是否因举报受到任何不利对待（如辞退、降薪、威胁、调岗等）？请在本页答复。' +
  ' / Check-in: since you reported, have you suffered any detriment because of it (dismissal, pay cut, threats, transfer…)? Please answer on this page.';

/**
 * Protection staff are told something is waiting, and nothing more: a gateway or lock
 * screen reading the mail learns neither the report nor what happened.
 */
export const protectionMailSubject = '【啄木鸟】待办事项提醒 / Woodpecker: an item awaits you';
const protectionMailText =
  '您所负责的区域有一项新的待办事项。请登录啄木鸟控制台，在“保护事项”队列中查看。\n\n' +
  'There is a new item in your areas. Please sign in to the Woodpecker console and open the protection queue.\n';

export async function mailsToProtectionStaff(area: string): Promise<NonNullable<Change['staffMails']>> {
  const to = await staffEmails(['protection'], area);
  return to.map((address) => ({ to: address, subject: protectionMailSubject, text: protectionMailText }));
}

/** The case a refer or close names: unknown or already closed is the caller's mistake (400). */
function openCaseIndex(r: ReportFields, caseNo: string): number {
  const i = r.protection?.cases?.findIndex((c) => c.caseNo === caseNo) ?? -1;
  if (i < 0) throw fail('request.invalid', [{ path: 'body.caseNo', code: 'unknown', message: `no case ${caseNo}` }]);
  if (r.protection!.cases![i].closedAt)
    throw fail('request.invalid', [{ path: 'body.caseNo', code: 'closed', message: `case ${caseNo} is closed` }]);
  return i;
}

/** A case opened by the reporter's own words: pushed, staff mailed, the step told only its number. */
async function reporterCase(
  r: ReportFields,
  source: 'reporter' | 'check-in',
  kinds: string[],
  account: string,
  box: SecretBox,
  now: Date,
): Promise<Pick<Change, 'pushes' | 'staffMails' | 'auditDetails'> & { caseNo: string }> {
  // A check-in's answer is the case's account already (sealed once, on the check-in): not copied.
  const entry = await newProtectionCase(r, { source, kinds, ...(source === 'reporter' ? { account } : {}) }, box, now);
  return {
    caseNo: entry.caseNo,
    pushes: { 'protection.cases': entry },
    staffMails: await mailsToProtectionStaff(r.area),
    auditDetails: { caseNo: entry.caseNo, source, kinds },
  };
}

export const protectionChanges: ChangesFor<
  | 'open-protection-case'
  | 'refer-protection-case'
  | 'close-protection-case'
  | 'check-in-sent'
  | 'check-in-answered'
  | 'retaliation-reported'
> = {
  'open-protection-case': async (r, p, actor, { now, box }) => {
    const entry = await newProtectionCase(
      r,
      { source: 'staff', kinds: p.kinds, account: p.account, openedById: staffOf(actor)?.id },
      box,
      now,
    );
    return {
      pushes: { 'protection.cases': entry },
      auditDetails: { caseNo: entry.caseNo, source: 'staff', kinds: p.kinds },
    };
  },

  // The reporter is told where it went by the body's name; the officer's note stays with the case.
  'refer-protection-case': (r, p, actor, { now }) => {
    const i = openCaseIndex(r, p.caseNo);
    const name = referralBodyNames[p.body as ReferralBody];
    return {
      pushes: {
        [`protection.cases.${i}.referrals`]: { body: p.body, note: p.note, at: now, byId: staffOf(actor)?.id },
      },
      note: `保护事项 ${p.caseNo} 已转请${name.zh}处理 / Protection case ${p.caseNo} referred to: ${name.en}`,
      auditDetails: { caseNo: p.caseNo, body: p.body },
    };
  },

  'close-protection-case': (r, p, actor, { now }) => {
    const i = openCaseIndex(r, p.caseNo);
    const name = protectionOutcomeNames[p.outcome as ProtectionOutcome];
    const at = `protection.cases.${i}`;
    return {
      set: {
        [`${at}.outcome`]: p.outcome,
        [`${at}.outcomeNote`]: p.note,
        [`${at}.closedAt`]: now,
        [`${at}.closedById`]: staffOf(actor)?.id,
      },
      note: `保护事项 ${p.caseNo} 已办结：${name.zh} / Protection case ${p.caseNo} closed: ${name.en}`,
      auditDetails: { caseNo: p.caseNo, outcome: p.outcome },
    };
  },

  // Once per round: the job offers the latest round due, and a round already sent is not sent again.
  'check-in-sent': (r, p, _actor, { now }) => {
    const sent = r.protection?.checkIns ?? [];
    if (sent.some((c) => (c.round ?? 0) >= p.round)) throw fail('resource.stale');
    return {
      pushes: { 'protection.checkIns': { round: p.round, sentAt: now } },
      note: checkInQuestion,
      notifyReporter: true,
      auditDetails: { round: p.round },
    };
  },

  // One answer covers every check-in still open: it speaks of the whole time since reporting.
  'check-in-answered': async (r, p, _actor, { now, box }) => {
    const checkIns = r.protection?.checkIns ?? [];
    const open = checkIns.flatMap((c, i) => (c.sentAt && !c.answeredAt ? [i] : []));
    const latest = open.at(-1)!;
    const set: Record<string, unknown> = {};
    for (const i of open) {
      set[`protection.checkIns.${i}.answeredAt`] = now;
      set[`protection.checkIns.${i}.harm`] = p.harm;
    }
    if (p.body)
      set[`protection.checkIns.${latest}.answerSealed`] = await sealReportData(
        box,
        r.reference,
        'protection-details',
        p.body,
      );
    const rounds = open.map((i) => checkIns[i].round);
    if (!p.harm || !p.body) return { set, auditDetails: { rounds, harm: p.harm } };
    const opened = await reporterCase(r, 'check-in', p.kinds?.length ? p.kinds : ['other'], p.body, box, now);
    return {
      set,
      pushes: opened.pushes,
      staffMails: opened.staffMails,
      note: `已登记为保护事项 ${opened.caseNo} / Registered as protection case ${opened.caseNo}`,
      auditDetails: { rounds, harm: true, ...opened.auditDetails },
    };
  },

  // Open in any state, also after a withdrawal: retaliation is what follows a coerced one.
  'retaliation-reported': async (r, p, _actor, { now, box }) => {
    const opened = await reporterCase(r, 'reporter', p.kinds, p.body, box, now);
    return {
      pushes: opened.pushes,
      staffMails: opened.staffMails,
      note: `已登记为保护事项 ${opened.caseNo} / Registered as protection case ${opened.caseNo}`,
      auditDetails: opened.auditDetails,
    };
  },
};
