// The public report form: the anti-abuse challenge and the submission.
import { noticeChannelsResponse, powChallengeResponse, receiptSchema } from '../schemas/report';
import { endpoint } from './endpoint';

export const intake = {
  powChallenge: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/pow/challenge',
    tag: 'public',
    summary:
      'An anti-abuse proof-of-work challenge (solve: sha256(challenge + ":" + nonce) with `bits` leading zero bits)',
    response: powChallengeResponse,
    status: 200,
  }),
  noticeChannels: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/notice-channels',
    tag: 'public',
    summary:
      'Whether reporters may choose notices by SMS here (the report form and the console ask before offering it)',
    response: noticeChannelsResponse,
    status: 200,
  }),
  submit: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/reports',
    tag: 'public',
    summary:
      'Submit a report (multipart: part `report` as JSON, 0–10 parts `evidence`); optional Idempotency-Key; X-Pow-Challenge and X-Pow-Nonce unless proof of work is off',
    requestType: 'multipart/form-data',
    response: receiptSchema,
    status: 201,
  }),
};
