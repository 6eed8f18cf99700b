// Reporter protection over HTTP: the reporter's check-in answer and retaliation
// report (follow-up), and protection staff reading a protection case's account.
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { defineRoute } from '../platform/http/defineRoute';
import { publicLimiter } from '../platform/http/rateLimit';
import type { IntakeDeps } from '../reports/reports.routes';
import { reporterView } from '../reports/reporterView';
import { decoyRetaliation } from './decoy';
import { readProtectionCase } from './protectionCaseAccount';
import { answerCheckIn, reportRetaliation } from './reporterProtection';

export function protectionRoutes(deps: IntakeDeps): Router {
  const router = Router();
  const mail = { box: deps.box, publicBaseUrl: deps.publicBaseUrl };
  // Each opens a case and mails staff: a stolen session must not flood them.
  router.use(['/api/v1/followup/check-in', '/api/v1/followup/retaliation'], publicLimiter(60_000, 20));

  defineRoute(router, contract.protection.checkInAnswer, { access: 'reporter', noStore: true }, async (r) => {
    await answerCheckIn(r.reference, r.body, mail);
    return reporterView(r.reference);
  });

  // A decoy session's report is taken as a real one and answered as a withdrawn report's is.
  defineRoute(
    router,
    contract.protection.retaliation,
    { access: 'reporter', noStore: true, decoyAware: true },
    async (r) => {
      if (r.decoy) await decoyRetaliation(r.reference, r.body, mail);
      else await reportRetaliation(r.reference, r.body, mail);
      return reporterView(r.reference, { decoy: r.decoy });
    },
  );

  defineRoute(
    router,
    contract.protection.caseAccount,
    { access: 'reports.readProtectionCase', auditRefusal: 'report.protection_case_refused' },
    ({ params, actor }) => readProtectionCase(params.reference, params.caseNo, actor, deps.box),
  );

  return router;
}
