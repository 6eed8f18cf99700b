// A real-name reporter's history under their keyed pseudonym.
import { pseudonymParams, reporterHistoryResponse } from '../schemas/reporterHistory';
import { endpoint } from './endpoint';

export const reporters = {
  history: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/reporters/:pseudonym/reports',
    tag: 'reports',
    summary:
      "A real-name reporter's reports in the caller's areas, by keyed pseudonym (protection, discipline, leaders, reviewers; audited; protection-case counts for protection staff only)",
    params: pseudonymParams,
    response: reporterHistoryResponse,
    status: 200,
  }),
};
