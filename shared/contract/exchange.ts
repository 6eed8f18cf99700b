// The exchange with partner systems (the provincial platform): signed requests
// (server/exchange/signature.ts), never a staff session.
import { exchangeCaseParams, partnerCaseView } from '../schemas/exchangeStatus';
import { endpoint } from './endpoint';

export const exchange = {
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
