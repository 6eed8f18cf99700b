// The reporter's follow-up: sign in with the receipt, then a short-lived bearer token.
import { Router, type Request } from 'express';
import { followupLoginBody, followupMessageBody, followupReportResponse, followupTokenResponse, followupWithdrawBody, powChallengeResponse } from '../../shared/schemas/report';
import { followupSignIn, followupSignOut, reporterEvidence, reporterMessage, reporterWithdrawal } from './followup';
import { defineRoute } from '../platform/http/defineRoute';
import { receiveUpload } from '../platform/http/multipart';
import { AppError, fail } from '../platform/errors';
import { GuessThrottle } from './intake/guessThrottle';
import { issueChallenge, redeemProofOfWork } from './intake/proofOfWork';
import { clientOf, publicLimiter } from '../platform/http/rateLimit';
import { reporterOwnReport } from './reportReads';
import { presentReportForReporter } from './reportForReporter.presenter';
import type { IntakeDeps } from './reports.routes';

export function followupRoutes(deps: IntakeDeps): Router {
  const router = Router();
  // Wrong receipts make the sender's next proof of work harder; nothing is counted per report (see intake/guessThrottle).
  const guesses = new GuessThrottle(deps.powBits);
  const client = (req: Request) => deps.box.mac(clientOf(req), 'followup-guess');
  router.use('/api/v1/followup/evidence', publicLimiter(60_000, 20));

  defineRoute(router, { method: 'get', path: '/api/v1/followup/challenge', tag: 'followup', summary: 'The proof-of-work challenge for signing in: harder for a client after repeated wrong receipts', access: 'public', noStore: true, response: powChallengeResponse }, async ({ req }) =>
    issueChallenge(deps.box, guesses.bitsFor(client(req))),
  );

  defineRoute(router, { method: 'post', path: '/api/v1/followup/sessions', tag: 'followup', summary: 'Sign in to follow up with the receipt {reference, accessKey}; any wrong pair gives the same 401; X-Pow-Challenge and X-Pow-Nonce from /followup/challenge', access: 'public', noStore: true, body: followupLoginBody, response: followupTokenResponse, status: 201 }, async ({ body, req }) => {
    const who = client(req);
    await redeemProofOfWork(deps.box, guesses.bitsFor(who), req.get('x-pow-challenge'), req.get('x-pow-nonce'));
    try {
      return await followupSignIn(deps.box, body.reference, body.accessKey);
    } catch (e) {
      if (e instanceof AppError && e.code === 'followup.invalid_credentials') guesses.recordFailure(who);
      throw e;
    }
  });

  defineRoute(router, { method: 'delete', path: '/api/v1/followup/sessions', tag: 'followup', summary: 'Sign out: the bearer token stops working at once (204 whether or not it was still valid)', access: 'public', noStore: true }, async ({ req }) => {
    await followupSignOut(req.get('authorization'));
    return undefined;
  });

  defineRoute(router, { method: 'get', path: '/api/v1/followup/report', tag: 'followup', summary: 'My report: status, timeline, messages, reward (Authorization: Bearer <token>)', access: 'reporter', noStore: true, response: followupReportResponse }, async ({ reference }) => {
    return presentReportForReporter(await reporterOwnReport(reference));
  });

  defineRoute(router, { method: 'post', path: '/api/v1/followup/messages', tag: 'followup', summary: 'Send a message to the verifier', access: 'reporter', noStore: true, body: followupMessageBody, status: 204 }, async ({ reference, body }) => {
    await reporterMessage(reference, body.body);
    return undefined;
  });

  defineRoute(
    router,
    { method: 'post', path: '/api/v1/followup/evidence', tag: 'followup', summary: 'Add evidence (multipart, parts `evidence`); X-Pow-Challenge and X-Pow-Nonce unless proof of work is off', access: 'reporter', noStore: true, requestContent: { 'multipart/form-data': { schema: { type: 'object', properties: { evidence: { type: 'array', items: { type: 'string', format: 'binary' } } } } } } },
    async ({ req, reference }) => {
      // As on submission: the proof is checked before the body is read, so a flood of uploads costs the sender.
      await redeemProofOfWork(deps.box, deps.powBits, req.get('x-pow-challenge'), req.get('x-pow-nonce'));
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
