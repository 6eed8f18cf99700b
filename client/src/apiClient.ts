// Typed calls from the shared contract (shared/contract): the path is built from
// the endpoint's parameters, the body and query are typed by its schemas, and the
// answer by its response schema. Sent through api.ts, so CSRF, language and
// problem documents are handled one way. Answers are not parsed again here: the
// server checks them against the same schemas in its tests.
//
// Import the feature's contract file (shared/contract/followup.ts), not the index,
// so a page carries only the schemas of the endpoints it calls. A page that needs
// no schema at run time (none of its own forms checks with zod) names its
// endpoints with route() and a type-only import instead, so it does not load zod
// at all: the compiler still checks the method and path against the contract.
import type { z } from 'zod';
import { pathWith, type EmptyEndpoint, type Endpoint, type JsonEndpoint } from '../../shared/contract/endpoint';
import { API_BASE, api, request, type Method, type RequestOptions } from './api';

type Input<E, K extends 'params' | 'query' | 'body'> = E extends { [P in K]: infer S extends z.ZodType }
  ? { [P in K]: z.input<S> }
  : { [P in K]?: undefined };

/** What a call sends: the parameters, query and body its endpoint declares (each required when declared). */
export type CallArgs<E extends Endpoint> = Input<E, 'params'> & Input<E, 'query'> & Input<E, 'body'>;

/** What a call resolves with: the response schema's output, or nothing for a 204. */
export type Answer<E extends Endpoint> = E extends { kind: 'json'; response: infer R extends z.ZodType }
  ? z.output<R>
  : void;

type Rest<E extends Endpoint> =
  object extends CallArgs<E>
    ? [args?: CallArgs<E>, options?: RequestOptions]
    : [args: CallArgs<E>, options?: RequestOptions];

/** An endpoint's kind, method and path alone; its type still carries the whole endpoint. */
export type Route<E extends Endpoint> = Pick<E, 'kind' | 'method' | 'path'> & { readonly [named]: E };
declare const named: unique symbol;

/** Names an endpoint without importing its schemas: `route<typeof stats.transparency>({ kind: 'json', method: 'get', path: '/api/v1/public/transparency' })`. */
export const route = <E extends Endpoint>(r: Pick<E, 'kind' | 'method' | 'path'>): Route<E> => r as Route<E>;

/** The endpoint's path under API_BASE, parameters filled in, query appended. */
export function endpointPath(
  endpoint: Pick<Endpoint, 'path'>,
  args: { params?: unknown; query?: unknown } = {},
): string {
  const full = pathWith(endpoint.path, (args.params ?? {}) as Record<string, string | number>);
  if (!full.startsWith(`${API_BASE}/`)) throw new Error(`${endpoint.path} is not an API path`);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries((args.query ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) query.append(key, String(value));
  }
  const search = query.toString();
  return full.slice(API_BASE.length) + (search ? `?${search}` : '');
}

/** Calls a JSON (or no-content) endpoint. */
export function call<E extends JsonEndpoint | EmptyEndpoint>(endpoint: E, ...rest: Rest<E>): Promise<Answer<E>>;
export function call<E extends JsonEndpoint | EmptyEndpoint>(endpoint: Route<E>, ...rest: Rest<E>): Promise<Answer<E>>;
export function call(
  endpoint: Pick<Endpoint, 'method' | 'path'>,
  ...[args, options]: [args?: object, options?: RequestOptions]
): Promise<unknown> {
  const a = (args ?? {}) as { params?: unknown; query?: unknown; body?: unknown };
  return request(endpoint.method.toUpperCase() as Method, endpointPath(endpoint, a), a.body, options);
}

/** Fetches a file endpoint (a PDF, an image) as a Blob. */
export function callFile(
  endpoint: Pick<Endpoint & { kind: 'file' }, 'kind' | 'path'>,
  args: { params?: unknown; query?: unknown } = {},
  options?: RequestOptions,
): Promise<Blob> {
  return api.blob(endpointPath(endpoint, args), options);
}
