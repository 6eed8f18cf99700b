// The protection part of the staff view: everyone on the case sees whether it is an insider's
// and protected (with the cover note); only protection staff see duress signals.
import type { z } from 'zod';
import type { duressSignalView, staffProtectionView, staffWithdrawalView } from '../../shared/schemas/insiderViews';
import type { Actor } from '../access';
import type { ReportFields } from '../reports/report.model';

export function insiderForStaff(
  r: ReportFields,
  actor: Actor,
): {
  protection: z.infer<typeof staffProtectionView>;
  withdrawal?: z.infer<typeof staffWithdrawalView>;
  duressSignals?: z.infer<typeof duressSignalView>[];
} {
  const p = r.protection;
  const a = p?.assessment;
  const w = r.reporterWithdrawal;
  const signals = actor.role === 'protection' ? (p?.duressSignals ?? []) : [];
  return {
    protection: {
      insider: a?.insider ?? !!r.employeeOfSubject,
      ...(a?.risk ? { risk: a.risk as 'low' | 'medium' | 'high' } : {}),
      protected: !!p?.protected,
      ...(p?.protected && p.coverNote ? { coverNote: p.coverNote } : {}),
      ...(a?.at ? { assessedAt: a.at.toISOString() } : {}),
    },
    ...(w?.at
      ? {
          withdrawal: {
            at: w.at.toISOString(),
            decided: !!w.decidedAt,
            ...(w.outcome ? { outcome: w.outcome as 'continue' | 'end' } : {}),
          },
        }
      : {}),
    ...(signals.length
      ? {
          duressSignals: signals.map((s) => ({
            at: s.at!.toISOString(),
            context: s.context as 'sign-in' | 'withdrawal' | 'retaliation',
            ...(s.caseNo ? { caseNo: s.caseNo } : {}),
          })),
        }
      : {}),
  };
}

/**
 * Staff other than the assigned verifier confirm before opening the reporter's evidence of a
 * protected case (staff's own re-inspection photos point to nobody).
 */
export const evidenceNeedsAcknowledgement = (r: ReportFields, actor: Actor, item: { addedBy: string }): boolean =>
  !!r.protection?.protected && item.addedBy === 'reporter' && r.assignment?.verifierId !== actor.id;
