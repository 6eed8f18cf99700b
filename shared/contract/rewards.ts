// The public reward estimator.
import { rewardQuoteBody, rewardQuoteResponse } from '../schemas/rewards';
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
};
