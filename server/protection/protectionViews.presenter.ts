// Reporter protection as each side sees it (shared/schemas/protectionViews.ts).
// Staff: only protection staff get any field at all. The reporter: the open
// check-in and their own cases by body and outcome, never who handled them.
import type { z } from 'zod';
import {
  protectionPolicy,
  type ProtectionCaseSource,
  type ProtectionOutcome,
  type ReferralBody,
} from '../../shared/protection/policy';
import type { reporterProtectionView, staffProtectionFields } from '../../shared/schemas/protectionViews';
import type { Actor } from '../access';
import type { ReportFields } from '../reports/report.model';
import { linkedCheckIn } from './protectionCaseAccount';

const DAY = 86_400_000;
const optIso = <K extends string>(key: K, d: Date | null | undefined) =>
  (d ? { [key]: d.toISOString() } : {}) as Partial<Record<K, string>>;
const optStr = <K extends string>(key: K, s: string | null | undefined) =>
  (s ? { [key]: s } : {}) as Partial<Record<K, string>>;

type StaffProtection = {
  [K in keyof typeof staffProtectionFields]?: z.infer<(typeof staffProtectionFields)[K]>;
};

export function protectionForStaff(r: ReportFields, actor: Actor, now = new Date()): StaffProtection {
  if (actor.role !== 'protection') return {};
  const p = r.protection;
  const unansweredSince = now.getTime() - protectionPolicy.checkInAnswerDays * DAY;
  return {
    protectionCases: (p?.cases ?? []).map((c) => ({
      caseNo: c.caseNo,
      source: c.source as ProtectionCaseSource,
      kinds: c.kinds,
      openedAt: c.openedAt.toISOString(),
      ...optStr('openedById', c.openedById),
      firstActionDueAt: c.firstActionDueAt.toISOString(),
      decisionDueAt: c.decisionDueAt.toISOString(),
      firstActionOverdue: !c.closedAt && !c.referrals.length && c.firstActionDueAt < now,
      decisionOverdue: !c.closedAt && c.decisionDueAt < now,
      hasAccount:
        !!c.accountSealed ||
        !!linkedCheckIn(r, c) ||
        c.referrals.some((f) => f.note || f.noteSealed) ||
        !!(c.outcomeNote || c.outcomeNoteSealed),
      // The officers' notes are read with the account (audited), never in the view.
      referrals: c.referrals.map((f) => ({
        body: f.body ?? '',
        at: (f.at ?? c.openedAt).toISOString(),
        ...optStr('byId', f.byId),
      })),
      ...optStr('outcome', c.outcome),
      ...optIso('closedAt', c.closedAt),
      ...optStr('closedById', c.closedById),
    })),
    checkIns: (p?.checkIns ?? [])
      .filter((c) => c.sentAt)
      .map((c) => ({
        round: c.round ?? 0,
        sentAt: c.sentAt!.toISOString(),
        ...optIso('answeredAt', c.answeredAt),
        ...(typeof c.harm === 'boolean' ? { harm: c.harm } : {}),
        hasAnswer: !!c.answerSealed,
        unansweredOverdue: !c.answeredAt && c.sentAt!.getTime() < unansweredSince,
      })),
  };
}

/** A case is "referred" from its first referral until it is closed. */
const caseStatus = (c: { closedAt?: Date | null; referrals: unknown[] }) =>
  c.closedAt ? ('closed' as const) : c.referrals.length ? ('referred' as const) : ('open' as const);

/** `decoyCases`: a decoy session sees no check-in and only the cases it opened itself. */
export function protectionForReporter(
  r: ReportFields,
  decoyCases?: Set<string>,
): { protection?: z.infer<typeof reporterProtectionView> } {
  const p = r.protection;
  const open = decoyCases ? undefined : p?.checkIns?.filter((c) => c.sentAt && !c.answeredAt).at(-1);
  const cases = (p?.cases ?? []).filter((c) => !decoyCases || decoyCases.has(c.caseNo));
  if (!open && !cases.length) return {};
  return {
    protection: {
      ...(open ? { checkIn: { round: open.round ?? 0, sentAt: open.sentAt!.toISOString() } } : {}),
      cases: cases.map((c) => ({
        caseNo: c.caseNo,
        openedAt: c.openedAt.toISOString(),
        status: caseStatus(c),
        referredTo: [...new Set(c.referrals.map((f) => f.body as ReferralBody))],
        ...(c.outcome ? { outcome: c.outcome as ProtectionOutcome } : {}),
        ...optIso('closedAt', c.closedAt),
      })),
    },
  };
}
