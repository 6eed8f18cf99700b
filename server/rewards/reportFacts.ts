// The facts of a report the reward calculator needs besides the findings: which
// days may select the policy, whether the reporter gave their name, and the
// category (coal mines are outside the city scheme). Employment is not among
// them: it is the verifier's finding, recorded with its proof.
import type { ReportFacts } from '../../shared/rewards';
import type { ReportFields } from '../reports/report.model';

export function reportFactsOf(r: ReportFields, now: Date): ReportFacts {
  // The first acceptance: a reopened case keeps the day it was first taken on.
  const accepted = r.timeline?.find((e) => e.type === 'accept')?.at;
  return {
    receivedAt: r.receivedAt ?? r.submittedAt,
    ...(accepted ? { acceptedAt: accepted } : {}),
    decidedAt: now,
    realName: !r.anonymous,
    category: r.category,
  };
}
