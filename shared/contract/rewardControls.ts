// The reward controls: the exclusion register (admin and discipline) and the
// anomaly views (finance, discipline, leaders).
import {
  anomaliesQuery,
  anomaliesView,
  exclusionBody,
  exclusionEntry,
  exclusionList,
  exclusionParams,
} from '../schemas/rewardControls';
import { endpoint } from './endpoint';

export const rewardControls = {
  exclusions: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/rewards/exclusions',
    tag: 'rewards',
    summary: 'The exclusion register (kinds and notes; never an ID number)',
    response: exclusionList,
    status: 200,
  }),
  addExclusion: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/rewards/exclusions',
    tag: 'rewards',
    summary: 'Add a person to the exclusion register by ID number (kept only as a keyed blind index)',
    body: exclusionBody,
    response: exclusionEntry,
    status: 201,
  }),
  removeExclusion: endpoint({
    kind: 'empty',
    method: 'delete',
    path: '/api/v1/rewards/exclusions/:id',
    tag: 'rewards',
    summary: 'Remove an entry from the exclusion register',
    params: exclusionParams,
    status: 204,
  }),
  anomalies: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/rewards/anomalies',
    tag: 'rewards',
    summary: 'Reward anomaly views for a period (months or days, Asia/Shanghai)',
    query: anomaliesQuery,
    response: anomaliesView,
    status: 200,
  }),
};
