// What a decoy session (opened with the duress key) is answered: exactly what a withdrawn
// report's holder would get. Its withdrawal is accepted (204) and recorded only as a second
// duress signal; every other step is refused the way a withdrawn report refuses it.
import type { ErrorCode } from '../../shared/errors';
import type { SecretBox } from '../platform/secretBox';
import { transition } from '../reports/pipeline';

/**
 * The refusal a withdrawn report gives on each follow-up endpoint (the pipeline's answer
 * for a step not open, or the missing document). Endpoints not listed refuse as closed.
 */
const withdrawnAnswers: Record<string, ErrorCode> = {
  '/api/v1/followup/messages': 'report.closed',
  '/api/v1/followup/evidence': 'report.closed',
  '/api/v1/followup/claim': 'reward.not_claimable',
  '/api/v1/followup/appeal': 'reward.not_appealable',
  '/api/v1/followup/objection': 'report.not_objectable',
  '/api/v1/followup/still-there': 'report.not_objectable',
  '/api/v1/followup/result-letters/:n/pdf': 'resource.not_found',
  '/api/v1/followup/reward-notice.pdf': 'resource.not_found',
};

export const decoyRefusal = (path: string): ErrorCode => withdrawnAnswers[path] ?? 'report.closed';

/** The withdrawal the duress key's holder was made to make: a second signal, nothing else changes. */
export async function decoyWithdrawal(
  reference: string,
  ctx: { box: SecretBox; publicBaseUrl: string },
  now = new Date(),
): Promise<void> {
  await transition(reference, 'duress-signal', { context: 'withdrawal' }, { kind: 'reporter' }, { ...ctx, now });
}
