// The insider track and coercion-resistant withdrawal: the protection assessment, the
// bureau's decision to continue after a withdrawal, and the duress signal.
import type { ActionPayloads } from '../../shared/schemas/workflow';
import { inGroup } from '../../shared/workflow';
import { staffOf, type Change, type ChangeFor, type ChangesFor } from '../reports/change';
import type { ReportFields } from '../reports/report.model';
import { assessmentSet } from './assessment';
import { newProtectionCase } from './protectionCases';
import { mailsToProtectionStaff } from './protectionChanges';
import { continuationMails, withdrawalMails } from './staffNotices';

/**
 * The reporter withdrew. Before acceptance the report ends; after it their part and their
 * reward end but the case goes on as it was, with its verifier, until a reviewer decides
 * whether the bureau continues of its own motion (依职权) — a withdrawal forced on the
 * reporter cannot kill a case.
 */
export const withdrawnChange: ChangeFor<'withdrawn'> = async (r, p, _a, { now }) => {
  if (inGroup('notAccepted', r.status))
    return {
      to: 'withdrawn',
      note: p.reason,
      set: { reporterWithdrawal: { at: now, decidedAt: now, outcome: 'end' } },
    };
  return {
    to: r.status as Change['to'],
    note: p.reason,
    set: { reporterWithdrawal: { at: now } },
    staffMails: await withdrawalMails(r),
    auditDetails: { afterAcceptance: true },
  };
};

/**
 * A duress signal is recorded where only protection staff read it, and opens a protection case
 * unless one is open; nothing any other staff member sees changes (the officer protects the case
 * with an ordinary assessment if they judge so). A decoy's retaliation report opened its own case
 * and mailed staff already: its signal only records which case that was.
 */
async function duressChange(
  r: ReportFields,
  p: ActionPayloads['duress-signal'],
  box: Parameters<ChangeFor<'duress-signal'>>[3]['box'],
  now: Date,
): Promise<Change> {
  const openCase = p.context === 'retaliation' || r.protection?.cases?.some((c) => !c.closedAt);
  const newCase = openCase ? null : await newProtectionCase(r, { source: 'duress', kinds: [] }, box, now);
  return {
    pushes: {
      'protection.duressSignals': { at: now, context: p.context, ...(p.caseNo ? { caseNo: p.caseNo } : {}) },
      ...(newCase ? { 'protection.cases': newCase } : {}),
    },
    staffMails: p.context === 'retaliation' ? [] : await mailsToProtectionStaff(r.area),
    auditDetails: { context: p.context, ...(newCase ? { caseNo: newCase.caseNo } : {}) },
  };
}

export const withdrawalChanges: ChangesFor<'assess-protection' | 'decide-continuation' | 'duress-signal'> = {
  'assess-protection': (r, p, actor, { now }) => assessmentSet(r, p, staffOf(actor)?.id, now),
  'decide-continuation': async (r, p, actor, { now }) => ({
    ...(p.outcome === 'end' ? { to: 'withdrawn' as const } : {}),
    internalNote: p.reason,
    set: {
      'reporterWithdrawal.decidedById': staffOf(actor)?.id,
      'reporterWithdrawal.decidedAt': now,
      'reporterWithdrawal.outcome': p.outcome,
      'reporterWithdrawal.decisionReason': p.reason,
    },
    staffMails: await continuationMails(r, p.outcome),
    auditDetails: { outcome: p.outcome },
  }),
  'duress-signal': (r, p, _a, { now, box }) => duressChange(r, p, box, now),
};
