// The one way the client talks to the server: JSON in and out, same-origin cookies,
// the CSRF token on every state-changing request, problem+json turned into ApiError.
import { getLang, messagesFor } from './i18n';

const API_BASE = '/api/v1';
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

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions {
  signal?: AbortSignal;
}

async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    const m = messagesFor().errors;
    throw new ApiError(0, 'client.network', m.networkTitle, m.network);
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = await toApiError(response);
  if (error.status === 401 && error.code === 'auth.unauthenticated') {
    for (const listener of unauthenticatedListeners) listener();
  }
  throw error;
}

async function toApiError(response: Response): Promise<ApiError> {
  const m = messagesFor().errors;
  const fallbackDetail = m.httpStatus(response.status);
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) {
    return new ApiError(response.status, `http.${response.status}`, response.statusText, fallbackDetail);
  }
  let problem: Record<string, unknown> = {};
  try {
    problem = (await response.json()) as Record<string, unknown>;
  } catch {
    // malformed body: keep the generic message
  }
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return new ApiError(
    typeof problem.status === 'number' ? problem.status : response.status,
    text(problem.code) || `http.${response.status}`,
    text(problem.title),
    text(problem.detail) || text(problem.title) || fallbackDetail,
    parseFieldErrors(problem.errors),
    text(problem.requestId) || undefined,
  );
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
};

/** A message fit for the user, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  return messagesFor().errors.unexpected;
}
