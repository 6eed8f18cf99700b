// Every documented route × every caller: no session, a bad CSRF token, each of the
// five roles, and a member who still has to enrol a required second factor. The
// expected outcome comes from the route's declared access and the policy table
// (can()), so a new route is covered the moment it is declared, and a route added
// to the app without a declaration fails the completeness check.
import type { Express } from 'express';
import request, { type Response, type Test } from 'supertest';
import { allEndpoints } from '../../shared/contract';
import { roles, type Role } from '../../shared/roles';
import { createSession } from '../../server/staff/sessions';
import { documentedRoutes, type DocumentedRoute } from '../../server/platform/http/openapi';
import { can, type Action, type Actor } from '../../server/access';
import { Staff } from '../../server/staff/staff.model';
import { unitLevel } from '../../server/catalog/units';
import { startTestApp, type TestApp } from '../support/server';
import { createAccount } from '../support/staff';

let t: TestApp;
/** The account that `:id` parameters point at (password resets land here, not on a caller). */
let targetId: string;
const actors = {} as Record<Role, Actor>;
let unenrolled: Actor;
let handedOut: Actor;

beforeAll(async () => {
  // Finance must enrol TOTP: the demo finance account is given a factor, a second one is not.
  t = await startTestApp({ TOTP_REQUIRED_ROLES: 'finance' });
  await Staff.updateOne(
    { username: 'finance' },
    { $set: { totpSecretSealed: t.box.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') } },
  );
  for (const role of roles) actors[role] = await actorOf(role);
  await createAccount({ username: 'finance-new', role: 'finance' });
  unenrolled = await actorOf('finance-new');
  await createAccount({ username: 'handed-out', role: 'admin' });
  await Staff.updateOne({ username: 'handed-out' }, { $set: { mustChangePassword: true } });
  handedOut = await actorOf('handed-out');
  targetId = (await createAccount({ username: 'matrix-target', role: 'intake' })).id;
});
afterAll(async () => {
  await t?.stop();
});

async function actorOf(username: string): Promise<Actor> {
  const s = (await Staff.findOne({ username }).lean())!;
  return {
    id: String(s._id),
    username: s.username,
    role: s.role as Role,
    unitCode: s.unitCode,
    level: await unitLevel(s.unitCode),
    areaCodes: s.areaCodes,
    allAreas: s.allAreas,
  };
}

/** A fresh session per request, so routes that end sessions (logout) cannot disturb other cases. */
async function sessionFor(actor: Actor): Promise<{ cookie: string; csrfToken: string }> {
  const { token, csrfToken } = await createSession((await Staff.findById(actor.id))!._id, {
    idleMinutes: 30,
    absoluteHours: 12,
  });
  return { cookie: `wp_session=${token}`, csrfToken };
}

const isSafe = (r: DocumentedRoute) => r.method === 'get';
/** Routes behind a staff session (reporter routes take a follow-up token instead, partner routes a signed request). */
const guarded = () =>
  documentedRoutes().filter((r) => r.access !== 'public' && r.access !== 'reporter' && r.access !== 'partner');
const label = (r: Pick<DocumentedRoute, 'method' | 'path'>) => `${r.method.toUpperCase()} ${r.path}`;

function send(r: DocumentedRoute, headers: Record<string, string> = {}): Test {
  const path = r.path.replace(/:(\w+)/g, (_m, name: string) => (name === 'id' ? targetId : 'placeholder'));
  const agent = request(t.app);
  const req =
    r.method === 'get'
      ? agent.get(path)
      : r.method === 'post'
        ? agent.post(path)
        : r.method === 'put'
          ? agent.put(path)
          : r.method === 'patch'
            ? agent.patch(path)
            : agent.delete(path);
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return isSafe(r) ? req : req.send({});
}

async function asActor(
  r: DocumentedRoute,
  actor: Actor,
  csrf: 'right' | 'wrong' | 'none' = 'right',
): Promise<Response> {
  const s = await sessionFor(actor);
  const headers: Record<string, string> = { Cookie: s.cookie };
  if (csrf === 'right') headers['X-CSRF-Token'] = s.csrfToken;
  if (csrf === 'wrong') headers['X-CSRF-Token'] = `${s.csrfToken.slice(1)}A`;
  return send(r, headers);
}

function allows(actor: Actor, r: DocumentedRoute): boolean {
  return r.access === 'staff' || can(actor, r.access as Action);
}

/** '' when the response is what was expected, else a line for the failure list. */
function mismatch(
  r: DocumentedRoute,
  who: string,
  res: Response,
  expected: { status: number; code: string } | 'granted',
): string {
  const got = `${res.status} ${res.body?.code ?? ''}`.trim();
  if (expected === 'granted')
    return res.status === 401 || res.status === 403 ? `${label(r)} as ${who}: expected access, got ${got}` : '';
  return res.status === expected.status && res.body?.code === expected.code
    ? ''
    : `${label(r)} as ${who}: expected ${expected.status} ${expected.code}, got ${got}`;
}

interface RouterLayer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: RouterLayer[] };
}

