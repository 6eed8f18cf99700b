// The reporter's follow-up, signed in with the receipt: status, messages,
// evidence, withdrawal, and the reward's claim, appeal and notice.
import { z } from 'zod';
import { appealBody, claimBody } from '../schemas/claim';
import {
  evidenceAddedResponse,
  followupLoginBody,
  followupMessageBody,
  followupReportResponse,
  followupTokenResponse,
  followupWithdrawBody,
  objectionBody,
  powChallengeResponse,
} from '../schemas/report';
import { duressKeyResponse } from '../schemas/insiderViews';
import { endpoint } from './endpoint';

/** The n-th result letter (1-based, in the order they were sent). */
export const resultLetterParams = z.object({ n: z.coerce.number().int().min(1).max(100) });

export const followup = {
  challenge: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/followup/challenge',
    tag: 'followup',
    summary: 'The proof-of-work challenge for signing in: harder for a client after repeated wrong receipts',
    response: powChallengeResponse,
    status: 200,
  }),
  signIn: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/followup/sessions',
    tag: 'followup',
    summary:
      'Sign in to follow up with the receipt {reference, accessKey}; any wrong pair gives the same 401; X-Pow-Challenge and X-Pow-Nonce from /followup/challenge',
    body: followupLoginBody,
    response: followupTokenResponse,
    status: 201,
  }),
  signOut: endpoint({
    kind: 'empty',
    method: 'delete',
    path: '/api/v1/followup/sessions',
    tag: 'followup',
    summary: 'Sign out: the bearer token stops working at once (204 whether or not it was still valid)',
    status: 204,
  }),
  report: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/followup/report',
    tag: 'followup',
    summary: 'My report: status, timeline, messages, reward (Authorization: Bearer <token>)',
    response: followupReportResponse,
    status: 200,
  }),
  message: endpoint({
    kind: 'empty',
    method: 'post',
    path: '/api/v1/followup/messages',
    tag: 'followup',
    summary: 'Send a message to the verifier',
    body: followupMessageBody,
    status: 204,
  }),
  evidence: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/followup/evidence',
    tag: 'followup',
    summary: 'Add evidence (multipart, parts `evidence`); X-Pow-Challenge and X-Pow-Nonce unless proof of work is off',
    requestType: 'multipart/form-data',
    response: evidenceAddedResponse,
    status: 200,
  }),
  withdraw: endpoint({
    kind: 'empty',
    method: 'post',
    path: '/api/v1/followup/withdraw',
    tag: 'followup',
    summary:
      "Withdraw the report: before acceptance it ends; after it the reporter's part and reward end and the bureau decides whether to continue",
    body: followupWithdrawBody,
    status: 204,
  }),
  duressKey: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/followup/duress-key',
    tag: 'followup',
    summary:
      'Set the duress key (应急码), shown once: signing in with it shows the report withdrawn and alerts protection staff. Signed in with the real key; 409 once one is set',
    response: duressKeyResponse,
    status: 201,
  }),
  claim: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/followup/claim',
    tag: 'followup',
    summary: 'Claim an approved reward: claimant name, ID number, phone, bank and account (sealed; finance only)',
    body: claimBody,
    response: followupReportResponse,
    status: 200,
  }),
  appeal: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/followup/appeal',
    tag: 'followup',
    summary: 'Ask for a review of the reward amount or of a refusal (once, within the appeal period)',
    body: appealBody,
    response: followupReportResponse,
    status: 200,
  }),
  objection: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/followup/objection',
    tag: 'followup',
    summary:
      'Object to an unsubstantiated, unverifiable or rejected conclusion, once, within the period after its result letter',
    body: objectionBody,
    response: followupReportResponse,
    status: 200,
  }),
  stillThere: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/followup/still-there',
    tag: 'followup',
    summary:
      'Say a hazard reported fixed is still there (multipart: text part `body`, photos as `evidence`), within the period; reopens its re-inspection. X-Pow-Challenge and X-Pow-Nonce unless proof of work is off',
    requestType: 'multipart/form-data',
    response: followupReportResponse,
    status: 200,
  }),
  resultLetter: endpoint({
    kind: 'file',
    contentType: 'application/pdf',
    method: 'get',
    path: '/api/v1/followup/result-letters/:n/pdf',
    tag: 'followup',
    summary: 'A result letter (核查结果告知书) as sent, printable (PDF); n counts from 1 in the order of resultLetters',
    params: resultLetterParams,
    status: 200,
  }),
  rewardNotice: endpoint({
    kind: 'file',
    contentType: 'application/pdf',
    method: 'get',
    path: '/api/v1/followup/reward-notice.pdf',
    tag: 'followup',
    summary: 'The printable reward notice (PDF)',
    status: 200,
  }),
};
