import { Router } from 'express';
import { auditListQuery, auditListResponse, auditVerifyResponse } from '../../shared/schemas/common';
import { sealAuditEntries } from './sealer';
import { sealAndVerify } from './verifyChain';
import { defineRoute } from '../platform/http/defineRoute';
import { sealedEntriesPage } from './auditRead';

export function auditRoutes(checkpointFile: string): Router {
  const router = Router();

  defineRoute(router, { method: 'get', path: '/api/v1/audit', tag: 'audit', summary: 'Read the audit log, newest first', access: 'audit.read', query: auditListQuery, response: auditListResponse }, async ({ query }) => {
    // Sealed on demand, so the view shows the newest actions with their numbers; it lists sealed entries only.
    await sealAuditEntries();
    const { items, total } = await sealedEntriesPage(query.before, query.limit);
    return {
      items: items.map((e) => ({
        seq: e.seq,
        at: e.at.toISOString(),
        actor: e.actor ? { id: e.actor.id ?? '', username: e.actor.username ?? '', role: e.actor.role ?? '' } : null,
        action: e.action,
        target: e.target ? { type: e.target.type ?? '', id: e.target.id ?? '' } : null,
        details: (e.details ?? {}) as Record<string, unknown>,
        hash: e.link ?? '',
      })),
      total,
    };
  });

  defineRoute(router, { method: 'post', path: '/api/v1/audit/verify', tag: 'audit', summary: 'Seal pending entries, then check the keyed chain and the newest checkpoint', access: 'audit.verify', response: auditVerifyResponse }, async () => sealAndVerify(checkpointFile));

  return router;
}
