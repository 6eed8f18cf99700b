// One declaration per endpoint: the contract entry (shared/contract: method, path,
// schemas) plus what only the server knows (access, caching, auditing). The Express
// route and its OpenAPI entry come from it, the handler's answer is typed by the
// response schema, and every request walks the same steps:
// authenticate (session) → password-change and second-factor gates → authorize (policy) → validate (zod) → handler → JSON.
import type { Request, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import type { Endpoint } from '../../../shared/contract/endpoint';
import type { Locale } from '../../../shared/errors';
import { csrfMatches } from '../../staff/sessions';
import { decoyRefusal, followupSessionOf } from '../../reports/followup';
import { documentRoute, type DocumentedRoute } from './openapi';
import { auditRead } from '../../audit/auditRead';
import { authorize, can, type Action, type Actor } from '../../access';
import { fail, type FieldError } from '../errors';
import './requestContext';

/** What only the server knows about an endpoint: who may call it, and how its answer is kept. */
export interface ServerSpec {
  /**
   * 'public': anyone; 'reporter': a follow-up bearer token (the report it opens is
   * `reference`); 'staff': any signed-in staff member; 'partner': a partner system's
   * signed request (server/exchange); an action: whom the policy allows.
   */
  access: 'public' | 'reporter' | 'staff' | 'partner' | Action;
  /** Reachable while a required second factor is still being enrolled. */
  duringTotpEnrolment?: boolean;
  /** Reachable by an account that must first replace a handed-out password (its session, sign-out, the change itself). */
  duringPasswordChange?: boolean;
  /** For bodies that are not JSON (multipart uploads): documented by hand, parsed by the handler. */
  requestContent?: Record<string, unknown>;
  /** Responses that carry personal data must not be cached (default: every staff route). */
  noStore?: boolean;
  /** For reads of sealed personal data: the audit action recorded when the policy refuses a staff member. */
  auditRefusal?: string;
  /** A 'reporter' route that answers a duress-key (decoy) session itself; others refuse it as for a withdrawn report. */
  decoyAware?: true;
}

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  actor: Actor;
  /** The report a reporter's follow-up token opens ('reporter' routes only). */
  reference: string;
  /** The follow-up token was opened with the duress key ('reporter' routes only). */
  decoy: boolean;
  req: Request;
  res: Response;
}

/**
 * An idempotent create that found the request already done answers 200 with the
 * earlier result instead of the declared 201: the handler calls this first.
 */
export function answerAsRepeat(res: Response): void {
  res.locals.repeatStatus = 200;
}

/** A handler that sent its own response (a redirect, a file) returns this. */
declare const responded: unique symbol;
/** The type of RESPONDED: an object type, so it survives type inference where a symbol type would widen. */
export type Responded = { readonly [responded]: true };
export const RESPONDED = Symbol('responded') as unknown as Responded;

const localeErrors: Record<Locale, z.core.$ZodErrorMap> = {
  'zh-CN': z.locales.zhCN().localeError,
  en: z.locales.en().localeError,
};

export function validate<T extends ZodType>(schema: T, value: unknown, locale: Locale, prefix: string): z.infer<T> {
  const r = schema.safeParse(value, { error: localeErrors[locale] });
  if (r.success) return r.data;
  const fields: FieldError[] = r.error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].join('.'),
    code: i.code,
    message: i.message,
  }));
  throw fail('request.invalid', fields);
}

const safeMethods = new Set(['get', 'head', 'options']);

/** The report a refused request aimed at, when its parameters name one. */
function reportTarget(spec: Endpoint, req: Request): { type: string; id: string } | null {
  const params = spec.params?.safeParse(req.params);
  const reference = params?.success ? (params.data as { reference?: unknown }).reference : undefined;
  return typeof reference === 'string' ? { type: 'report', id: reference } : null;
}

/** A request part the endpoint declares, as its schema parses it; nothing when it declares none. */
type Parsed<E, K extends 'body' | 'query' | 'params'> = E extends { [P in K]: infer S extends ZodType }
  ? z.output<S>
  : Record<string, never>;

/**
 * What a handler must answer with. JSON: both the response schema's input and its
 * output, because tests parse the answer (so it must be a valid input) while
 * production sends it as it is (so it must already be what clients read: no
 * default left to fill in, no Date where the schema says string). No body:
 * nothing. A file or a redirect: the handler sent it and returns RESPONDED.
 */
export type Answer<E extends Endpoint> = E extends { kind: 'json'; response: infer R extends ZodType }
  ? z.input<R> & z.output<R>
  : E extends { kind: 'empty' }
    ? void
    : Responded;

export type Handler<E extends Endpoint> = (
  ctx: RouteContext<Parsed<E, 'body'>, Parsed<E, 'query'>, Parsed<E, 'params'>>,
) => Promise<Answer<E>>;

/**
 * In tests every JSON answer is parsed with its response schema before it is
 * sent, and any field the schema does not declare is refused too, so a presenter
 * that drifts from its schema fails the test that reaches it. Production sends
 * the answer unparsed: parsing every answer again costs time on every request,
 * and the presenters already are the explicit field lists the schemas describe.
 */
const checkAnswers = process.env.NODE_ENV === 'test';

