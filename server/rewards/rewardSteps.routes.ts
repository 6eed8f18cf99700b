// The reward after approval: the reporter's claim and appeal from follow-up, the
// printable notice for both sides, and finance's audited view of a claim.
import { Router } from 'express';
import { auditRead } from '../audit/auditRead';
import { appealBody, claimBody, claimView } from '../../shared/schemas/claim';
import { followupReportResponse } from '../../shared/schemas/report';
import { referenceParams } from '../../shared/schemas/workflow';
import type { SecretBox } from '../platform/secretBox';
import { defineRoute, RESPONDED } from '../platform/http/defineRoute';
import { sendDownload } from '../platform/http/download';
import type { ReportFields } from '../reports/report.model';
import { loadReport } from '../reports/pipeline';
import { reporterOwnReport } from '../reports/reportReads';
import { presentReportForReporter } from '../reports/reportForReporter.presenter';
import { appealReward, claimReward, claimViewer } from './reporterSteps';
import { renderRewardNotice } from './rewardNotice';
import type { Response } from 'express';

async function sendNotice(report: ReportFields, res: Response): Promise<typeof RESPONDED> {
  return sendDownload(res, await renderRewardNotice(report), 'application/pdf', `reward-notice-${report.reference}.pdf`);
}

export function rewardStepRoutes(deps: { box: SecretBox }): Router {
  const router = Router();

  defineRoute(router, { method: 'post', path: '/api/v1/followup/claim', tag: 'followup', summary: 'Claim an approved reward: claimant name, ID number, phone, bank and account (sealed; finance only)', access: 'reporter', noStore: true, body: claimBody, response: followupReportResponse }, async ({ reference, body }) => {
    await claimReward(reference, body, deps.box);
    return presentReportForReporter(await reporterOwnReport(reference));
  });

  defineRoute(router, { method: 'post', path: '/api/v1/followup/appeal', tag: 'followup', summary: 'Ask for a review of the reward amount or of a refusal (once, within the appeal period)', access: 'reporter', noStore: true, body: appealBody, response: followupReportResponse }, async ({ reference, body }) => {
    await appealReward(reference, body.reason);
    return presentReportForReporter(await reporterOwnReport(reference));
  });

  defineRoute(router, { method: 'get', path: '/api/v1/followup/reward-notice.pdf', tag: 'followup', summary: 'The printable reward notice (PDF)', access: 'reporter', noStore: true }, async ({ reference, res }) =>
    sendNotice(await reporterOwnReport(reference), res),
  );

  defineRoute(router, { method: 'get', path: '/api/v1/reports/:reference/reward-notice.pdf', tag: 'reports', summary: 'The reward notice for the archive (PDF)', access: 'reports.read', params: referenceParams }, async ({ params, actor, res }) => {
    const report = await loadReport(params.reference, actor);
    const notice = await renderRewardNotice(report);
    await auditRead({ actor, action: 'report.notice_downloaded', target: { type: 'report', id: report.reference } });
    return sendDownload(res, notice, 'application/pdf', `reward-notice-${report.reference}.pdf`);
  });

  defineRoute(router, { method: 'get', path: '/api/v1/reports/:reference/claim', tag: 'reports', summary: "The reward claim: claimant's identity and bank account (finance; every view audited, and every refused attempt)", access: 'reports.viewClaim', auditRefusal: 'report.claim_refused', params: referenceParams, response: claimView }, ({ params, actor }) =>
    claimViewer(params.reference, actor, deps.box),
  );

  return router;
}
