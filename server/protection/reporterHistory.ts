// A real-name reporter's reports, found by their keyed pseudonym, in the reader's
// areas only. The reader learns the person's history, never the person; how many
// protection cases each report has is for protection staff alone.
import type { z } from 'zod';
import type { reporterHistoryResponse } from '../../shared/schemas/reporterHistory';
import type { Actor } from '../access';
import { areaScope } from '../access/areaScope';
import { auditRead } from '../audit/auditRead';
import { Report, type ReportFields } from '../reports/report.model';

const MAX_ITEMS = 200;

export async function reporterHistory(
  pseudonym: string,
  actor: Actor,
): Promise<z.infer<typeof reporterHistoryResponse>> {
  const reports = await Report.find(
    { reporterPseudonym: pseudonym, ...areaScope(actor) },
    {
      reference: 1,
      status: 1,
      category: 1,
      area: 1,
      submittedAt: 1,
      'reward.payout': 1,
      'protection.cases.caseNo': 1,
    },
  )
    .sort({ submittedAt: -1 })
    .limit(MAX_ITEMS)
    .lean<ReportFields[]>();
  await auditRead({
    actor,
    action: 'reporter.history_read',
    // Audit entries are kept for ever, the pseudonym only as long as the identity: the entry
    // names the reports that were listed, never the pseudonym that linked them.
    target: { type: 'reporter-history', id: actor.id },
    details: { references: reports.map((r) => r.reference) },
  });
  const protection = actor.role === 'protection';
  return {
    pseudonym,
    items: reports.map((r) => ({
      reference: r.reference,
      status: r.status,
      category: r.category,
      area: r.area,
      submittedAt: r.submittedAt.toISOString(),
      ...(r.reward?.payout?.recordedAt ? { rewardPaidFen: r.reward.payout.amountFen ?? 0 } : {}),
      ...(protection ? { protectionCases: r.protection?.cases?.length ?? 0 } : {}),
    })),
  };
}
