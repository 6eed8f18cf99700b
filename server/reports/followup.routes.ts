// The reporter's follow-up: sign in with the receipt, then a short-lived bearer token.
import { Router, type Request } from 'express';
import { contract } from '../../shared/contract';
import {
  followupSignIn,
  followupSignOut,
  reporterEvidence,
  reporterMessage,
  reporterObjection,
  reporterStillThere,
  reporterWithdrawal,
} from './followup';
import { stillThereBody } from '../../shared/schemas/report';
import { decoyWithdrawal } from '../protection/decoy';
import { setDuressKey } from '../protection/duressKey';
import { reporterDocumentReport } from '../protection/withdrawnViews';
import { defineRoute, validate } from '../platform/http/defineRoute';
import { receiveUpload } from '../platform/http/multipart';
import { AppError, fail } from '../platform/errors';
import { GuessThrottle } from './intake/guessThrottle';
import { issueChallenge, redeemProofOfWork } from './intake/proofOfWork';
import { clientOf, publicLimiter } from '../platform/http/rateLimit';
import { discardUploads } from './intake/reportSubmitter';
import { reporterView } from './reporterView';
import { renderResultLetter, resultLetterFilename } from './resultLetter';
import { sendDownload } from '../platform/http/download';
import type { IntakeDeps } from './reports.routes';

export function followupRoutes(deps: IntakeDeps): Router {
  const router = Router();
  // Wrong receipts make the sender's next proof of work harder; nothing is counted per report (see intake/guessThrottle).
  const guesses = new GuessThrottle(deps.powBits);
  const client = (req: Request) => deps.box.mac(clientOf(req), 'followup-guess');
  router.use(['/api/v1/followup/evidence', '/api/v1/followup/still-there'], publicLimiter(60_000, 20));

  defineRoute(router, contract.followup.challenge, { access: 'public', noStore: true }, async ({ req }) =>
    issueChallenge(deps.box, guesses.bitsFor(client(req))),
  );

  defineRoute(router, contract.followup.signIn, { access: 'public', noStore: true }, async ({ body, req }) => {
    const who = client(req);
    await redeemProofOfWork(deps.box, guesses.bitsFor(who), req.get('x-pow-challenge'), req.get('x-pow-nonce'));
    try {
      return await followupSignIn(deps.box, body.reference, body.accessKey, new Date(), deps.publicBaseUrl);
    } catch (e) {
      if (e instanceof AppError && e.code === 'followup.invalid_credentials') guesses.recordFailure(who);
      throw e;
    }
  });

  defineRoute(router, contract.followup.signOut, { access: 'public', noStore: true }, async ({ req }) => {
    await followupSignOut(req.get('authorization'));
    return undefined;
  });

  defineRoute(
    router,
    contract.followup.report,
    { access: 'reporter', noStore: true, decoyAware: true },
    async ({ reference, decoy }) => reporterView(reference, { decoy }),
  );

  defineRoute(
    router,
    contract.followup.duressKey,
    { access: 'reporter', noStore: true, decoyAware: true },
    async ({ reference, decoy }) => setDuressKey(deps.box, reference, decoy),
  );

  defineRoute(router, contract.followup.message, { access: 'reporter', noStore: true }, async ({ reference, body }) => {
    await reporterMessage(reference, body.body);
    return undefined;
  });

  defineRoute(
    router,
    contract.followup.evidence,
    {
      access: 'reporter',
      requestContent: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: { evidence: { type: 'array', items: { type: 'string', format: 'binary' } } },
          },
        },
      },
      noStore: true,
    },
    async ({ req, reference }) => {
      // As on submission: the proof is checked before the body is read, so a flood of uploads costs the sender.
      await redeemProofOfWork(deps.box, deps.powBits, req.get('x-pow-challenge'), req.get('x-pow-nonce'));
      const upload = await receiveUpload(req, req.res!, deps.store.tempDir, deps.limits, []);
      if (!upload.files.length)
        throw fail('request.invalid', [{ path: 'evidence', code: 'required', message: 'attach at least one file' }]);
      return { added: await reporterEvidence(reference, upload.files, deps.store) };
    },
  );

  defineRoute(
    router,
    contract.followup.withdraw,
    { access: 'reporter', noStore: true, decoyAware: true },
    async ({ reference, body, decoy }) => {
      // Made to withdraw with the duress key: answered as an already withdrawn report; only protection staff learn of it.
      if (decoy) await decoyWithdrawal(reference, deps);
      await reporterWithdrawal(reference, body.reason, deps);
      return undefined;
    },
  );

  defineRoute(
    router,
    contract.followup.objection,
    { access: 'reporter', noStore: true },
    async ({ reference, body }) => {
      await reporterObjection(reference, body.reason);
      return reporterView(reference);
    },
  );

  defineRoute(
    router,
    contract.followup.stillThere,
    {
      access: 'reporter',
      requestContent: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['body'],
            properties: {
              body: { type: 'string' },
              evidence: { type: 'array', items: { type: 'string', format: 'binary' } },
            },
          },
        },
      },
      noStore: true,
    },
    async ({ req, reference }) => {
      await redeemProofOfWork(deps.box, deps.powBits, req.get('x-pow-challenge'), req.get('x-pow-nonce'));
      const upload = await receiveUpload(req, req.res!, deps.store.tempDir, deps.limits, ['body']);
      let body: string;
      try {
        body = validate(stillThereBody, upload.fields, req.locale, 'body').body;
      } catch (e) {
        await discardUploads(upload.files);
        throw e;
      }
      await reporterStillThere(reference, body, upload.files, deps.store);
      return reporterView(reference);
    },
  );

  defineRoute(
    router,
    contract.followup.resultLetter,
    { access: 'reporter', noStore: true },
    async ({ reference, params, res }) => {
      const report = await reporterDocumentReport(reference);
      const pdf = await renderResultLetter(report, params.n);
      return sendDownload(res, pdf, 'application/pdf', resultLetterFilename(report.reference, params.n));
    },
  );

  return router;
}