export class AnswerMismatch extends Error {
  constructor(
    readonly route: string,
    readonly issues: unknown[],
  ) {
    super(`${route} answered with a shape its response schema refuses: ${JSON.stringify(issues)}`);
    this.name = 'AnswerMismatch';
  }
}

/** Paths of fields in `sent` (as JSON would carry them) that the parsed answer dropped. */
function undeclaredFields(sent: unknown, parsed: unknown, path: string[] = []): string[] {
  if (Array.isArray(sent))
    return Array.isArray(parsed)
      ? sent.flatMap((item, i) => undeclaredFields(item, parsed[i], [...path, String(i)]))
      : [];
  if (!sent || typeof sent !== 'object' || !parsed || typeof parsed !== 'object') return [];
  return Object.entries(sent).flatMap(([key, value]) => {
    if (value === undefined) return []; // JSON leaves it out
    if (!(key in parsed)) return [[...path, key].join('.')];
    return undeclaredFields(value, (parsed as Record<string, unknown>)[key], [...path, key]);
  });
}

export function checkAnswer(endpoint: Endpoint, answer: unknown): void {
  if (endpoint.kind !== 'json') return;
  const route = `${endpoint.method.toUpperCase()} ${endpoint.path}`;
  const parsed = endpoint.response.safeParse(answer);
  if (!parsed.success) throw new AnswerMismatch(route, parsed.error.issues);
  const extra = undeclaredFields(JSON.parse(JSON.stringify(answer)), parsed.data);
  if (extra.length)
    throw new AnswerMismatch(
      route,
      extra.map((path) => ({ code: 'unrecognized_keys', path, message: 'not in the response schema' })),
    );
}

export function defineRoute<const E extends Endpoint>(
  router: Router,
  endpoint: E,
  server: ServerSpec,
  handler: Handler<E>,
): void {
  const spec = { ...endpoint, ...server };
  documentRoute(documented(endpoint, server));
  router[spec.method](spec.path, async (req: Request, res: Response) => {
    // Set first, so refusals (401, 403, 400) are not cached either.
    if (spec.noStore ?? spec.access !== 'public') res.setHeader('Cache-Control', 'no-store');
    let actor: Actor | undefined;
    let reference: string | undefined;
    let decoy = false;
    if (spec.access === 'reporter') ({ reference, decoy } = await followupSessionOf(req.get('authorization')));
    else if (spec.access === 'partner') {
      if (!req.partner) throw fail(req.partnerRefusal === 'replayed' ? 'exchange.replayed' : 'exchange.unsigned');
    } else if (spec.access !== 'public') {
      const staff = req.staff;
      if (!staff) throw fail('auth.unauthenticated');
      if (!safeMethods.has(spec.method) && !csrfMatches(staff.csrfToken, req.get('x-csrf-token')))
        throw fail('auth.csrf_invalid');
      if (staff.mustChangePassword && !spec.duringPasswordChange) throw fail('auth.password_change_required');
      if (staff.mustEnrolTotp && !spec.duringTotpEnrolment) throw fail('auth.totp_enrolment_required');
      actor = staff.actor;
      if (spec.access !== 'staff' && spec.auditRefusal && !can(actor, spec.access)) {
        await auditRead({
          actor,
          action: spec.auditRefusal,
          target: reportTarget(endpoint, req),
          details: { refused: 'forbidden' },
        });
      }
      if (spec.access !== 'staff') authorize(actor, spec.access);
    }
    const body = spec.body ? validate(spec.body, req.body ?? {}, req.locale, 'body') : {};
    const query = spec.query ? validate(spec.query, req.query, req.locale, 'query') : {};
    const params = spec.params ? validate(spec.params, req.params, req.locale, 'params') : {};
    // The duress key's holder is answered as a withdrawn report's would be (server/protection/decoy.ts).
    if (decoy && !spec.decoyAware) throw fail(decoyRefusal(endpoint.path));
    const result: unknown = await handler({
      body,
      query,
      params,
      actor: actor as Actor,
      reference: reference as string,
      decoy,
      req,
      res,
    } as Parameters<Handler<E>>[0]);
    switch (endpoint.kind) {
      case 'json':
        if (checkAnswers) checkAnswer(endpoint, result); // a mismatch reaches the error handler: logged with its issues, 500
        res.status(res.locals.repeatStatus ?? endpoint.status).json(result);
        return;
      case 'empty':
        res.status(endpoint.status).end();
        return;
      default:
        if (result !== RESPONDED)
          throw new Error(`${spec.method.toUpperCase()} ${spec.path} returned without sending its ${endpoint.kind}`);
    }
  });
}

/** The OpenAPI entry of a route: the endpoint as declared, with its access rule. */
export function documented(endpoint: Endpoint, server: ServerSpec): DocumentedRoute {
  return {
    method: endpoint.method,
    path: endpoint.path,
    summary: endpoint.summary,
    tag: endpoint.tag,
    access: server.access,
    duringTotpEnrolment: !!server.duringTotpEnrolment,
    duringPasswordChange: !!server.duringPasswordChange,
    status: endpoint.status,
    body: endpoint.body,
    query: endpoint.query,
    params: endpoint.params,
    response: endpoint.kind === 'json' ? endpoint.response : undefined,
    responseType: endpoint.kind === 'file' ? endpoint.contentType : undefined,
    requestContent: server.requestContent,
  };
}
