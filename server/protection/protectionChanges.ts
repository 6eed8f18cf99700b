// Check-ins (回访) and protection cases: retaliation reported, referred and closed.
// What the reporter wrote about harm is sealed under the report's protection-details
// key, and so are the officers' referral and outcome notes. Audit entries carry the case
// number (and a check-in's round), never kinds, harm, bodies, outcomes or words: admins read
// the audit log. Staff mails carry nothing at all.
import { noteOf } from '../../shared/notes';
import { shanghaiDateTime } from '../../shared/dates';
import { fail } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { staffOf, type Change, type ChangesFor } from '../reports/change';
import { staffEmails } from '../reports/staffRecipients';
import type { ReportFields } from '../reports/report.model';
import { sealReportData } from './dataKeys';
import { newProtectionCase, openOrDeleted } from './protectionCases';

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
    auditDetails: { caseNo: entry.caseNo },
  };
}

/** The case a reporter opened (themselves or by a check-in answer) that is still open, if any. */
function openReporterCaseIndex(r: ReportFields): number {
  return (r.protection?.cases ?? []).findIndex(
    (c) => !c.closedAt && (c.source === 'reporter' || c.source === 'check-in'),
  );
}

/**
 * A further retaliation report while the reporter's case is open adds to that case rather
 * than opening another (and mailing everyone again): kinds united, the account re-sealed
 * with the new words under a dated line.
 */
async function addToOpenCase(
  r: ReportFields,
  i: number,
  kinds: string[],
  body: string,
  box: SecretBox,
  now: Date,
): Promise<Change> {
  const c = r.protection!.cases![i];
  const before = c.accountSealed ? await openOrDeleted(box, r.reference, c.accountSealed) : undefined;
  const added = `—— ${shanghaiDateTime(now)} ——\n${body}`;
  const account = before ? `${before}\n\n${added}` : added;
  return {
    set: {
      [`protection.cases.${i}.kinds`]: [...new Set([...c.kinds, ...kinds])],
      [`protection.cases.${i}.accountSealed`]: await sealReportData(box, r.reference, 'protection-details', account),
    },
    note: noteOf('protection.added', { caseNo: c.caseNo }),
    auditDetails: { caseNo: c.caseNo },
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
      auditDetails: { caseNo: entry.caseNo },
    };
  },

  // The reporter is told where it went by the body's name; the officer's note is sealed with the case.
  'refer-protection-case': async (r, p, actor, { now, box }) => {
    const i = openCaseIndex(r, p.caseNo);
    const noteSealed = await sealReportData(box, r.reference, 'protection-details', p.note);
    return {
      pushes: {
        [`protection.cases.${i}.referrals`]: { body: p.body, noteSealed, at: now, byId: staffOf(actor)?.id },
      },
      note: noteOf('protection.referred', { caseNo: p.caseNo, body: p.body }),
      auditDetails: { caseNo: p.caseNo },
    };
  },

  'close-protection-case': async (r, p, actor, { now, box }) => {
    const i = openCaseIndex(r, p.caseNo);
    const at = `protection.cases.${i}`;
    return {
      set: {
        [`${at}.outcome`]: p.outcome,
        [`${at}.outcomeNoteSealed`]: await sealReportData(box, r.reference, 'protection-details', p.note),
        [`${at}.closedAt`]: now,
        [`${at}.closedById`]: staffOf(actor)?.id,
      },
      note: noteOf('protection.closed', { caseNo: p.caseNo, outcome: p.outcome }),
      auditDetails: { caseNo: p.caseNo },
    };
  },

  // Once per round: the job offers the latest round due, and a round already sent is not sent again.
  'check-in-sent': (r, p, _actor, { now }) => {
    const sent = r.protection?.checkIns ?? [];
    if (sent.some((c) => (c.round ?? 0) >= p.round)) throw fail('resource.stale');
    return {
      pushes: { 'protection.checkIns': { round: p.round, sentAt: now } },
      note: noteOf('protection.check-in'),
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
    // Words come only with harm: a "no harm" answer keeps none (they would be sealed for nobody).
    if (p.harm && p.body)
      set[`protection.checkIns.${latest}.answerSealed`] = await sealReportData(
        box,
        r.reference,
        'protection-details',
        p.body,
      );
    const rounds = open.map((i) => checkIns[i].round);
    if (!p.harm || !p.body) return { set, auditDetails: { rounds } };
    const opened = await reporterCase(r, 'check-in', p.kinds?.length ? p.kinds : ['other'], p.body, box, now);
    return {
      set,
      pushes: opened.pushes,
      staffMails: opened.staffMails,
      note: noteOf('protection.registered', { caseNo: opened.caseNo }),
      auditDetails: { rounds, ...opened.auditDetails },
    };
  },

  // Open in any state, also after a withdrawal: retaliation is what follows a coerced one.
  'retaliation-reported': async (r, p, _actor, { now, box }) => {
    const open = openReporterCaseIndex(r);
    if (open >= 0) return addToOpenCase(r, open, p.kinds, p.body, box, now);
    const opened = await reporterCase(r, 'reporter', p.kinds, p.body, box, now);
    return {
      pushes: opened.pushes,
      staffMails: opened.staffMails,
      note: noteOf('protection.registered', { caseNo: opened.caseNo }),
      auditDetails: opened.auditDetails,
    };
  },
};
