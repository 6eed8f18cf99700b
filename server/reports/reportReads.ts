// Reading reports for the routes: a reporter's own report. (One report in a staff
// member's areas is the pipeline's loadReport; a queue page is caseWork's reportQueue.)
import { fail } from '../platform/errors';
import { Report } from './report.model';

/** The report a follow-up session belongs to; gone means the session is no longer good. */
export async function reporterOwnReport(reference: string) {
  const report = await Report.findOne({ reference }).lean();
  if (!report) throw fail('followup.session_expired');
  return report;
}
