// The one way the client talks to the server: JSON in and out, same-origin cookies,
// the CSRF token on every state-changing request, problem+json turned into ApiError.
import { getLang, messagesFor } from './i18n';

export const API_BASE = '/api/v1';
const CSRF_STORAGE_KEY = 'woodpecker.csrf';

export interface FieldError {
  /** Dotted path of the offending field, e.g. "newPassword" or "areaCodes.0". */
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(detail || title || code);
    this.name = 'ApiError';
  }
}

// --- CSRF token: memory first, sessionStorage so a reload keeps it for this tab only.

let csrfToken: string | null = readStoredCsrf();

function readStoredCsrf(): string | null {
  try {
    return sessionStorage.getItem(CSRF_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  try {
    if (token) sessionStorage.setItem(CSRF_STORAGE_KEY, token);
    else sessionStorage.removeItem(CSRF_STORAGE_KEY);
  } catch {
    // memory copy still works for this page
  }
}

// --- Session expiry: whoever shows the login page listens here.

const unauthenticatedListeners = new Set<() => void>();

/** Called when any request answers 401 auth.unauthenticated (session expired or revoked). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

// --- Requests

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra headers, e.g. the public pages' proof of work or follow-up bearer token. */
  headers?: Record<string, string>;
}

/** The language the server should answer problems in. */
export function acceptLanguage(): string {
  return getLang() === 'en' ? 'en' : 'zh-CN';
}

/** Sends a request; resolves with the response when it is OK, otherwise throws an ApiError. */
async function send(
  method: Method,
  path: string,
  body: unknown,
  options: RequestOptions,
  accept: string,
): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': acceptLanguage(),
    ...options.headers,
  };
  // A multipart form sets its own Content-Type (with the boundary); everything else is JSON.
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw networkError();
  }
  if (response.ok) return response;

  const error = await toApiError(response);
  if (error.status === 401 && error.code === 'auth.unauthenticated') {
    for (const listener of unauthenticatedListeners) listener();
  }
  throw error;
}

/** A JSON request to `path` under API_BASE; resolves with the parsed answer (undefined for 204). */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const response = await send(method, path, body, options, 'application/json, application/problem+json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body = '';
  try {
    body = await response.text();
  } catch {
    // connection dropped while reading: keep the generic message
  }
  return apiErrorFrom(response.status, response.headers.get('Content-Type') ?? '', body, response.statusText);
}

/** An ApiError from a failed response's parts (also used for XMLHttpRequest uploads). */
export function apiErrorFrom(status: number, contentType: string, body: string, statusText = ''): ApiError {
  const m = messagesFor().errors;
  const fallbackDetail = m.httpStatus(status);
  if (!contentType.includes('json')) {
    return new ApiError(status, `http.${status}`, statusText, fallbackDetail);
  }
  let problem: Record<string, unknown> = {};
  try {
    problem = JSON.parse(body) as Record<string, unknown>;
  } catch {
    // malformed body: keep the generic message
  }
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return new ApiError(
    typeof problem.status === 'number' ? problem.status : status,
    text(problem.code) || `http.${status}`,
    text(problem.title),
    text(problem.detail) || text(problem.title) || fallbackDetail,
    parseFieldErrors(problem.errors),
    text(problem.requestId) || undefined,
  );
}

/** The ApiError for a request that never got an answer (offline, connection lost). */
export function networkError(): ApiError {
  const m = messagesFor().errors;
  return new ApiError(0, 'client.network', m.networkTitle, m.network);
}

function parseFieldErrors(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item): FieldError[] => {
    if (!item || typeof item !== 'object') return [];
    const { path, message } = item as { path?: unknown; message?: unknown };
    const dotted = Array.isArray(path) ? path.join('.') : typeof path === 'string' ? path : '';
    return typeof message === 'string' ? [{ path: dotted, message }] : [];
  });
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  /** A file (PDF, image) as a Blob; failures still arrive as ApiError with the server's message. */
  blob: async (path: string, options: RequestOptions = {}) =>
    (await send('GET', path, undefined, options, '*/*')).blob(),
};

/** A message fit for the user, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return messagesFor().errors.unexpected;
}
