// Reporter protection: the reporter's check-in answer and retaliation report from
// follow-up, and protection staff reading one protection case's sealed words. Opening,
// referring and closing a case are workflow actions (POST /reports/:reference/actions/:action).
import { protectionCaseNo, checkInAnswerBody, retaliationBody } from '../schemas/protection';
import { protectionCaseAccountResponse } from '../schemas/protectionViews';
import { followupReportResponse } from '../schemas/report';
import { referenceParams } from '../schemas/workflow';
import { endpoint } from './endpoint';

export const protectionCaseParams = referenceParams.extend({ caseNo: protectionCaseNo });

export const protection = {
  checkInAnswer: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/followup/check-in',
    tag: 'followup',
    summary:
      'Answer the open check-in (回访): {harm, kinds?, body?}; harm (with what happened) opens a protection case for protection staff',
    body: checkInAnswerBody,
    response: followupReportResponse,
    status: 200,
  }),
  retaliation: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/followup/retaliation',
    tag: 'followup',
    summary:
      'Report retaliation for reporting {kinds, body}: opens a protection case, seen only by protection staff; open in any state, also after a withdrawal',
    body: retaliationBody,
    response: followupReportResponse,
    status: 200,
  }),
  caseAccount: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/reports/:reference/protection-cases/:caseNo',
    tag: 'reports',
    summary:
      "A protection case's sealed account and the check-in answer that opened it: protection staff of the report's area, every read audited",
    params: protectionCaseParams,
    response: protectionCaseAccountResponse,
    status: 200,
  }),
};
