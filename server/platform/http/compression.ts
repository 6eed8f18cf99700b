// Compression of API answers on the fly. The web client's files are compressed at
// build time instead (staticClient.ts), so this applies to what the API sends only.
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** Answers smaller than this gain little from compression and cost a round of zlib setup. */
export const COMPRESSION_THRESHOLD = 1024;

// JSON, problem details and plain text. Everything else the API sends is a file:
// evidence (photos, video, audio: compressed already, streamed, hashed as received),
// PDFs, XLSX (a zip) and CSV exports; none of those is worth the CPU or the risk.
const COMPRESSIBLE_TYPE = /^(application\/(json|problem\+json)|text\/plain)\s*(;|$)/i;

// BREACH: a secret that is the same on every answer (the staff CSRF token) sent
// compressed beside input an attacker can choose lets the answer's length reveal the
// secret a character at a time. Here the session cookie is SameSite=Strict and the
// reporter's token travels in an Authorization header, so no other site can make a
// browser send those requests; as a second line, the answers that carry the CSRF
// token or a TOTP secret (all under /api/v1/auth/, all small) are never compressed.
// Other secrets in answers (a new report's access key, a duress key) are fresh on
// every answer, which length-guessing cannot attack.
// Case-insensitive, as Express routes are: /api/v1/Auth/… reaches the same handlers.
const CARRIES_STANDING_SECRET = /^\/api\/v1\/auth\//i;

/** Whether an answer may be compressed (exported for the tests: the auth answers are too small to show it). */
export function shouldCompress(req: Pick<Request, 'originalUrl'>, res: Pick<Response, 'getHeader'>): boolean {
  if (CARRIES_STANDING_SECRET.test(req.originalUrl)) return false;
  if (res.getHeader('Content-Disposition')) return false; // a download: evidence, PDF, XLSX, CSV
  return COMPRESSIBLE_TYPE.test(String(res.getHeader('Content-Type') ?? ''));
}

/** Brotli or gzip for JSON and text answers over the threshold, as the client accepts. */
export function apiCompression(): RequestHandler {
  return compression({ threshold: COMPRESSION_THRESHOLD, filter: shouldCompress });
}
