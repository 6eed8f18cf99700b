// Reading reports for the routes: a reporter's own report, one report within a
// staff member's areas, and a page of the staff queue.
import { fail } from '../platform/errors';
import { areaScope } from '../access/areaScope';
import type { Actor } from '../access';
import { reportListFilter, type ReportListCriteria } from './caseWork';
import { Report } from './report.model';

/** The report a follow-up session belongs to; gone means the session is no longer good. */
export async function reporterOwnReport(reference: string) {
  const report = await Report.findOne({ reference }).lean();
  if (!report) throw fail('followup.session_expired');
  return report;
}

/** One report, if it lies in the staff member's areas; otherwise it does not exist for them. */
export async function reportInScope(reference: string, actor: Actor) {
  const report = await Report.findOne({ reference, ...areaScope(actor) }).lean();
  if (!report) throw fail('resource.not_found');
  return report;
}

/** One page of the staff queue and the number of reports in it. */
export async function reportQueuePage(query: ReportListCriteria, actor: Actor) {
  const { filter, sort } = reportListFilter(query, actor);
  const [items, total] = await Promise.all([
    Report.find(filter).sort(sort).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean(),
    Report.countDocuments(filter),
  ]);
  return { items, total };
}
