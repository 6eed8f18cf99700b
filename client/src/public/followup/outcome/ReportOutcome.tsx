// What came of the report, in the order it happens: a transfer, the result
// letters, an objection and its review, and the rectification of the hazard.
import type { FollowupReport } from '../followupApi';
import { Objections } from './Objections';
import './outcome.css';
import { Rectifications } from './Rectifications';
import { ResultLetters } from './ResultLetters';
import type { StillThereSend } from './StillTherePanel';
import { TransferCard } from './TransferCard';

export interface OutcomeActions {
  /** Each of these replaces the report with the server's answer; each throws what the server said. */
  object(reason: string): Promise<void>;
  stillThere: StillThereSend;
  /** `n` counts the letters from 1. */
  letterPdf(n: number): Promise<Blob>;
}

export function ReportOutcome({ report, actions }: { report: FollowupReport; actions: OutcomeActions }) {
  return (
    <>
      <TransferCard report={report} />
      <ResultLetters report={report} onFetchPdf={actions.letterPdf} />
      <Objections report={report} onObject={actions.object} />
      <Rectifications report={report} onStillThere={actions.stillThere} />
    </>
  );
}
