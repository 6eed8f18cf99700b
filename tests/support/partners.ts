// Partner systems in API tests: register one through the administrators'
// endpoint (so the secret is the one the answer shows once), and send signed
// exchange requests exactly as a partner's client would.
import crypto from 'node:crypto';
import type { Express } from 'express';
import request, { type Test } from 'supertest';
import { signedHeaders } from '../../server/exchange/signature';
import { as, type StaffSession } from './staff';

export interface PartnerKey {
  code: string;
  keyId: string;
  secret: string;
}

export async function registerPartner(
  app: Express,
  admin: StaffSession,
  code: string,
  options: { testMode?: boolean; webhookUrl?: string } = {},
): Promise<PartnerKey> {
  const res = await as(request(app).post('/api/v1/partners'), admin).send({
    code,
    name: { zh: `测试对接方 ${code}`, en: `Test partner ${code}` },
    testMode: !!options.testMode,
    ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
  });
  if (res.status !== 201) throw new Error(`registering ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return { code, keyId: res.body.partner.keyId, secret: res.body.secret };
}

/** A secret of the partner's kind that the server never issued, to sign with on purpose. */
export const strangerSecret = () => crypto.randomBytes(32).toString('base64url');

/** The exact bytes a partner signs and sends. */
export const bodyBytes = (body: unknown) => Buffer.from(JSON.stringify(body));

/** A POST signed with the partner's key; `headers` override the signed ones (to break them on purpose). */
export function signedPost(
  app: Express,
  path: string,
  body: unknown,
  key: Pick<PartnerKey, 'keyId' | 'secret'>,
  options: { now?: Date; headers?: Record<string, string>; sentBody?: Buffer } = {},
): Test {
  const raw = bodyBytes(body);
  const headers = {
    ...signedHeaders(key.keyId, key.secret, { method: 'POST', path, body: raw }, options.now),
    ...options.headers,
  };
  const req = request(app).post(path).set('Content-Type', 'application/json');
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req.send((options.sentBody ?? raw).toString('utf8'));
}

/** A GET signed with the partner's key (the status pull). */
export function signedGet(app: Express, path: string, key: Pick<PartnerKey, 'keyId' | 'secret'>): Test {
  const req = request(app).get(path);
  for (const [name, value] of Object.entries(signedHeaders(key.keyId, key.secret, { method: 'GET', path, body: '' })))
    req.set(name, value);
  return req;
}
