// What staff see of identity reveals and of the reporter across reports: who asked,
// why, at which stage, whether the reporter was told — and the reporter's pseudonym
// with the count of their other reports in this person's areas. Never the identity.
import crypto from 'node:crypto';
import { trusted } from 'mongoose';
import type { z } from 'zod';
import type { staffReportView } from '../../shared/schemas/workflow';
import type { Actor } from '../access';
import { areaScope } from '../access/areaScope';
import { Report, type ReportFields } from '../reports/report.model';

type View = z.infer<typeof staffReportView>;
type Reveal = NonNullable<ReportFields['identityReveals']>[number];

function revealStageOf(x: Reveal, now: Date): 'requested' | 'approved' | 'expired' | 'refused' {
  if (x.refusedAt) return 'refused';
  if (!x.approvedAt) return 'requested';
  return x.expiresAt && x.expiresAt > now ? 'approved' : 'expired';
}

export function identityRevealsForStaff(r: ReportFields, now = new Date()): Pick<View, 'identityReveals'> {
  if (!r.identityReveals?.length) return {};
  const iso = (key: string, d: Date | null | undefined) => (d ? { [key]: d.toISOString() } : {});
  return {
    identityReveals: r.identityReveals.map((x) => ({
      requestedById: x.requestedById,
      requestedByRole: x.requestedByRole,
      requestedAt: x.requestedAt.toISOString(),
      reason: x.reason,
      stage: revealStageOf(x, now),
      withholdNotice: !!x.withholdNotice,
      ...(x.legalGround ? { legalGround: x.legalGround } : {}),
      ...(x.approvedById ? { approvedById: x.approvedById } : {}),
      ...iso('approvedAt', x.approvedAt),
      ...(x.approvalComment ? { approvalComment: x.approvalComment } : {}),
      ...iso('expiresAt', x.expiresAt),
      ...(x.refusedById ? { refusedById: x.refusedById } : {}),
      ...iso('refusedAt', x.refusedAt),
      ...(x.refusalReason ? { refusalReason: x.refusalReason } : {}),
      revealedAt: ((x.revealedAt ?? []) as unknown as Date[]).map((d) => d.toISOString()),
      // The reporter hears of the first reveal under an approval, unless it was withheld.
      reporterTold: !x.withholdNotice && !!x.revealedAt?.length,
    })),
  };
}

/** Anonymous reports (and real-name ones not yet given a keyed pseudonym) keep a per-report one. */
const perReportPseudonym = (reference: string) =>
  `举报人-${crypto.createHash('sha256').update(reference).digest('hex').slice(0, 6).toUpperCase()}`;

/** The pseudonym staff see: the keyed one of a real-name reporter, else a per-report one. */
export const reporterPseudonymFor = (r: ReportFields) => r.reporterPseudonym ?? perReportPseudonym(r.reference);

/**
 * How many other reports of the same real-name reporter lie in this person's areas. Counted
 * when a case is opened, not in every action's answer (it would cost each step a query).
 */
export async function sameReporterReportsFor(
  r: ReportFields,
  actor: Actor,
): Promise<Pick<View, 'sameReporterReports'>> {
  if (!r.reporterPseudonym) return {};
  const others = await Report.countDocuments({
    reporterPseudonym: r.reporterPseudonym,
    reference: trusted({ $ne: r.reference }),
    ...areaScope(actor),
  });
  return { sameReporterReports: others };
}
