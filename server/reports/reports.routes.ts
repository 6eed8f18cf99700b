// The public submission endpoint, its anti-abuse challenge, and the notice channels on offer.
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { reportInputSchema } from '../../shared/schemas/report';
import { discardUploads, reportSubmitter } from './intake/reportSubmitter';
import type { SecretBox } from '../platform/secretBox';
import { optionalIdempotencyKey } from '../platform/http/idempotencyKey';
import { defineRoute, validate } from '../platform/http/defineRoute';
import { receiveUpload, type UploadLimits } from '../platform/http/multipart';
import { fail } from '../platform/errors';
import { smsNoticesOn } from './noticeChannels';
import { checkProofOfWork, issueChallenge, spendProofOfWork } from './intake/proofOfWork';
import type { EvidenceStore } from '../platform/evidenceStore';

export interface IntakeDeps {
  box: SecretBox;
  store: EvidenceStore;
  publicBaseUrl: string;
  powBits: number;
  limits: UploadLimits;
}

const multipartDoc = {
  'multipart/form-data': {
    schema: {
      type: 'object',
      required: ['report'],
      properties: {
        report: {
          type: 'string',
          description:
            'JSON: {category, area, description, anonymous, occurredAt?, address?, subjectName?, reporter?: {name, phone, email?}, posterCode?, shareLocation?, location?, notifyBySms?, noticePhone?}',
        },
        evidence: {
          type: 'array',
          items: { type: 'string', format: 'binary' },
          description: 'photos (JPEG, PNG, WebP, HEIC), video (MP4, MOV), audio, PDF',
        },
      },
    },
  },
};

export function reportRoutes(deps: IntakeDeps): Router {
  const router = Router();

  defineRoute(router, contract.intake.powChallenge, { access: 'public', noStore: true }, async () =>
    issueChallenge(deps.box, deps.powBits),
  );

  defineRoute(router, contract.intake.noticeChannels, { access: 'public' }, async () => ({ sms: smsNoticesOn() }));

  defineRoute(
    router,
    contract.intake.submit,
    { access: 'public', requestContent: multipartDoc, noStore: true },
    async ({ req }) => {
      const idempotencyKey = optionalIdempotencyKey(req.get('idempotency-key'));
      // The proof is checked before the body is read (so abuse costs the sender, not us) and spent
      // only for a new submission (so a retry whose answer was lost needs no fresh proof).
      const ticket = checkProofOfWork(deps.box, deps.powBits, req.get('x-pow-challenge'), req.get('x-pow-nonce'));
      const upload = await receiveUpload(req, req.res!, deps.store.tempDir, deps.limits, ['report']);
      try {
        const raw = upload.fields.report;
        if (raw === undefined)
          throw fail('request.invalid', [
            { path: 'report', code: 'required', message: 'the `report` part is required' },
          ]);
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          throw fail('request.malformed_json', [
            { path: 'report', code: 'invalid_json', message: 'the `report` part is not valid JSON' },
          ]);
        }
        const input = validate(reportInputSchema, parsed, req.locale, 'report');
        return await reportSubmitter(input, upload.files, idempotencyKey, deps, {
          admit: () => spendProofOfWork(ticket),
        });
      } finally {
        await discardUploads(upload.files); // no-op when the submitter took them
      }
    },
  );

  return router;
}
