// Helpers for API tests that act as staff: open a session (through the session
// command, or by signing in over HTTP where the sign-in itself is under test),
// attach the session cookie and CSRF token, create extra accounts, and check
// problem documents.
import type { Express } from 'express';
import type { Types } from 'mongoose';
import request, { type Response, type Test } from 'supertest';
import type { ErrorCode } from '../../shared/errors';
import type { Role } from '../../shared/roles';
import type { StaffView } from '../../shared/schemas/staff';
import { usesSecureCookies } from '../../server/app';
import { hashPassword } from '../../server/staff/passwords';
import { createSession, sessionCookieName } from '../../server/staff/sessions';
import { presentStaff } from '../../server/staff/staff.presenter';
import { Staff } from '../../server/staff/staff.model';
import type { TestApp } from './server';

export interface StaffSession {
  /** `wp_session=<token>` (`__Host-wp_session=…` when the app is served over HTTPS), ready for a Cookie header. */
  cookie: string;
  token: string;
  csrfToken: string;
  user: StaffView;
}

export function setCookies(res: Response): string[] {
  const raw = res.headers['set-cookie'] as unknown;
  return Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
}

const sessionCookieNames = [sessionCookieName(false), sessionCookieName(true)];

/** The session cookie a response sets, as `name=value`, or undefined. */
export function sessionCookieOf(res: Response): string | undefined {
  return setCookies(res)
    .map((c) => c.split(';')[0])
    .find((pair) => sessionCookieNames.some((name) => pair.startsWith(`${name}=`)));
}

/** `app`: the Express app, or the base URL of a running one. */
export function login(app: Express | string, username: string, password: string, totp?: string): Test {
  return request(app)
    .post('/api/v1/auth/login')
    .send({ username, password, ...(totp ? { totp } : {}) });
}

/** Signs in and fails loudly when that does not work. */
export async function signIn(
  app: Express | string,
  username: string,
  password: string,
  totp?: string,
): Promise<StaffSession> {
  const res = await login(app, username, password, totp);
  const cookie = sessionCookieOf(res);
  if (res.status !== 200 || !cookie)
    throw new Error(`sign-in as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    cookie,
    token: cookie.slice(cookie.indexOf('=') + 1),
    csrfToken: res.body.csrfToken as string,
    user: res.body.user as StaffView,
  };
}

/**
 * A session for an existing account, made by the same command a sign-in ends with, without
 * the sign-in round trip (password check, throttling, audit entry). Suites about signing in
 * use `signIn`.
 */
export async function openSession(t: Pick<TestApp, 'config'>, username: string): Promise<StaffSession> {
  const staff = await Staff.findOne({ username });
  if (!staff) throw new Error(`no staff account ${username}`);
  const { token, csrfToken } = await createSession(staff._id, {
    idleMinutes: t.config.SESSION_IDLE_MINUTES,
    absoluteHours: t.config.SESSION_ABSOLUTE_HOURS,
  });
  return {
    cookie: `${sessionCookieName(usesSecureCookies(t.config))}=${token}`,
    token,
    csrfToken,
    user: presentStaff(staff),
  };
}

/** Adds the session cookie and (unless told otherwise) the matching CSRF token. */
export function as(req: Test, session: StaffSession, csrfToken: string | null = session.csrfToken): Test {
  req.set('Cookie', session.cookie);
  return csrfToken === null ? req : req.set('X-CSRF-Token', csrfToken);
}

/** The password of accounts made by createAccount unless one is given. */
export const TEST_PASSWORD = 'test account password';

export interface NewAccount {
  username: string;
  role: Role;
  password?: string;
  unitCode?: string;
  areaCodes?: string[];
  /** Every area; by default granted exactly when no areas are listed. */
  allAreas?: boolean;
  displayName?: string;
}

// scrypt costs ~100 ms a hash: accounts that share a password share its hash (salted once).
const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) =>
  hashes.get(password) ?? hashes.set(password, hashPassword(password)).get(password)!;

/** Creates a staff account directly in the database (for tests that need one to spend). */
export async function createAccount(a: NewAccount): Promise<{ id: string; _id: Types.ObjectId }> {
  const doc = await Staff.create({
    username: a.username,
    displayName: a.displayName ?? `Test ${a.username}`,
    role: a.role,
    unitCode: a.unitCode ?? 'city-emb',
    areaCodes: a.areaCodes ?? [],
    allAreas: a.allAreas ?? !a.areaCodes?.length,
    passwordHash: await hashOnce(a.password ?? TEST_PASSWORD),
  });
  return { id: String(doc._id), _id: doc._id };
}

/** Asserts an RFC 9457 problem response with the given status and stable code. */
export function expectProblem(res: Response, status: number, code: ErrorCode): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}

/** The field paths a 400 problem names. */
export function errorPaths(res: Response): string[] {
  return ((res.body?.errors ?? []) as { path: string }[]).map((e) => e.path);
}
