// One endpoint as both sides see it: method, path, the shapes of what is sent and
// what comes back. No server concerns here (who may call it, caching, auditing):
// the server adds those where it registers the route, the client reads the same
// declaration to build its calls and type their answers.
import type { ZodType } from 'zod';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Common {
  method: Method;
  /** Express style, parameters as `:name`. */
  path: string;
  summary: string;
  tag: string;
  params?: ZodType;
  query?: ZodType;
  /** A JSON body. */
  body?: ZodType;
  /** A body that is not JSON: the handler reads it (multipart uploads). */
  requestType?: 'multipart/form-data';
  /** The success status. */
  status: number;
}

/** Answers with JSON of the `response` shape. */
export interface JsonEndpoint extends Common {
  kind: 'json';
  response: ZodType;
}

/** Answers with no body (204). */
export interface EmptyEndpoint extends Common {
  kind: 'empty';
}

/** Answers with a file: a download, a PDF, an image, evidence as stored (`contentType` '*' for the file's own type). */
export interface FileEndpoint extends Common {
  kind: 'file';
  contentType: string;
}

/** Answers with a redirect. */
export interface RedirectEndpoint extends Common {
  kind: 'redirect';
}

export type Endpoint = JsonEndpoint | EmptyEndpoint | FileEndpoint | RedirectEndpoint;

/** Declares an endpoint, keeping the exact schema types for the server's handler and the client's caller. */
export const endpoint = <const E extends Endpoint>(e: E): E => e;

/** The path with its parameters filled in (each encoded). */
export function pathWith(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
