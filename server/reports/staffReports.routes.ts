// Staff work on reports: the queue, one case, workflow actions, evidence files,
// and the audited reveal of a reporter's identity.
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { z } from 'zod';
import { receiptSchema } from '../../shared/schemas/report';
import { auditRead } from '../audit/auditRead';
import {
  actionParams,
  actionPayloads,
  assignableVerifiersResponse,
  bulkAcceptBody,
  bulkAcceptResponse,
  duplicateCandidatesResponse,
  enteredReportBody,
  referenceParams,
  reportListQuery,
  revealBody,
  revealResponse,
  staffMessageBody,
  staffReportList,
  staffReportView,
} from '../../shared/schemas/workflow';
import { moneyActions, type WorkflowActionName } from '../../shared/workflow';
import { assignableVerifiers, bulkAccepter, staffMessenger } from './caseWork';
import { identityRevealer, reportActor } from './reportActions';
import { reportSubmitter } from './intake/reportSubmitter';
import type { SecretBox } from '../platform/secretBox';
import { optionalIdempotencyKey } from '../platform/http/idempotencyKey';
import { actorCoversArea } from '../access/areaScope';
import { defineRoute, RESPONDED, validate } from '../platform/http/defineRoute';
import { fail } from '../platform/errors';
import { reportInScope, reportQueuePage } from './reportReads';
import { presentReportForStaff, presentReportSummary } from './reportForStaff.presenter';
import type { EvidenceStore } from '../platform/evidenceStore';
import { duplicateCandidates } from './duplicates';


const evidenceParams = referenceParams.extend({ fileId: z.string().regex(/^[0-9a-f]{32}$/, 'not a file id') });
/** Types a browser shows without running anything. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/quicktime', 'audio/mpeg', 'audio/mp4', 'audio/wav', 'audio/ogg']);

export function staffReportRoutes(deps: { box: SecretBox; store: EvidenceStore; publicBaseUrl: string }): Router {
  const router = Router();

  defineRoute(router, { method: 'get', path: '/api/v1/reports', tag: 'reports', summary: 'The report queue: role queues (new, mine, due-soon, overdue, awaiting-review), filters, paging; newest first or soonest deadline first', access: 'reports.list', query: reportListQuery, response: staffReportList }, async ({ query, actor }) => {
    const { items, total } = await reportQueuePage(query, actor);
    return { items: items.map(presentReportSummary), total };
  });

  defineRoute(router, { method: 'post', path: '/api/v1/reports/entered', tag: 'reports', summary: 'Enter a report taken by hotline, letter, fax or in person; the reporter gets the same receipt', access: 'reports.enter', body: enteredReportBody, response: receiptSchema, status: 201 }, async ({ body, actor }) => {
    const report = body.report;
    if (actorCoversArea(actor, report.area)) return reportSubmitter(report, [], undefined, deps, { enteredBy: { channel: body.channel, actor } });
    throw fail('auth.forbidden');
  });

  defineRoute(router, { method: 'get', path: '/api/v1/reports/:reference/duplicates', tag: 'reports', summary: 'Earlier or later reports that may be the same matter', access: 'reports.read', params: referenceParams, response: duplicateCandidatesResponse }, async ({ params, actor }) => ({
    items: await duplicateCandidates(await reportInScope(params.reference, actor)),
  }));

  defineRoute(router, { method: 'get', path: '/api/v1/reports/:reference', tag: 'reports', summary: 'One report as this staff member may see it, with allowedActions (each opening audited)', access: 'reports.read', params: referenceParams, response: staffReportView }, async ({ params, actor }) => {
    const report = await reportInScope(params.reference, actor);
    await auditRead({ actor, action: 'report.opened', target: { type: 'report', id: report.reference } });
    return presentReportForStaff(report, actor);
  });

  defineRoute(
    router,
    { method: 'post', path: '/api/v1/reports/:reference/actions/:action', tag: 'reports', summary: 'Take a workflow action (payload per action); 409 when the report changed or the action is not open', access: 'reports.act', params: actionParams, response: staffReportView },
    async ({ params, actor, req }) => {
      await reportInScope(params.reference, actor);
      const name = params.action as WorkflowActionName;
      const payload = validate(actionPayloads[name], req.body ?? {}, req.locale, 'body');
      const idempotencyKey = moneyActions.includes(name) ? optionalIdempotencyKey(req.get('idempotency-key')) : undefined;
      const updated = await reportActor(params.reference, name, payload, actor, { ...deps, idempotencyKey });
      return presentReportForStaff(updated!, actor);
    },
  );

  defineRoute(
    router,
    { method: 'post', path: '/api/v1/reports/:reference/messages', tag: 'reports', summary: 'Write to the reporter through follow-up (they get a content-free email); 409 when the report changed or is closed', access: 'reports.message', params: referenceParams, body: staffMessageBody, response: staffReportView },
    async ({ params, body, actor }) => presentReportForStaff(await staffMessenger(params.reference, body.body, actor, deps), actor),
  );

  defineRoute(
    router,
    { method: 'post', path: '/api/v1/reports/bulk-accept', tag: 'reports', summary: 'Accept and assign up to 100 reports, each through the accept action; the result per report', access: 'reports.bulkAccept', body: bulkAcceptBody, response: bulkAcceptResponse },
    async ({ body, actor }) => ({ results: await bulkAccepter(body, actor, deps) }),
  );

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/reports/:reference/assignable-verifiers', tag: 'reports', summary: "Active verifiers of the report's area, for accepting or reassigning it", access: 'reports.assign', params: referenceParams, response: assignableVerifiersResponse },
    async ({ params, actor }) => ({ items: await assignableVerifiers((await reportInScope(params.reference, actor)).area) }),
  );

  defineRoute(
    router,
    { method: 'post', path: '/api/v1/reports/:reference/identity', tag: 'reports', summary: "Reveal the reporter's identity (reason required; audited, and so is every refused attempt)", access: 'reports.revealIdentity', auditRefusal: 'report.identity_refused', params: referenceParams, body: revealBody, response: revealResponse },
    async ({ params, body, actor }) => identityRevealer(params.reference, body.reason, actor, deps.box),
  );

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/reports/:reference/evidence/:fileId', tag: 'reports', summary: 'An evidence file: photos, video and audio inline, anything else as an attachment (each download audited)', access: 'reports.read', params: evidenceParams },
    async ({ params, actor, res }) => {
      const report = await reportInScope(params.reference, actor);
      const item = report.evidence.find((e) => e.fileId === params.fileId);
      if (!item) throw fail('resource.not_found');
      await auditRead({ actor, action: 'report.evidence_downloaded', target: { type: 'report', id: report.reference }, details: { fileId: item.fileId } });
      const inline = INLINE_TYPES.has(item.mime);
      res.setHeader('Content-Type', item.mime);
      res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${params.reference}-${item.fileId.slice(0, 8)}.${item.mime.split('/')[1]}"`);
      res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
      res.setHeader('X-Evidence-SHA256', item.storedSha256);
      await pipeline(await deps.store.open(item.fileId), res);
      return RESPONDED;
    },
  );

  return router;
}
