// The partner's status pull, and the staff view of webhooks that did not go.
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { defineRoute } from '../platform/http/defineRoute';
import { fail } from '../platform/errors';
import { resendWebhook, undeliveredWebhooks } from './deadLetters';
import { partnerCase } from './partnerCases';
import { partnerViewOf } from './partnerView';
import { testCaseOf } from './testMode';

export function exchangeStatusRoutes(): Router {
  const router = Router();

  // Another partner's case, or none, reads as unknown: a partner learns nothing of cases not its own.
  defineRoute(router, contract.exchange.caseStatus, { access: 'partner' }, async ({ params, req }) => {
    const { code, testMode } = req.partner!;
    const report = await partnerCase(code, params.externalId);
    if (report) return partnerViewOf(report);
    const test = testMode ? await testCaseOf(code, params.externalId) : null;
    if (!test) throw fail('resource.not_found');
    return test;
  });

  defineRoute(router, contract.webhooks.undelivered, { access: 'webhooks.read' }, async () => ({
    items: await undeliveredWebhooks(),
  }));

  defineRoute(router, contract.webhooks.resend, { access: 'webhooks.resend' }, async ({ params, actor }) => {
    await resendWebhook(actor, params.eventId);
  });

  return router;
}
