// What a decoy session (opened with the duress key) is answered: exactly what a withdrawn
// report's holder would get. Its withdrawal is refused as a withdrawn report refuses it and
// recorded as another duress signal; its retaliation report is taken as a real one; every
// other step is refused the way a withdrawn report refuses it.
import type { z } from 'zod';
import type { retaliationBody } from '../../shared/schemas/protection';
import type { ErrorCode } from '../../shared/errors';
import { fail } from '../platform/errors';
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
  // No check-in is open to a reporter who withdrew: the pipeline's answer for a step not open.
  '/api/v1/followup/check-in': 'resource.stale',
};

export const decoyRefusal = (path: string): ErrorCode => withdrawnAnswers[path] ?? 'report.closed';

interface MailContext {
  box: SecretBox;
  publicBaseUrl: string;
}

/**
 * The withdrawal the duress key's holder was made to make: another signal, nothing else
 * changes, and the answer a report already withdrawn gives.
 */
export async function decoyWithdrawal(reference: string, ctx: MailContext, now = new Date()): Promise<never> {
  await transition(reference, 'duress-signal', { context: 'withdrawal' }, { kind: 'reporter' }, { ...ctx, now });
  throw fail('report.closed');
}

/**
 * Retaliation reported from a decoy session: the holder asking for help, or the coercer
 * testing. Either way it is a real retaliation report of the report, which protection staff
 * see; the signal records its case so the decoy view shows that case and no other.
 */
export async function decoyRetaliation(
  reference: string,
  report: z.infer<typeof retaliationBody>,
  ctx: MailContext,
  now = new Date(),
): Promise<void> {
  const after = await transition(reference, 'retaliation-reported', report, { kind: 'reporter' }, { ...ctx, now });
  const caseNo = after.protection?.cases?.at(-1)?.caseNo;
  await transition(
    reference,
    'duress-signal',
    { context: 'retaliation', ...(caseNo ? { caseNo } : {}) },
    { kind: 'reporter' },
    { ...ctx, now },
  );
}
