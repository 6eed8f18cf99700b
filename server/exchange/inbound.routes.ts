// The exchange's inbound side: partner systems dispatch cases by signed requests.
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { answerAsRepeat, defineRoute } from '../platform/http/defineRoute';
import { receiveDispatchedCase, type InboundDeps } from './inboundCases';
import { documentPartnerSignature, documentStatusWebhook } from './signatureDoc';

export function exchangeInboundRoutes(deps: InboundDeps): Router {
  const router = Router();
  documentPartnerSignature();
  documentStatusWebhook();
  defineRoute(router, contract.exchange.dispatchCase, { access: 'partner' }, async ({ body, req, res }) => {
    const { repeated, ...answer } = await receiveDispatchedCase(req.partner!, body, deps);
    if (repeated) answerAsRepeat(res);
    return answer; // the reference and when it was recorded: partners never see staff data
  });
  return router;
}
