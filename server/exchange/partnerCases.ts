// A partner's own cases, found by the id it gave them.
import { Report, type ReportFields } from '../reports/report.model';

export async function partnerCase(partnerCode: string, externalId: string): Promise<ReportFields | null> {
  return Report.findOne({ 'exchange.partnerCode': partnerCode, 'exchange.externalId': externalId }).lean();
}
