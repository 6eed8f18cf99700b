// Request bodies come uncompressed, or (JSON only) in a coding the JSON parser inflates
// under its size limit. The upload parser decodes none, so a coded upload would be read
// as if it were plain: it is refused instead, like an unknown coding on JSON.
import type { RequestHandler } from 'express';
import { fail } from '../errors';

export const refuseUndecodableBodies: RequestHandler = (req, _res, next) => {
  const coding = req.get('content-encoding')?.trim().toLowerCase();
  if (!coding || coding === 'identity' || req.is('application/json')) return next();
  next(fail('request.unsupported_encoding'));
};
