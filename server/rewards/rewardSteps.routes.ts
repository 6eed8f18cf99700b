// The reward after approval: the reporter's claim and appeal from follow-up, the
// printable notice for both sides, and finance's audited view of a claim.
import { Router } from 'express';
import { auditRead } from '../audit/auditRead';
import type { SecretBox } from '../platform/secretBox';
import { defineRoute, RESPONDED } from '../platform/http/defineRoute';
import { sendDownload } from '../platform/http/download';
import type { ReportFields } from '../reports/report.model';
import { loadReport } from '../reports/pipeline';
import { reporterDocumentReport } from '../protection/withdrawnViews';
import { reporterView } from '../reports/reporterView';
import { appealReward, claimReward, claimViewer } from './reporterSteps';
import { renderRewardNotice } from './rewardNotice';
import type { Response } from 'express';
import { contract } from '../../shared/contract';

async function sendNotice(report: ReportFields, res: Response): Promise<typeof RESPONDED> {
  return sendDownload(
    res,
    await renderRewardNotice(report),
    'application/pdf',
    `reward-notice-${report.reference}.pdf`,
  );
}

export function rewardStepRoutes(deps: { box: SecretBox }): Router {
  const router = Router();

  defineRoute(router, contract.followup.claim, { access: 'reporter', noStore: true }, async ({ reference, body }) => {
    await claimReward(reference, body, deps.box);
    return reporterView(reference);
  });

  defineRoute(router, contract.followup.appeal, { access: 'reporter', noStore: true }, async ({ reference, body }) => {
    await appealReward(reference, body.reason);
    return reporterView(reference);
  });

  defineRoute(
    router,
    contract.followup.rewardNotice,
    { access: 'reporter', noStore: true },
    async ({ reference, res }) => sendNotice(await reporterDocumentReport(reference), res),
  );

  defineRoute(router, contract.reports.rewardNotice, { access: 'reports.read' }, async ({ params, actor, res }) => {
    const report = await loadReport(params.reference, actor);
    const notice = await renderRewardNotice(report);
    await auditRead({ actor, action: 'report.notice_downloaded', target: { type: 'report', id: report.reference } });
    return sendDownload(res, notice, 'application/pdf', `reward-notice-${report.reference}.pdf`);
  });

  defineRoute(
    router,
    contract.reports.claim,
    { access: 'reports.viewClaim', auditRefusal: 'report.claim_refused' },
    ({ params, actor }) => claimViewer(params.reference, actor, deps.box),
  );

  return router;
}
