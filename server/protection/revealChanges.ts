// Dual-control identity reveals: a request with a reason, a custodian's time-limited
// approval or refusal, and the reveal itself. The table's guards say who may take each
// step (shared/workflow.ts); these functions say what it records. Audit entries carry
// ids, roles and the reason, never the identity.
import { noteOf } from '../../shared/notes';
import { protectionPolicy } from '../../shared/protection/policy';
import { staffOf, type ChangesFor, type StepActor } from '../reports/change';
import type { ReportFields } from '../reports/report.model';

const HOUR = 60 * 60_000;

/** The request under way: the table's guards have checked there is one. */
function latest(r: ReportFields) {
  const i = (r.identityReveals?.length ?? 0) - 1;
  return { i, reveal: r.identityReveals![i], at: `identityReveals.${i}` };
}

const idOf = (actor: StepActor) => staffOf(actor)!.id;

/** What the reporter is told: to which role, never to whom. */
export const disclosureNote = (role: string) => noteOf('identity.disclosed', { role });

export const revealChanges: ChangesFor<
  'request-identity-reveal' | 'approve-identity-reveal' | 'refuse-identity-reveal' | 'reveal-identity'
> = {
  'request-identity-reveal': (_r, p, actor, { now }) => {
    const staff = staffOf(actor)!;
    const request = {
      requestedById: staff.id,
      requestedByRole: staff.role,
      requestedAt: now,
      reason: p.reason,
      withholdNotice: p.withholdNotice,
      ...(p.withholdNotice ? { legalGround: p.legalGround } : {}),
      revealedAt: [],
    };
    return {
      pushes: { identityReveals: request },
      note: p.reason,
      auditDetails: {
        requestedById: staff.id,
        requestedByRole: staff.role,
        reason: p.reason,
        withholdNotice: p.withholdNotice,
        ...(p.withholdNotice ? { legalGround: p.legalGround } : {}),
      },
    };
  },

  'approve-identity-reveal': (r, p, actor, { now }) => {
    const { reveal, at } = latest(r);
    const expiresAt = new Date(now.getTime() + protectionPolicy.revealApprovalHours * HOUR);
    return {
      set: {
        [`${at}.approvedById`]: idOf(actor),
        [`${at}.approvedAt`]: now,
        [`${at}.expiresAt`]: expiresAt,
        ...(p.comment ? { [`${at}.approvalComment`]: p.comment } : {}),
      },
      ...(p.comment ? { note: p.comment } : {}),
      auditDetails: {
        requestedById: reveal.requestedById,
        requestedByRole: reveal.requestedByRole,
        approvedById: idOf(actor),
        approvedByRole: staffOf(actor)!.role,
        expiresAt: expiresAt.toISOString(),
      },
    };
  },

  'refuse-identity-reveal': (r, p, actor, { now }) => {
    const { reveal, at } = latest(r);
    return {
      set: { [`${at}.refusedById`]: idOf(actor), [`${at}.refusedAt`]: now, [`${at}.refusalReason`]: p.reason },
      note: p.reason,
      auditDetails: {
        requestedById: reveal.requestedById,
        requestedByRole: reveal.requestedByRole,
        refusedById: idOf(actor),
        refusedByRole: staffOf(actor)!.role,
        reason: p.reason,
      },
    };
  },

  // The first reveal under an approval is told to the reporter (unless withheld on a legal
  // ground); later ones within the same approval are internal, so the reporter hears once.
  'reveal-identity': (r, _p, actor, { now }) => {
    const { reveal, at } = latest(r);
    const told = !reveal.withholdNotice && !reveal.revealedAt?.length;
    return {
      set: { [`${at}.revealedAt`]: [...(reveal.revealedAt ?? []), now] },
      public: told,
      notifyReporter: told,
      ...(told ? { note: disclosureNote(reveal.requestedByRole) } : {}),
      auditDetails: {
        requestedById: reveal.requestedById,
        requestedByRole: reveal.requestedByRole,
        approvedById: reveal.approvedById,
        revealedById: idOf(actor),
        reason: reveal.reason,
        reporterTold: told,
      },
    };
  },
};
