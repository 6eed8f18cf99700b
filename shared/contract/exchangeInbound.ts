// What partner systems send us through the case exchange: signed requests
// (X-Woodpecker-* headers), never a staff session.
import { exchangeCaseBody, exchangeCaseReceipt } from '../schemas/exchange';
import { endpoint } from './endpoint';

export const exchangeInbound = {
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
};
