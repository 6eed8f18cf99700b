// The reporter's own report as follow-up answers it, with the name of the
// department a transferred report went to (the reporter is told where it is).
import type { z } from 'zod';
import type { followupReportResponse } from '../../shared/schemas/report';
import { Unit } from '../catalog/unit.model';
import { presentReportForReporter } from './reportForReporter.presenter';
import { reporterOwnReport } from './reportReads';
import { decoyView, frozenWithdrawnView } from '../protection/withdrawnViews';

/**
 * `decoy`: the session was opened with the duress key. A report the reporter withdrew is
 * frozen at the withdrawal, whatever the bureau decided after it.
 */
export async function reporterView(
  reference: string,
  opts: { decoy?: boolean } = {},
): Promise<z.infer<typeof followupReportResponse>> {
  const report = await reporterOwnReport(reference);
  if (opts.decoy) return decoyView(report);
  if (report.reporterWithdrawal?.at) return frozenWithdrawnView(report);
  const unitCode = report.transferredTo?.unitCode;
  const unit = unitCode ? await Unit.findOne({ code: unitCode }, { name: 1 }).lean() : null;
  // Written "中文 / English", as the system writes its other bilingual lines; the page shows the reader's half.
  return {
    ...presentReportForReporter(report, unit ? `${unit.name.zh} / ${unit.name.en}` : undefined),
    // Offered while the report is open to them; a withdrawn view never mentions it.
    ...(report.status === 'withdrawn' ? {} : { duressKeySet: !!report.duressKeyHash }),
  };
}
