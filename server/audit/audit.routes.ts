import { Router } from 'express';
import { contract } from '../../shared/contract';
import { sealAuditEntries } from './sealer';
import { sealAndVerify } from './verifyChain';
import { defineRoute } from '../platform/http/defineRoute';
import { sealedEntriesPage } from './auditRead';

export function auditRoutes(checkpointFile: string): Router {
  const router = Router();

  defineRoute(router, contract.audit.list, { access: 'audit.read' }, async ({ query }) => {
    // Sealed on demand, so the view shows the newest actions with their numbers; it lists sealed entries only.
    await sealAuditEntries();
    const { before, limit, ...filter } = query;
    const { items, total } = await sealedEntriesPage(before, limit, filter);
    return {
      items: items.map((e) => ({
        seq: e.seq as number, // the filter lists sealed entries only, which all have their number
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

  defineRoute(router, contract.audit.verify, { access: 'audit.verify' }, async () => sealAndVerify(checkpointFile));

  return router;
}
