import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { localeOf } from './problem';
import './requestContext';

/** A request id for logs and error documents, and the caller's language. */
export const requestContext: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  req.requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  req.locale = localeOf(req.get('accept-language'));
  res.setHeader('X-Request-Id', req.requestId);
  next();
};
