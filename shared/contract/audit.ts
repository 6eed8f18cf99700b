// The audit log: reading it, and checking the chain.
import { auditListQuery, auditListResponse, auditVerifyResponse } from '../schemas/common';
import { endpoint } from './endpoint';

export const audit = {
  list: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/audit',
    tag: 'audit',
    summary: 'Read the audit log, newest first',
    query: auditListQuery,
    response: auditListResponse,
    status: 200,
  }),
  verify: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/audit/verify',
    tag: 'audit',
    summary: 'Seal pending entries, then check the keyed chain and the newest checkpoint',
    response: auditVerifyResponse,
    status: 200,
  }),
};
