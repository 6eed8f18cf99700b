// A reporter's identity, opened for the staff member whose reveal request a custodian
// approved, while the approval lasts. The reveal is a workflow step (audited, told to
// the reporter unless the law forbids); a refused attempt — out of area, unknown,
// anonymous, not approved, expired, someone else's approval — is audited too, so
// probing for identities leaves a trace.
import type { Actor } from '../access';
import { areaScope } from '../access/areaScope';
import { auditRead } from '../audit/auditRead';
import { AppError, fail } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { openReportData } from '../protection/dataKeys';
import { applyTransition, workflowRecordOf } from './pipeline';
import { Report } from './report.model';

export interface RevealedIdentity {
  name: string;
  phone: string;
  email?: string;
}

const refusal = (actor: Actor, reference: string, refused: string) =>
  auditRead({
    actor,
    action: 'report.identity_refused',
    target: { type: 'report', id: reference },
    details: { refused },
  });

export async function identityRevealer(
  reference: string,
  actor: Actor,
  ctx: { box: SecretBox; publicBaseUrl: string; now?: Date },
): Promise<RevealedIdentity> {
  const report = await Report.findOne({ reference, ...areaScope(actor) }).lean();
  if (!report?.reporterSealed) {
    const refused = report ? 'anonymous' : (await Report.exists({ reference })) ? 'out-of-area' : 'not-found';
    await refusal(actor, reference, refused);
    if (refused === 'anonymous')
      throw fail('resource.not_found', [{ path: 'reference', code: 'anonymous', message: 'this report is anonymous' }]);
    throw fail('resource.not_found');
  }
  // Opened before the step is written, so a reveal is recorded only when it shows something.
  const identity = JSON.parse(
    await openReportData(ctx.box, reference, 'reporter-identity', report.reporterSealed),
  ) as RevealedIdentity;
  try {
    // Someone else's approval is theirs alone: "not you" rather than "not now".
    const record = workflowRecordOf(report, ctx.now);
    if (record.revealStage === 'approved' && record.revealRequestedById !== actor.id)
      throw fail('auth.forbidden', [], { reason: 'not-requester' });
    await applyTransition(report, 'reveal-identity', {}, actor, ctx);
  } catch (e) {
    if (e instanceof AppError) {
      const reason = (e.extra as { reason?: string } | undefined)?.reason;
      await refusal(actor, reference, reason ?? e.code);
    }
    throw e;
  }
  return { name: identity.name, phone: identity.phone, ...(identity.email ? { email: identity.email } : {}) };
}
