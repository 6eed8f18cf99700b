// The OpenAPI 3.1 document, built from the same zod schemas that validate
// requests (zod's own JSON Schema output is the 2020-12 dialect OpenAPI 3.1 uses).
import { z, type ZodType } from 'zod';
import { SESSION_COOKIE, sessionCookieName } from '../../staff/sessions';

export interface DocumentedRoute {
  method: string;
  path: string;
  summary: string;
  tag: string;
  /** 'public', 'reporter' (follow-up token), 'staff' (any signed-in member) or the policy action that guards it. */
  access: string;
  /** Reachable while a required second factor is still being enrolled. */
  duringTotpEnrolment: boolean;
  /** Reachable by an account that must first replace a handed-out password. */
  duringPasswordChange?: boolean;
  status: number;
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
  response?: ZodType;
  /** A file route's content type ('*' for the file's own). */
  responseType?: string;
  /** Documented by hand where the body is not JSON (multipart, redirects). */
  requestContent?: Record<string, unknown>;
}

const routes: DocumentedRoute[] = [];

/** Ways of authenticating that a feature defines (the exchange's signed requests), by the access value that uses them. */
const featureSchemes = new Map<string, { name: string; scheme: Record<string, unknown> }>();

export function documentSecurityScheme(access: string, name: string, scheme: Record<string, unknown>): void {
  featureSchemes.set(access, { name, scheme });
  cached = undefined;
}

/** Requests we send to others (OpenAPI 3.1 `webhooks`), by name. */
const webhooks = new Map<string, { summary: string; description: string; body: ZodType; access: string }>();

export function documentWebhook(
  name: string,
  spec: { summary: string; description: string; body: ZodType; access: string },
): void {
  webhooks.set(name, spec);
  cached = undefined;
}

function securityOf(access: string): Record<string, unknown> {
  const feature = featureSchemes.get(access);
  if (feature) return { security: [{ [feature.name]: [] }] };
  if (access === 'reporter') return { security: [{ followupToken: [] }] };
  return access !== 'public' ? { security: [{ session: [] }] } : {};
}

export function documentRoute(route: DocumentedRoute): void {
  // Building the app twice (tests do) declares the same routes again: keep one of each.
  const same = routes.findIndex((r) => r.method === route.method && r.path === route.path);
  if (same >= 0) routes[same] = route;
  else routes.push(route);
  cached = undefined;
}

/** Every documented route, for the authorization-matrix test and tooling. */
export function documentedRoutes(): readonly DocumentedRoute[] {
  return routes;
}

function jsonSchema(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  void $schema;
  return rest;
}

function parameters(schema: ZodType | undefined, where: 'query' | 'path'): unknown[] {
  if (!schema) return [];
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, propSchema]) => ({
    name,
    in: where,
    required: where === 'path' || !!s.required?.includes(name),
    schema: propSchema,
  }));
}

const problem = {
  description: 'Problem details (RFC 9457) with a stable `code`',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

let cached: object | undefined;

export function openApiDocument(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const content =
      r.requestContent ?? (r.body ? { 'application/json': { schema: jsonSchema(r.body, 'input') } } : undefined);
    (paths[path] ??= {})[r.method] = {
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(content ? { requestBody: { required: true, content } } : {}),
      responses: {
        [r.status]: r.response
          ? { description: 'Success', content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } }
          : r.responseType
            ? {
                description: 'Success',
                content: {
                  [r.responseType === '*' ? '*/*' : r.responseType]: { schema: { type: 'string', format: 'binary' } },
                },
              }
            : { description: 'Success' },
        '4XX': problem,
      },
      ...securityOf(r.access),
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Woodpecker 啄木鸟 API',
      version: '1',
      description:
        'Public work-safety reporting and reward system. Errors are application/problem+json with a stable `code`; send Accept-Language: en for English. Money is integer fen. Staff requests that change state send the session cookie and X-CSRF-Token.',
    },
    paths,
    webhooks: Object.fromEntries(
      [...webhooks].map(([name, w]) => [
        name,
        {
          post: {
            summary: w.summary,
            description: w.description,
            requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(w.body, 'output') } } },
            responses: { '2XX': { description: 'Received: any 2xx answer ends the retries' } },
            ...securityOf(w.access),
          },
        },
      ]),
    ),
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: `Named ${sessionCookieName(true)} when the site is served over HTTPS`,
        },
        followupToken: { type: 'http', scheme: 'bearer', description: 'From POST /api/v1/followup/sessions' },
        ...Object.fromEntries([...featureSchemes.values()].map((f) => [f.name, f.scheme])),
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            requestId: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  };
  return cached;
}
