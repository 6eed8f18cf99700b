// The exchange with partner systems (the provincial platform): signed requests
// (server/exchange/signature.ts), never a staff session.
import { exchangeCaseBody, exchangeCaseReceipt } from '../schemas/exchange';
import { exchangeCaseParams, partnerCaseView } from '../schemas/exchangeStatus';
import { endpoint } from './endpoint';

export const exchange = {
  dispatchCase: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/exchange/cases',
    tag: 'exchange',
    summary:
      'A partner dispatches a case: it enters screening as a report (201); the same externalId again answers the same reference (200), with other content 409',
    body: exchangeCaseBody,
    response: exchangeCaseReceipt,
    status: 201,
  }),
  caseStatus: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/exchange/cases/:externalId',
    tag: 'exchange',
    summary: 'A partner pulls the status of a case it dispatched (signed request; its own cases only)',
    params: exchangeCaseParams,
    response: partnerCaseView,
    status: 200,
  }),
};
