// Authenticates requests from partner systems by the signature scheme in
// ./signature.ts. Mounted on the exchange paths only, after a body parser that
// kept the raw bytes (the signature covers them). Like the staff session
// middleware it never answers itself: it sets `req.partner` or the reason the
// signature was refused, and routes with access 'partner' decide.
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { SecretBox } from '../platform/secretBox';
import { checkSignature, SIGNATURE_HEADERS, SIGNATURE_WINDOW_MS } from './signature';
import { ExchangeNonce } from './exchangeNonce.model';
import { Partner } from './partner.model';
import type { PartnerRefusal } from '../platform/http/requestContext';

/** The raw body, kept by the exchange body parser for the signature check. */
export function keepRawBody(req: IncomingMessage, _res: unknown, buf: Buffer): void {
  (req as Request).rawBody = buf;
}

const isDuplicateKey = (e: unknown) => (e as { code?: number }).code === 11000;

export function authenticatePartner(box: SecretBox, clock: () => Date = () => new Date()): RequestHandler {
  return async (req, _res, next) => {
    const refuse = (why: PartnerRefusal) => {
      req.partnerRefusal = why;
      next();
    };
    const keyId = req.get(SIGNATURE_HEADERS.key);
    if (!keyId) return refuse('missing');
    const partner = await Partner.findOne({ keyId, active: true }).lean();
    if (!partner) return refuse('unknown-key');
    const now = clock();
    const nonce = req.get(SIGNATURE_HEADERS.nonce) ?? '';
    const problem = checkSignature(
      box.open(partner.secretSealed),
      {
        method: req.method,
        path: req.originalUrl,
        timestamp: req.get(SIGNATURE_HEADERS.timestamp) ?? '',
        nonce,
        body: req.rawBody ?? Buffer.alloc(0),
        signature: req.get(SIGNATURE_HEADERS.signature) ?? '',
      },
      now,
    );
    if (problem) return refuse(problem);
    try {
      // Remembered for twice the window: a request stamped up to a window ahead stays refused as long as it is fresh.
      await ExchangeNonce.create({ keyId, nonce, expiresAt: new Date(now.getTime() + 2 * SIGNATURE_WINDOW_MS) });
    } catch (e) {
      if (isDuplicateKey(e)) return refuse('replayed');
      throw e;
    }
    req.partner = { code: partner.code, keyId, testMode: partner.testMode };
    next();
  };
}
