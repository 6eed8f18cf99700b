// The route contract at compile time: `npm run typecheck` compiles this file, and
// each @ts-expect-error below fails the check if its line stops being an error,
// i.e. if a handler could answer with a shape its response schema does not
// describe, or a client call could send what the endpoint does not take.
import { Router } from 'express';
import { z } from 'zod';
import { endpoint } from '../../shared/contract/endpoint';
import { allEndpoints, contract } from '../../shared/contract';
import { defineRoute, RESPONDED } from '../../server/platform/http/defineRoute';

const thing = endpoint({
  kind: 'json',
  method: 'get',
  path: '/api/v1/things/:id',
  tag: 'test',
  summary: 'A thing',
  params: z.object({ id: z.string() }),
  response: z.object({
    id: z.string(),
    count: z.number().int(),
    at: z.string(),
    tags: z.array(z.string()).default([]),
  }),
  status: 200,
});
const nothing = endpoint({
  kind: 'empty',
  method: 'delete',
  path: '/api/v1/things/:id',
  tag: 'test',
  summary: 'Forget a thing',
  params: z.object({ id: z.string() }),
  status: 204,
});
const file = endpoint({
  kind: 'file',
  contentType: 'application/pdf',
  method: 'get',
  path: '/api/v1/things/:id.pdf',
  tag: 'test',
  summary: 'A thing as PDF',
  params: z.object({ id: z.string() }),
  status: 200,
});

/** Never called: the declarations are what is checked. */
export function declarations(router: Router): void {
  // The right shape compiles; parameters are typed by their schema.
  defineRoute(router, thing, { access: 'public' }, async ({ params }) => ({
    id: params.id,
    count: 1,
    at: '2026-01-01T00:00:00.000Z',
    tags: [],
  }));

  // @ts-expect-error a field of the wrong type
  defineRoute(router, thing, { access: 'public' }, async ({ params }) => ({
    id: params.id,
    count: '1',
    at: '2026-01-01T00:00:00.000Z',
    tags: [],
  }));

  // @ts-expect-error a required field left out
  defineRoute(router, thing, { access: 'public' }, async ({ params }) => ({
    id: params.id,
    at: '2026-01-01T00:00:00.000Z',
    tags: [],
  }));

  // @ts-expect-error a Date where the schema (and so the JSON) says string
  defineRoute(router, thing, { access: 'public' }, async ({ params }) => ({
    id: params.id,
    count: 1,
    at: new Date(),
    tags: [],
  }));

  // @ts-expect-error a default the schema would fill in is not filled in when production sends the answer unparsed
  defineRoute(router, thing, { access: 'public' }, async ({ params }) => ({
    id: params.id,
    count: 1,
    at: '2026-01-01T00:00:00.000Z',
  }));

  // @ts-expect-error a route without a body answers nothing
  defineRoute(router, nothing, { access: 'public' }, async ({ params }) => ({ id: params.id }));
  defineRoute(router, nothing, { access: 'public' }, async () => undefined);

  // @ts-expect-error a file route sends the file itself and returns RESPONDED
  defineRoute(router, file, { access: 'public' }, async () => ({ ok: true }));
  defineRoute(router, file, { access: 'public' }, async () => RESPONDED);

  // Parameters the endpoint does not declare are not there to read.
  defineRoute(router, thing, { access: 'public' }, async ({ params }) => ({
    // @ts-expect-error `reference` is not a parameter of this endpoint
    id: params.reference,
    count: 1,
    at: '',
    tags: [],
  }));

  // A real route: the staff list answers with user views.
  // @ts-expect-error `total` must be a number
  defineRoute(router, contract.staff.list, { access: 'staff.list' }, async () => ({ items: [], total: '0' }));
}

test('the contract lists every endpoint once, each with a success status and, for JSON, a response schema', () => {
  const all = allEndpoints();
  const keys = all.map((e) => `${e.method} ${e.path}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const e of all) {
    expect(e.status).toBeGreaterThanOrEqual(200);
    if (e.kind === 'json') expect(e.response).toBeInstanceOf(z.ZodType);
  }
});
