// One place that turns every failure into a problem document. Known failures map
// to stable codes; anything else is logged with the request id and shown without internals.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { AppError, fail, type FieldError } from '../errors';
import { toProblem } from './problem';
import { publicRouteOf } from './publicRoutes';
import './requestContext';

function translate(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof mongoose.Error.ValidationError) {
    const fields: FieldError[] = Object.values(err.errors).map((e) => ({
      path: e.path,
      code: e.kind,
      message: e.message,
    }));
    return fail('request.invalid', fields);
  }
  if (err instanceof mongoose.Error.CastError)
    return fail('request.invalid', [{ path: err.path, code: 'invalid_type', message: err.message }]);
  const e = err as {
    code?: number | string;
    keyValue?: Record<string, unknown>;
    type?: string;
    status?: number;
    expose?: boolean;
  };
  if (e?.code === 11000) {
    const fields = Object.keys(e.keyValue ?? {}).map((path) => ({
      path,
      code: 'duplicate',
      message: `${path} already exists`,
    }));
    return fail('resource.conflict', fields);
  }
  if (e?.type === 'entity.parse.failed') return fail('request.malformed_json');
  if (e?.type === 'entity.too.large') return fail('request.too_large');
  // An unknown Content-Encoding is the client's mistake (400), as is a body that does not inflate.
  if (e?.type === 'encoding.unsupported') return fail('request.unsupported_encoding');
  if (e?.type === 'charset.unsupported') return fail('request.unsupported_media_type');
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) return fail('request.unsupported_encoding'); // zlib could not inflate it
  // Any other refusal of the body parser (aborted, length mismatch) is the client's, never a 500.
  if (e?.expose === true && typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return fail('request.invalid');
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let appError = translate(err);
    if (!appError) {
      logger.error(
        { err, requestId: req.requestId, method: req.method, path: publicRouteOf(req.method, req.path) ?? req.path },
        'unexpected error',
      );
      appError = fail('server.internal');
    }
    if (res.headersSent) return res.end();
    const problem = toProblem(appError, req.locale ?? 'zh-CN', req.requestId);
    if (typeof problem.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(problem.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}

export const notFound: RequestHandler = () => {
  throw fail('resource.not_found');
};
