import { Router } from 'express';
import { trusted } from 'mongoose';
import { auditListQuery, auditListResponse, auditVerifyResponse } from '../../shared/schemas/common';
import { verifyAuditChain } from '../audit/verifyChain';
import { defineRoute } from '../http/defineRoute';
import { AuditEntry } from '../models/AuditEntry';

export function auditRoutes(): Router {
  const router = Router();

  defineRoute(router, { method: 'get', path: '/api/v1/audit', tag: 'audit', summary: 'Read the audit log, newest first', access: 'audit.read', query: auditListQuery, response: auditListResponse }, async ({ query }) => {
    const filter = query.before ? { seq: trusted({ $lt: query.before }) } : {};
    const [items, total] = await Promise.all([AuditEntry.find(filter).sort({ seq: -1 }).limit(query.limit).lean(), AuditEntry.estimatedDocumentCount()]);
    return {
      items: items.map((e) => ({
        seq: e.seq,
        at: e.at.toISOString(),
        actor: e.actor ? { id: e.actor.id ?? '', username: e.actor.username ?? '', role: e.actor.role ?? '' } : null,
        action: e.action,
        target: e.target ? { type: e.target.type ?? '', id: e.target.id ?? '' } : null,
        details: (e.details ?? {}) as Record<string, unknown>,
        hash: e.hash,
      })),
      total,
    };
  });

  defineRoute(router, { method: 'post', path: '/api/v1/audit/verify', tag: 'audit', summary: 'Check the whole hash chain', access: 'audit.verify', response: auditVerifyResponse }, async () => verifyAuditChain());

  return router;
}
