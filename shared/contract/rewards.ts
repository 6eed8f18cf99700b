// The public reward estimator, and the staff's preview of a proposal on one case.
import { proposalQuoteQuery, proposalQuoteResponse, rewardQuoteBody, rewardQuoteResponse } from '../schemas/rewards';
import { referenceParams } from '../schemas/workflow';
import { endpoint } from './endpoint';

export const rewards = {
  quote: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/rewards/quote',
    tag: 'rewards',
    summary: 'Estimate the reward for a verified report (public)',
    body: rewardQuoteBody,
    response: rewardQuoteResponse,
    status: 200,
  }),
  proposalQuote: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/reports/:reference/reward-quote',
    tag: 'rewards',
    summary:
      'What proposing the reward now would record, computed by the same code: amount, steps, range, adjustment band and, for amountFen, whether it fits and which leader must approve it',
    params: referenceParams,
    query: proposalQuoteQuery,
    response: proposalQuoteResponse,
    status: 200,
  }),
};
