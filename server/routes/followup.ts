// The reporter's follow-up: sign in with the receipt, then a short-lived bearer token.
import { Router } from 'express';
import { MemoryStore, type Options } from 'express-rate-limit';
import { followupLoginBody, followupMessageBody, followupReportResponse, followupTokenResponse, followupWithdrawBody } from '../../shared/schemas/report';
import { followupSignIn, reporterEvidence, reporterMessage, reporterWithdrawal } from '../commands/followup';
import { defineRoute } from '../http/defineRoute';
import { receiveUpload } from '../http/multipart';
import { fail } from '../http/problem';
import { redeemProofOfWork } from '../intake/proofOfWork';
import { Report } from '../models/Report';
import { presentReportForReporter } from '../presenters/reportForReporter';
import type { IntakeDeps } from './reports';

/**
 * Sign-in attempts per report reference, counted in this process's memory: a
 * stored counter would record when someone tried to open the report. With several
 * instances each counts on its own; the access key's 100 bits and scrypt make
 * that no help to a guesser.
 */
const ATTEMPTS_PER_REFERENCE = 10;
const ATTEMPT_WINDOW_MS = 15 * 60_000;

export function followupRoutes(deps: IntakeDeps): Router {
  const router = Router();
  const attempts = new MemoryStore();
  attempts.init({ windowMs: ATTEMPT_WINDOW_MS } as Options);

  defineRoute(router, { method: 'post', path: '/api/v1/followup/sessions', tag: 'followup', summary: 'Sign in to follow up with the receipt {reference, accessKey}; any wrong pair gives the same 401', access: 'public', noStore: true, body: followupLoginBody, response: followupTokenResponse, status: 201 }, async ({ body, req }) => {
    await redeemProofOfWork(deps.box, deps.powBits, req.get('x-pow-challenge'), req.get('x-pow-nonce'));
    const { totalHits } = await attempts.increment(body.reference);
    if (totalHits > ATTEMPTS_PER_REFERENCE) throw fail('request.rate_limited', [], { retryAfterSeconds: ATTEMPT_WINDOW_MS / 1000 });
    return followupSignIn(body.reference, body.accessKey);
  });

  defineRoute(router, { method: 'get', path: '/api/v1/followup/report', tag: 'followup', summary: 'My report: status, timeline, messages, reward (Authorization: Bearer <token>)', access: 'reporter', noStore: true, response: followupReportResponse }, async ({ reference }) => {
    const report = await Report.findOne({ reference }).lean();
    if (!report) throw fail('followup.session_expired');
    return presentReportForReporter(report);
  });

  defineRoute(router, { method: 'post', path: '/api/v1/followup/messages', tag: 'followup', summary: 'Send a message to the verifier', access: 'reporter', noStore: true, body: followupMessageBody, status: 204 }, async ({ reference, body }) => {
    await reporterMessage(reference, body.body);
    return undefined;
  });

  defineRoute(
    router,
    { method: 'post', path: '/api/v1/followup/evidence', tag: 'followup', summary: 'Add evidence (multipart, parts `evidence`)', access: 'reporter', noStore: true, requestContent: { 'multipart/form-data': { schema: { type: 'object', properties: { evidence: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } },
    async ({ req, reference }) => {
      const upload = await receiveUpload(req, req.res!, deps.store.tempDir, deps.limits, []);
      if (!upload.files.length) throw fail('request.invalid', [{ path: 'evidence', code: 'required', message: 'attach at least one file' }]);
      return { added: await reporterEvidence(reference, upload.files, deps.store) };
    },
  );

  defineRoute(router, { method: 'post', path: '/api/v1/followup/withdraw', tag: 'followup', summary: 'Withdraw the report', access: 'reporter', noStore: true, body: followupWithdrawBody }, async ({ reference, body }) => {
    await reporterWithdrawal(reference, body.reason);
    return undefined;
  });

  return router;
}
