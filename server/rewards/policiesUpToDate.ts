// Several instances share one policy registry in the database, but each computes
// with the versions it loaded (policyRegistry.ts). A version published through
// one instance must price the very next request on any other, and set its
// leadership tiers and periods at once: a minute's refresh would let another
// instance approve by the old tiers meanwhile. So every API request, and every
// job run, first compares the registry's revision (the count of published
// versions: one small count) with the one loaded, and reloads when it moved.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { refreshPublishedPolicies } from './policyVersions';

export function policiesUpToDate(logger: Logger): RequestHandler {
  return (_req, _res, next) => {
    refreshPublishedPolicies(logger).then(() => next(), next);
  };
}
