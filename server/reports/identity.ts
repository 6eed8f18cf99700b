// A reporter's identity, opened for a permitted role in the report's area with
// the reason recorded in the audit log.
import { appendAudit } from '../audit/auditLog';
import { auditRead } from '../audit/auditRead';
import { areaScope } from '../access/areaScope';
import type { Actor } from '../access';
import { inTransaction } from '../platform/db';
import { fail } from '../platform/errors';
import type { SecretBox } from '../platform/secretBox';
import { Report } from './report.model';

/**
 * Reporter identity for a permitted role in the report's area, with the reason
 * recorded in the audit log. A refused attempt (out of area, unknown, anonymous)
 * is recorded too, so probing for identities leaves a trace.
 */
export async function identityRevealer(reference: string, reason: string, actor: Actor, box: SecretBox) {
  const report = await Report.findOne({ reference, ...areaScope(actor) }, { reporterSealed: 1, anonymous: 1 }).lean();
  if (!report?.reporterSealed) {
    const refused = report ? 'anonymous' : (await Report.exists({ reference })) ? 'out-of-area' : 'not-found';
    await auditRead({
      actor,
      action: 'report.identity_refused',
      target: { type: 'report', id: reference },
      details: { refused },
    });
    if (refused === 'anonymous')
      throw fail('resource.not_found', [{ path: 'reference', code: 'anonymous', message: 'this report is anonymous' }]);
    throw fail('resource.not_found');
  }
  const identity = await inTransaction(async (session) => {
    await appendAudit(
      { actor, action: 'report.identity_revealed', target: { type: 'report', id: reference }, details: { reason } },
      session,
    );
    return JSON.parse(box.open(report.reporterSealed!)) as { name: string; phone: string; email?: string };
  });
  return identity;
}