/** Every method+path the Express app actually serves (routers mounted at any prefix). */
function mountedRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: RouterLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [m, on] of Object.entries(layer.route.methods))
          if (on && m !== '_all') out.push(`${m.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle.stack) {
        walk(layer.handle.stack, prefix + (layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : ''));
      }
    }
  };
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '');
  return out;
}

describe('the route table', () => {
  test('is non-empty and includes the staff administration routes', () => {
    const paths = documentedRoutes().map(label);
    expect(paths.length).toBeGreaterThan(5);
    expect(paths).toEqual(
      expect.arrayContaining(['GET /api/v1/staff', 'POST /api/v1/staff', 'PATCH /api/v1/staff/:id']),
    );
    // Case work: staff messages, bulk acceptance and the verifiers an acceptance may name.
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /api/v1/reports/:reference/messages',
        'POST /api/v1/reports/bulk-accept',
        'GET /api/v1/reports/:reference/assignable-verifiers',
      ]),
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /api/v1/stats/overview',
        'GET /api/v1/stats/ranking',
        'GET /api/v1/stats/ranking.pdf',
        'GET /api/v1/stats/ranking.csv',
        'GET /api/v1/stats/ranking.xlsx',
        'PUT /api/v1/stats/ranking-weights',
        'GET /api/v1/stats/posters',
        'GET /api/v1/public/transparency',
      ]),
    );
    // The reward after approval: the reporter's claim, appeal and notice; finance's audited view of a claim.
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /api/v1/followup/claim',
        'POST /api/v1/followup/appeal',
        'GET /api/v1/followup/reward-notice.pdf',
        'GET /api/v1/reports/:reference/claim',
        'GET /api/v1/reports/:reference/reward-notice.pdf',
      ]),
    );
    expect(paths).toEqual(
      expect.arrayContaining(['GET /api/v1/responsibilities', 'PUT /api/v1/responsibilities/:sector/:area']),
    );
    // The reward fund: appropriations, ledger, monthly figures, finance's reward queues and exports.
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /api/v1/fund/appropriations',
        'GET /api/v1/fund/ledger',
        'GET /api/v1/fund/monthly',
        'GET /api/v1/fund/rewards',
        'GET /api/v1/fund/exports/ledger.csv',
        'GET /api/v1/fund/exports/ledger.xlsx',
        'GET /api/v1/fund/exports/payouts.csv',
        'GET /api/v1/fund/exports/payouts.xlsx',
      ]),
    );
  });

  test('every guarded route names "staff" or an action the policy table knows', () => {
    const known = (action: string) => {
      try {
        return typeof can(actors.admin, action as Action) === 'boolean';
      } catch {
        return false; // no rule for this action
      }
    };
    const unknown = guarded().filter((r) => r.access !== 'staff' && !known(r.access));
    expect(unknown.map(label)).toEqual([]);
  });

  test('every /api route the app serves is declared (so none escapes this matrix)', () => {
    const declared = new Set(documentedRoutes().map(label));
    const undeclared = mountedRoutes(t.app).filter((r) => r.includes(' /api/') && !declared.has(r));
    // The OpenAPI document itself is public and generated from the declarations.
    expect(undeclared).toEqual(['GET /api/v1/openapi.json']);
  });

  test('the shared contract and the routes the app declares are the same list', () => {
    const declared = documentedRoutes().map(label).sort();
    expect(allEndpoints().map(label).sort()).toEqual(declared);
  });
});

describe('access', () => {
  test('without a session every guarded route → 401 auth.unauthenticated', async () => {
    const failures: string[] = [];
    for (const r of guarded())
      failures.push(mismatch(r, 'nobody', await send(r), { status: 401, code: 'auth.unauthenticated' }));
    expect(failures.filter(Boolean)).toEqual([]);
  });

  test('a missing or wrong CSRF token on every state-changing route → 403 auth.csrf_invalid (even for admin)', async () => {
    const failures: string[] = [];
    for (const r of guarded().filter((x) => !isSafe(x))) {
      for (const csrf of ['wrong', 'none'] as const)
        failures.push(
          mismatch(r, `admin with ${csrf} CSRF`, await asActor(r, actors.admin, csrf), {
            status: 403,
            code: 'auth.csrf_invalid',
          }),
        );
    }
    expect(failures.filter(Boolean)).toEqual([]);
  });

  test.each(roles)('%s: every guarded route admits exactly what the policy allows', async (role) => {
    const failures: string[] = [];
    for (const r of guarded()) {
      const expected = allows(actors[role], r) ? 'granted' : { status: 403, code: 'auth.forbidden' };
      failures.push(mismatch(r, role, await asActor(r, actors[role]), expected));
    }
    expect(failures.filter(Boolean)).toEqual([]);
  });

  test('every action a route uses admits at least one role; staff administration only admin', () => {
    const actions = [
      ...new Set(
        guarded()
          .map((r) => r.access)
          .filter((a) => a !== 'staff'),
      ),
    ] as Action[];
    const admitted = Object.fromEntries(actions.map((a) => [a, roles.filter((role) => can(actors[role], a))]));
    for (const a of actions) expect(admitted[a].length).toBeGreaterThan(0);
    for (const a of [
      'staff.list',
      'staff.create',
      'staff.update',
      'staff.resetPassword',
      'audit.read',
      'audit.verify',
      'responsibilities.manage',
    ])
      expect([a, admitted[a]]).toEqual([a, ['admin']]);
    expect(admitted['fund.appropriate']).toEqual(['finance']);
    expect(admitted['fund.export']).toEqual(['admin', 'finance']);
  });

  test('a member who must still enrol TOTP reaches only the enrolment routes', async () => {
    const failures: string[] = [];
    for (const r of guarded()) {
      const expected = !r.duringTotpEnrolment
        ? { status: 403, code: 'auth.totp_enrolment_required' }
        : allows(unenrolled, r)
          ? 'granted'
          : { status: 403, code: 'auth.forbidden' };
      failures.push(mismatch(r, 'unenrolled finance', await asActor(r, unenrolled), expected));
    }
    expect(failures.filter(Boolean)).toEqual([]);
    expect(
      guarded()
        .filter((r) => r.duringTotpEnrolment)
        .map(label),
    ).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/totp/setup',
        'POST /api/v1/auth/totp/enable',
        'POST /api/v1/auth/logout',
      ]),
    );
  });

  test('an account that must change its password can do nothing else: every other route → 403 auth.password_change_required', async () => {
    const failures: string[] = [];
    for (const r of guarded()) {
      const expected = r.duringPasswordChange ? 'granted' : { status: 403, code: 'auth.password_change_required' };
      failures.push(mismatch(r, 'admin with a handed-out password', await asActor(r, handedOut), expected));
    }
    expect(failures.filter(Boolean)).toEqual([]);
    expect(
      guarded()
        .filter((r) => r.duringPasswordChange)
        .map(label)
        .sort(),
    ).toEqual(['GET /api/v1/auth/session', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/password']);
  });

  test('partner routes need a signed request: none, or a staff session instead, gets 401 exchange.unsigned', async () => {
    const partnerRoutes = documentedRoutes().filter((r) => r.access === 'partner');
    expect(partnerRoutes.map(label)).toEqual(
      expect.arrayContaining(['POST /api/v1/exchange/cases', 'GET /api/v1/exchange/cases/:externalId']),
    );
    const failures: string[] = [];
    for (const r of partnerRoutes) {
      failures.push(mismatch(r, 'nobody', await send(r), { status: 401, code: 'exchange.unsigned' }));
      failures.push(
        mismatch(r, 'admin session', await asActor(r, actors.admin), { status: 401, code: 'exchange.unsigned' }),
      );
    }
    expect(failures.filter(Boolean)).toEqual([]);
  });

  test('reporter routes need a follow-up token: none, or a staff session instead, gets 401 followup.session_expired', async () => {
    const reporterRoutes = documentedRoutes().filter((r) => r.access === 'reporter');
    expect(reporterRoutes.map(label)).toEqual(
      expect.arrayContaining(['GET /api/v1/followup/report', 'POST /api/v1/followup/messages']),
    );
    const failures: string[] = [];
    for (const r of reporterRoutes) {
      failures.push(mismatch(r, 'nobody', await send(r), { status: 401, code: 'followup.session_expired' }));
      failures.push(
        mismatch(r, 'admin session', await asActor(r, actors.admin), { status: 401, code: 'followup.session_expired' }),
      );
      failures.push(
        mismatch(r, 'a made-up token', await send(r, { Authorization: `Bearer ${'x'.repeat(43)}` }), {
          status: 401,
          code: 'followup.session_expired',
        }),
      );
    }
    expect(failures.filter(Boolean)).toEqual([]);
  });

  test('public routes need no session', async () => {
    const publicRoutes = documentedRoutes().filter((r) => r.access === 'public');
    expect(publicRoutes.map(label)).toEqual(
      expect.arrayContaining(['POST /api/v1/auth/login', 'GET /api/v1/catalog', 'POST /api/v1/rewards/quote']),
    );
    const failures: string[] = [];
    for (const r of publicRoutes) failures.push(mismatch(r, 'nobody', await send(r), 'granted'));
    expect(failures.filter(Boolean)).toEqual([]);
  });
});
