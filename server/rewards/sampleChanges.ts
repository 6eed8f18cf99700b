// The monthly random sample of rewarded cases, inspected again by a verifier who
// did not handle them (drawn by sampleJob.ts; the table's guard lets only the
// drawn verifier record the result).
import { noteOf } from '../../shared/notes';
import { fail } from '../platform/errors';
import type { ChangesFor } from '../reports/change';
import type { ReportFields } from '../reports/report.model';

type Correction = { proposedById?: string | null; approvedById?: string | null; recordedById?: string | null };

/** Everyone who had a hand in the case and its reward, its top-ups and recoveries: none of them may re-inspect it. */
export function handlersOf(r: ReportFields): Set<string> {
  const corrections: Correction[] = [...(r.reward?.topUps ?? []), ...(r.reward?.recoveries ?? [])];
  const ids = [
    r.assignment?.verifierId,
    r.findingsById,
    r.reward?.proposedById,
    r.reward?.reviewedById,
    r.reward?.approvedById,
    ...(r.conclusion?.involvedIds ?? []),
    ...corrections.flatMap((c) => [c.proposedById, c.approvedById, c.recordedById]),
  ];
  return new Set(ids.filter((id): id is string => !!id));
}

export const sampleChanges: ChangesFor<'sample-drawn' | 'record-sample-check'> = {
  'sample-drawn': (r, p, _actor, { now }) => {
    if (handlersOf(r).has(p.verifierId))
      throw fail('request.invalid', [
        { path: 'body.verifierId', code: 'invalid', message: 'this verifier handled the case' },
      ]);
    if (r.reward?.sampleCheck?.month === p.month) throw fail('resource.stale'); // drawn already this month
    return {
      set: { 'reward.sampleCheck': { month: p.month, drawnAt: now, verifierId: p.verifierId } },
      note: noteOf('sample.drawn', { month: p.month }),
      auditDetails: { month: p.month, verifierId: p.verifierId },
    };
  },
  'record-sample-check': (_r, p, _actor, { now }) => ({
    set: {
      'reward.sampleCheck.outcome': p.outcome,
      'reward.sampleCheck.note': p.note,
      'reward.sampleCheck.recordedAt': now,
    },
    note: p.outcome === 'confirmed' ? noteOf('sample.confirmed') : noteOf('sample.irregular', { note: p.note }),
    auditDetails: { outcome: p.outcome },
  }),
};
