// One declaration per endpoint: the Express route and its OpenAPI entry come from
// the same spec, and every request walks the same steps:
// authenticate (session) → password-change and second-factor gates → authorize (policy) → validate (zod) → handler → JSON.
import type { Request, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import type { Locale } from '../../../shared/errors';
import { csrfMatches } from '../../staff/sessions';
import { followupReferenceOf } from '../../reports/followup';
import { documentRoute } from './openapi';
import { auditRead } from '../../audit/auditRead';
import { authorize, can, type Action, type Actor } from '../../access';
import { fail, type FieldError } from '../errors';
import './requestContext';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<B extends ZodType, Q extends ZodType, P extends ZodType> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  /**
   * 'public': anyone; 'reporter': a follow-up bearer token (the report it opens is
   * `reference`); 'staff': any signed-in staff member; an action: whom the policy allows.
   */
  access: 'public' | 'reporter' | 'staff' | Action;
  /** Reachable while a required second factor is still being enrolled. */
  duringTotpEnrolment?: boolean;
  /** Reachable by an account that must first replace a handed-out password (its session, sign-out, the change itself). */
  duringPasswordChange?: boolean;
  body?: B;
  query?: Q;
  params?: P;
  response?: ZodType;
  /** For bodies that are not JSON (multipart uploads): documented by hand, parsed by the handler. */
  requestContent?: Record<string, unknown>;
  status?: number;
  /** Responses that carry personal data must not be cached (default: every staff route). */
  noStore?: boolean;
  /** For reads of sealed personal data: the audit action recorded when the policy refuses a staff member. */
  auditRefusal?: string;
}

export interface RouteContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  actor: Actor;
  /** The report a reporter's follow-up token opens ('reporter' routes only). */
  reference: string;
  req: Request;
  res: Response;
}

/** A handler that sent its own response (a redirect, a file) returns this. */
export const RESPONDED = Symbol('responded');

const localeErrors: Record<Locale, z.core.$ZodErrorMap> = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError };

export function validate<T extends ZodType>(schema: T, value: unknown, locale: Locale, prefix: string): z.infer<T> {
  const r = schema.safeParse(value, { error: localeErrors[locale] });
  if (r.success) return r.data;
  const fields: FieldError[] = r.error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), code: i.code, message: i.message }));
  throw fail('request.invalid', fields);
}

const safeMethods = new Set(['get', 'head', 'options']);

/** The report a refused request aimed at, when its parameters name one. */
function reportTarget(spec: RouteSpec<ZodType, ZodType, ZodType>, req: Request): { type: string; id: string } | null {
  const params = spec.params?.safeParse(req.params);
  const reference = params?.success ? (params.data as { reference?: unknown }).reference : undefined;
  return typeof reference === 'string' ? { type: 'report', id: reference } : null;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- read through `typeof` only, as the default schema type below
const empty = z.object({});

export function defineRoute<B extends ZodType = typeof empty, Q extends ZodType = typeof empty, P extends ZodType = typeof empty>(
  router: Router,
  spec: RouteSpec<B, Q, P>,
  handler: (ctx: RouteContext<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<unknown>,
): void {
  register(spec);
  router[spec.method](spec.path, async (req: Request, res: Response) => {
    // Set first, so refusals (401, 403, 400) are not cached either.
    if (spec.noStore ?? spec.access !== 'public') res.setHeader('Cache-Control', 'no-store');
    let actor: Actor | undefined;
    let reference: string | undefined;
    if (spec.access === 'reporter') reference = await followupReferenceOf(req.get('authorization'));
    else if (spec.access !== 'public') {
      const staff = req.staff;
      if (!staff) throw fail('auth.unauthenticated');
      if (!safeMethods.has(spec.method) && !csrfMatches(staff.csrfToken, req.get('x-csrf-token'))) throw fail('auth.csrf_invalid');
      if (staff.mustChangePassword && !spec.duringPasswordChange) throw fail('auth.password_change_required');
      if (staff.mustEnrolTotp && !spec.duringTotpEnrolment) throw fail('auth.totp_enrolment_required');
      actor = staff.actor;
      if (spec.access !== 'staff' && spec.auditRefusal && !can(actor, spec.access)) {
        await auditRead({ actor, action: spec.auditRefusal, target: reportTarget(spec, req), details: { refused: 'forbidden' } });
      }
      if (spec.access !== 'staff') authorize(actor, spec.access);
    }
    const body = spec.body ? validate(spec.body, req.body ?? {}, req.locale, 'body') : {};
    const query = spec.query ? validate(spec.query, req.query, req.locale, 'query') : {};
    const params = spec.params ? validate(spec.params, req.params, req.locale, 'params') : {};
    const result = await handler({ body, query, params, actor: actor as Actor, reference: reference as string, req, res } as RouteContext<z.infer<B>, z.infer<Q>, z.infer<P>>);
    if (result === RESPONDED) return;
    if (result === undefined) res.status(204).end();
    else res.status(spec.status ?? 200).json(result);
  });
}

function register(spec: RouteSpec<ZodType, ZodType, ZodType>): void {
  documentRoute({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tag: spec.tag,
    access: spec.access,
    duringTotpEnrolment: !!spec.duringTotpEnrolment,
    duringPasswordChange: !!spec.duringPasswordChange,
    status: spec.status ?? (spec.response ? 200 : 204),
    body: spec.body,
    query: spec.query,
    params: spec.params,
    response: spec.response,
    requestContent: spec.requestContent,
  });
}
