// Staff work on reports: the queue, one case, workflow actions, evidence files,
// and the reveal of a reporter's identity a custodian approved.
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { auditRead } from '../audit/auditRead';
import { evidenceNeedsAcknowledgement } from '../protection/insiderViews.presenter';
import { actionPayloads, reinspectionPart, type ActionPayloads } from '../../shared/schemas/workflow';
import { receiveUpload, type UploadLimits } from '../platform/http/multipart';
import { discardUploads } from './intake/reportSubmitter';
import { recordReinspection } from './reinspection';
import { moneyActions, type CaseActionName } from '../../shared/workflow';
import { assignableVerifiers, bulkAccepter, reportQueue, staffMessenger } from './caseWork';
import { identityRevealer } from './identity';
import { applyTransition, loadReport } from './pipeline';
import { reportSubmitter } from './intake/reportSubmitter';
import type { SecretBox } from '../platform/secretBox';
import { optionalIdempotencyKey } from '../platform/http/idempotencyKey';
import { actorCoversArea } from '../access/areaScope';
import { defineRoute, RESPONDED, validate } from '../platform/http/defineRoute';
import { fail } from '../platform/errors';
import { presentReportForStaff, presentReportSummary } from './reportForStaff.presenter';
import { posterSitesByCode } from '../posters/posterSites';
import { sameReporterReportsFor } from '../protection/identityViews.presenter';
import type { EvidenceStore } from '../platform/evidenceStore';
import { duplicateCandidates } from './duplicates';
import { sendDownload } from '../platform/http/download';
import { renderResultLetter, resultLetterFilename } from './resultLetter';
import { shanghaiDayStart } from '../../shared/dates';
import { assertKnownArea } from '../jurisdiction/validate';

const parsedJson = (text: string | undefined): unknown => {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined; // reported by the schema as a missing part
  }
};

/** Types a browser shows without running anything. */
const INLINE_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'video/mp4',
  'video/quicktime',
  'audio/mpeg',
  'audio/mp4',
  'audio/wav',
  'audio/ogg',
]);

