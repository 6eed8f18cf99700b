// What the reporter's own steps change: a message, more evidence, withdrawal.
// An answer while screening waits on the reporter resumes screening by itself:
// the pause comes off the acceptance clock, and staff see the step.
import { noteOf } from '../../shared/notes';
import { workflowActions } from '../../shared/workflow';
import { withdrawnChange } from '../protection/withdrawalChanges';
import { resumedClock } from './acceptanceClock';
import type { Change, ChangesFor } from './change';
import type { ReportFields } from './report.model';

function resumedOnReply(r: ReportFields, now: Date): Partial<Change> {
  if (r.status !== 'awaiting-information') return {};
  return {
    to: 'screening',
    set: resumedClock(r, now),
    alsoRecord: [
      {
        type: 'resume-screening',
        public: workflowActions['resume-screening'].public,
        note: noteOf('screening.resumed'),
        auditDetails: { cause: 'reporter-reply' },
      },
    ],
  };
}

export const reporterChanges: ChangesFor<'reporter-message' | 'reporter-evidence' | 'withdrawn'> = {
  'reporter-message': (r, p, _a, { now }) => ({
    ...resumedOnReply(r, now),
    message: { from: 'reporter', body: p.body },
  }),
  'reporter-evidence': (r, p, _a, { now }) => {
    return { ...resumedOnReply(r, now), evidence: p.evidence, auditDetails: { files: p.evidence.length } };
  },
  withdrawn: withdrawnChange,
};
