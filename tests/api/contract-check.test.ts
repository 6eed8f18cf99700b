// In tests every JSON answer is parsed with its endpoint's response schema before
// it is sent: a handler whose answer drifts from the schema answers 500 (the zod
// issues logged), so the test that reaches it fails.
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';
import { endpoint } from '../../shared/contract/endpoint';
import { defineRoute } from '../../server/platform/http/defineRoute';
import { errorHandler } from '../../server/platform/http/errorHandler';
import { requestContext } from '../../server/platform/http/requestId';

const thing = endpoint({
  kind: 'json',
  method: 'get',
  path: '/api/v1/test/things/:id',
  tag: 'test',
  summary: 'A thing',
  params: z.object({ id: z.enum(['right', 'wrong-type', 'missing', 'extra', 'date', 'nested-extra']) }),
  response: z.object({
    id: z.string(),
    count: z.number().int(),
    at: z.string(),
    parts: z.array(z.object({ name: z.string() })),
  }),
  status: 200,
});

const logged: string[] = [];
const app = express();
app.use(requestContext);
const router = express.Router();
// The handler answers differently per id; its type is loosened on purpose, as a drifting presenter would be.
defineRoute(router, thing, { access: 'public' }, async ({ params }) => {
  const base = { id: params.id, count: 1, at: '2026-01-01T00:00:00.000Z', parts: [{ name: 'a' }] };
  const answers: Record<string, unknown> = {
    right: base,
    'wrong-type': { ...base, count: '1' },
    missing: { id: base.id, at: base.at, parts: base.parts },
    extra: { ...base, secret: 'not in the schema' },
    date: { ...base, at: new Date('2026-01-01T00:00:00Z') },
    'nested-extra': { ...base, parts: [{ name: 'a', phone: '13800000000' }] },
  };
  return answers[params.id] as z.input<typeof thing.response>;
});
app.use(router);
app.use(errorHandler(pino({ level: 'error' }, { write: (line: string) => void logged.push(line) })));

beforeEach(() => {
  logged.length = 0;
});

test('NODE_ENV is test under Jest, so answers are checked', () => {
  expect(process.env.NODE_ENV).toBe('test');
});

test('an answer of the declared shape is sent as it is', async () => {
  const res = await request(app).get('/api/v1/test/things/right');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ id: 'right', count: 1, at: '2026-01-01T00:00:00.000Z', parts: [{ name: 'a' }] });
  expect(logged).toEqual([]);
});

test.each([
  ['wrong-type', 'count'],
  ['missing', 'count'],
  ['date', 'at'],
  ['extra', 'secret'],
  ['nested-extra', 'parts.0.phone'],
])('an answer that drifts from its schema (%s) is a 500, with the issue logged', async (id, field) => {
  const res = await request(app).get(`/api/v1/test/things/${id}`);
  expect(res.status).toBe(500);
  expect(res.body.code).toBe('server.internal');
  expect(JSON.stringify(res.body)).not.toContain('not in the schema');
  expect(logged.join('\n')).toContain('GET /api/v1/test/things/:id answered with a shape its response schema refuses');
  expect(logged.join('\n')).toContain(field.split('.').pop());
});