export function staffReportRoutes(deps: {
  box: SecretBox;
  store: EvidenceStore;
  publicBaseUrl: string;
  limits: UploadLimits;
}): Router {
  const router = Router();

  defineRoute(router, contract.reports.list, { access: 'reports.list' }, async ({ query, actor }) => {
    await assertKnownArea(query.area, 'query.area');
    const { items, total } = await reportQueue(query, actor);
    const posterSites = await posterSitesByCode(items.map((r) => r.posterCode));
    return { items: items.map((r) => presentReportSummary(r, posterSites)), total };
  });

  defineRoute(router, contract.reports.enter, { access: 'reports.enter' }, async ({ body, actor }) => {
    const report = body.report;
    if (actorCoversArea(actor, report.area))
      return reportSubmitter(report, [], undefined, deps, {
        enteredBy: { channel: body.channel, actor },
        receivedAt: body.receivedOn ? shanghaiDayStart(body.receivedOn) : undefined,
      });
    throw fail('auth.forbidden');
  });

  defineRoute(router, contract.reports.duplicates, { access: 'reports.read' }, async ({ params, actor }) => ({
    items: await duplicateCandidates(await loadReport(params.reference, actor)),
  }));

  defineRoute(router, contract.reports.get, { access: 'reports.read' }, async ({ params, actor }) => {
    const report = await loadReport(params.reference, actor);
    await auditRead({ actor, action: 'report.opened', target: { type: 'report', id: report.reference } });
    return { ...(await presentReportForStaff(report, actor)), ...(await sameReporterReportsFor(report, actor)) };
  });

  defineRoute(router, contract.reports.action, { access: 'reports.act' }, async ({ params, actor, req }) => {
    const report = await loadReport(params.reference, actor);
    const name = params.action as CaseActionName;
    const payload = validate(actionPayloads[name], req.body ?? {}, req.locale, 'body');
    const idempotencyKey = moneyActions.includes(name) ? optionalIdempotencyKey(req.get('idempotency-key')) : undefined;
    const updated = await applyTransition(report, name, payload as ActionPayloads[CaseActionName], actor, {
      ...deps,
      idempotencyKey,
    });
    return presentReportForStaff(updated, actor);
  });

  defineRoute(
    router,
    contract.reports.reinspection,
    {
      access: 'reports.reinspect',
      requestContent: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['reinspection'],
            properties: {
              reinspection: { type: 'string', description: 'JSON: taskId, inspectedOn, result, note, stages…' },
              evidence: { type: 'array', items: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
    },
    async ({ params, actor, req }) => {
      const upload = await receiveUpload(req, req.res!, deps.store.tempDir, deps.limits, ['reinspection']);
      let part;
      try {
        part = validate(reinspectionPart, parsedJson(upload.fields.reinspection), req.locale, 'reinspection');
      } catch (e) {
        await discardUploads(upload.files);
        throw e;
      }
      return presentReportForStaff(await recordReinspection(params.reference, part, upload.files, actor, deps), actor);
    },
  );

  defineRoute(router, contract.reports.message, { access: 'reports.message' }, async ({ params, body, actor }) =>
    presentReportForStaff(await staffMessenger(params.reference, body.body, actor, deps), actor),
  );

  defineRoute(router, contract.reports.bulkAccept, { access: 'reports.bulkAccept' }, async ({ body, actor }) => ({
    results: await bulkAccepter(body, actor, deps),
  }));

  defineRoute(
    router,
    contract.reports.assignableVerifiers,
    { access: 'reports.assign' },
    async ({ params, actor }) => ({
      items: await assignableVerifiers((await loadReport(params.reference, actor)).area, actor),
    }),
  );

  defineRoute(
    router,
    contract.reports.revealIdentity,
    { access: 'reports.revealIdentity', auditRefusal: 'report.identity_refused' },
    async ({ params, actor }) => identityRevealer(params.reference, actor, deps),
  );

  defineRoute(router, contract.reports.evidence, { access: 'reports.read' }, async ({ params, query, actor, res }) => {
    const report = await loadReport(params.reference, actor);
    const item = report.evidence.find((e) => e.fileId === params.fileId);
    if (!item) throw fail('resource.not_found');
    // A protected case's evidence could point to the reporter: anyone but its verifier confirms first.
    const mustAcknowledge = evidenceNeedsAcknowledgement(report, actor, item);
    if (mustAcknowledge && query.acknowledge !== 'protected') throw fail('report.protected_evidence');
    await auditRead({
      actor,
      action: 'report.evidence_downloaded',
      target: { type: 'report', id: report.reference },
      details: { fileId: item.fileId, ...(mustAcknowledge ? { acknowledgedProtected: true } : {}) },
    });
    const inline = INLINE_TYPES.has(item.mime);
    res.setHeader('Content-Type', item.mime);
    res.setHeader(
      'Content-Disposition',
      `${inline ? 'inline' : 'attachment'}; filename="${params.reference}-${item.fileId.slice(0, 8)}.${item.mime.split('/')[1]}"`,
    );
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    res.setHeader('X-Evidence-SHA256', item.storedSha256);
    await pipeline(await deps.store.open(item.fileId), res);
    return RESPONDED;
  });

  defineRoute(router, contract.reports.resultLetter, { access: 'reports.read' }, async ({ params, actor, res }) => {
    const report = await loadReport(params.reference, actor);
    const pdf = await renderResultLetter(report, params.n);
    await auditRead({
      actor,
      action: 'report.result_letter_downloaded',
      target: { type: 'report', id: report.reference },
      details: { letterNo: report.resultLetters[params.n - 1].letterNo },
    });
    return sendDownload(res, pdf, 'application/pdf', resultLetterFilename(report.reference, params.n));
  });

  return router;
}
