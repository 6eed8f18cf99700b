// Staff administration: list, create, update, password reset. Each case checks the
// response and what the database holds afterwards, including the audit log.
import request from 'supertest';
import type { Role } from '../../shared/roles';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Session } from '../../server/staff/session.model';
import { Staff } from '../../server/staff/staff.model';
import { startTestApp, type TestApp } from '../support/server';
import {
  as,
  createAccount,
  TEST_PASSWORD,
  errorPaths,
  expectProblem,
  login,
  signIn,
  type StaffSession,
} from '../support/staff';

let t: TestApp;
let admin: StaffSession;
const sessions = {} as Record<Exclude<Role, 'admin'>, StaffSession>;

beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(t.app, 'admin', t.demoPassword);
  for (const role of ['intake', 'verifier', 'reviewer', 'finance'] as const)
    sessions[role] = await signIn(t.app, role, t.demoPassword);
});
afterAll(async () => {
  await t?.stop();
});

const staffAudit = () => AuditEntry.countDocuments({ action: /^staff\./ });
const newStaff = (over: Record<string, unknown> = {}) => ({
  username: 'new.person',
  displayName: '新同事',
  role: 'intake',
  unitCode: 'city-emb',
  areaCodes: ['410581'],
  ...over,
});

describe('access', () => {
  let targetId: string;
  beforeAll(async () => {
    targetId = (await createAccount({ username: 'access-target', role: 'verifier' })).id;
  });

  const calls = () => [
    { name: 'GET /staff', req: () => request(t.app).get('/api/v1/staff') },
    {
      name: 'POST /staff',
      req: () =>
        request(t.app)
          .post('/api/v1/staff')
          .send(newStaff({ username: 'should-not-exist' })),
    },
    {
      name: 'PATCH /staff/:id',
      req: () => request(t.app).patch(`/api/v1/staff/${targetId}`).send({ displayName: 'changed' }),
    },
    {
      name: 'POST /staff/:id/password-reset',
      req: () => request(t.app).post(`/api/v1/staff/${targetId}/password-reset`),
    },
  ];

  test('without a session → 401 auth.unauthenticated', async () => {
    for (const c of calls()) expectProblem(await c.req(), 401, 'auth.unauthenticated');
  });

  test.each(['intake', 'verifier', 'reviewer', 'finance'] as const)(
    '%s → 403 auth.forbidden on every staff endpoint',
    async (role) => {
      const auditBefore = await staffAudit();
      for (const c of calls()) expectProblem(await as(c.req(), sessions[role]), 403, 'auth.forbidden');
      expect(await Staff.exists({ username: 'should-not-exist' })).toBeNull();
      expect((await Staff.findById(targetId).lean())?.displayName).toBe('Test access-target');
      expect(await staffAudit()).toBe(auditBefore);
    },
  );

  test('an admin without the CSRF token, or with a wrong one → 403 auth.csrf_invalid, nothing changes', async () => {
    const auditBefore = await staffAudit();
    for (const c of calls().filter((x) => !x.name.startsWith('GET'))) {
      expectProblem(await as(c.req(), admin, null), 403, 'auth.csrf_invalid');
      // The last character changed (to a different one: a random token may already end in x).
      const wrong = admin.csrfToken.slice(0, -1) + (admin.csrfToken.endsWith('x') ? 'y' : 'x');
      expectProblem(await as(c.req(), admin, wrong), 403, 'auth.csrf_invalid');
      expectProblem(await as(c.req(), admin, sessions.intake.csrfToken), 403, 'auth.csrf_invalid'); // another session's token
    }
    expect(await Staff.exists({ username: 'should-not-exist' })).toBeNull();
    expect(await staffAudit()).toBe(auditBefore);
  });
});

describe('list', () => {
  test('admin sees every account without secrets, with no-store', async () => {
    const res = await as(request(t.app).get('/api/v1/staff'), admin, null);

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.total).toBe(await Staff.countDocuments());
    expect(res.body.items.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'intake', 'verifier', 'reviewer', 'finance']),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|scrypt\$|totpSecret|failedLogins/);
  });

  test('filters by role', async () => {
    const res = await as(request(t.app).get('/api/v1/staff?role=finance'), admin, null);
    expect(res.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['cashier', 'finance']);
  });

  test('an unknown role filter → 400 query.role', async () => {
    const res = await as(request(t.app).get('/api/v1/staff?role=boss'), admin, null);
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual(['query.role']);
  });
});

describe('create', () => {
  const create = (body: object) => as(request(t.app).post('/api/v1/staff'), admin).send(body);

  test.each([
    ['a bad username', { username: 'No Spaces!' }, 'body.username'],
    ['an unknown role', { role: 'boss' }, 'body.role'],
    ['an unknown area code', { areaCodes: ['999999'] }, 'body.areaCodes.0'],
    ['a bad email', { email: 'not-an-email' }, 'body.email'],
    ['a missing displayName', { displayName: undefined }, 'body.displayName'],
  ])('%s → 400 naming %s', async (_label, over, path) => {
    const res = await create(newStaff({ username: 'bad-input', ...over }));
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual([path]);
  });

  test('an unknown unitCode → 400 naming body.unitCode', async () => {
    const res = await create(newStaff({ username: 'bad-unit', unitCode: 'no-such-unit' }));
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual(['body.unitCode']);
    expect(await Staff.exists({ username: 'bad-unit' })).toBeNull();
  });

  test('a taken username (in any case) → 409 staff.username_taken', async () => {
    const auditBefore = await staffAudit();
    const res = await create(newStaff({ username: 'INTAKE' }));
    expectProblem(res, 409, 'staff.username_taken');
    expect(await Staff.countDocuments({ username: 'intake' })).toBe(1);
    expect(await staffAudit()).toBe(auditBefore);
  });

  test('succeeds: 201 with a one-time initial password that works; stored hashed, must change; audited', async () => {
    const res = await create(newStaff({ username: 'Zhao.Lei', email: 'Zhao.Lei@Example.org' }));

    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      username: 'zhao.lei',
      email: 'zhao.lei@example.org',
      role: 'intake',
      unitCode: 'city-emb',
      areaCodes: ['410581'],
      mustChangePassword: true,
      totpEnabled: false,
      disabled: false,
    });
    const { initialPassword } = res.body;
    expect(initialPassword).toMatch(/^\S{12,}$/);

    const stored = (await Staff.findById(res.body.user.id).lean())!;
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain(initialPassword);
    expect(stored.mustChangePassword).toBe(true);

    const entry = await AuditEntry.findOne({ action: 'staff.create', 'target.id': res.body.user.id }).lean();
    expect(entry?.actor).toEqual({ id: admin.user.id, username: 'admin', role: 'admin' });
    expect(JSON.stringify(entry)).not.toContain(initialPassword);

    const first = await login(t.app, 'zhao.lei', initialPassword);
    expect(first.status).toBe(200);
    expect(first.body.user.mustChangePassword).toBe(true);
  });

  test('two concurrent creates of one username: one account, the other request 409', async () => {
    const [a, b] = await Promise.all([
      create(newStaff({ username: 'racer' })),
      create(newStaff({ username: 'racer' })),
    ]);

    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await Staff.countDocuments({ username: 'racer' })).toBe(1);
    expect(await AuditEntry.countDocuments({ action: 'staff.create', 'details.username': 'racer' })).toBe(1);
  });
});

describe('update', () => {
  const patch = (id: string, body: object, s = admin) => as(request(t.app).patch(`/api/v1/staff/${id}`), s).send(body);

  test('changes fields, returns the new view, and is audited', async () => {
    const { id } = await createAccount({ username: 'to-update', role: 'intake' });

    const res = await patch(id, {
      displayName: '新名字',
      role: 'verifier',
      unitCode: 'city-fire',
      areaCodes: ['410502', '410503'],
      email: 'x@example.org',
    });

    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      id,
      displayName: '新名字',
      role: 'verifier',
      unitCode: 'city-fire',
      areaCodes: ['410502', '410503'],
      email: 'x@example.org',
    });
    expect(await Staff.findById(id).lean()).toMatchObject({
      displayName: '新名字',
      role: 'verifier',
      unitCode: 'city-fire',
      areaCodes: ['410502', '410503'],
      email: 'x@example.org',
    });
    const entry = await AuditEntry.findOne({ action: 'staff.update', 'target.id': id }).lean();
    expect(entry?.details).toMatchObject({ role: 'verifier' });

    expect((await patch(id, { email: null })).status).toBe(200);
    expect((await Staff.findById(id).lean())?.email).toBeUndefined();
    expect(await AuditEntry.countDocuments({ action: 'staff.update', 'target.id': id })).toBe(2);
  });

  test.each([
    ['nothing to change', {}, ''],
    ['an unknown role', { role: 'boss' }, 'body.role'],
    ['an unknown unitCode', { unitCode: 'no-such-unit' }, 'body.unitCode'],
    ['an unknown area code', { areaCodes: ['410581', '123456'] }, 'body.areaCodes.1'],
    ['an every-area grant that is not a boolean', { allAreas: 'yes' }, 'body.allAreas'],
  ])('%s → 400', async (_label, body, path) => {
    const { id } = await createAccount({
      username: `bad-${(Object.keys(body)[0] ?? 'empty').toLowerCase()}`,
      role: 'intake',
    });
    const res = await patch(id, body);
    expectProblem(res, 400, 'request.invalid');
    if (path) expect(errorPaths(res)).toEqual([path]);
    expect(await AuditEntry.exists({ action: 'staff.update', 'target.id': id })).toBeNull();
  });

  test('a malformed id → 400 params.id; an unknown id → 404', async () => {
    const bad = await patch('not-an-id', { displayName: 'x' });
    expectProblem(bad, 400, 'request.invalid');
    expect(errorPaths(bad)).toEqual(['params.id']);
    expectProblem(await patch('0123456789abcdef01234567', { displayName: 'x' }), 404, 'resource.not_found');
  });

  test('disabling a user ends their sessions at once and blocks sign-in', async () => {
    const { id, _id } = await createAccount({ username: 'soon-disabled', role: 'verifier' });
    const theirs = await signIn(t.app, 'soon-disabled', TEST_PASSWORD);
    expect((await as(request(t.app).get('/api/v1/auth/session'), theirs, null)).status).toBe(200);

    const res = await patch(id, { disabled: true });

    expect(res.status).toBe(200);
    expect(res.body.user.disabled).toBe(true);
    expect(await Session.countDocuments({ staffId: _id })).toBe(0);
    expectProblem(await as(request(t.app).get('/api/v1/auth/session'), theirs, null), 401, 'auth.unauthenticated');
    expectProblem(await login(t.app, 'soon-disabled', TEST_PASSWORD), 403, 'auth.disabled');
    expect(await AuditEntry.findOne({ action: 'staff.update', 'target.id': id }).lean()).toMatchObject({
      details: { disabled: true },
    });
  });

  test('a role change ends the user’s sessions, so new rights apply at once', async () => {
    const { id, _id } = await createAccount({ username: 'role-change', role: 'intake' });
    const theirs = await signIn(t.app, 'role-change', TEST_PASSWORD);

    expect((await patch(id, { role: 'reviewer' })).status).toBe(200);

    expect(await Session.countDocuments({ staffId: _id })).toBe(0);
    expectProblem(await as(request(t.app).get('/api/v1/auth/session'), theirs, null), 401, 'auth.unauthenticated');
  });

  test('an admin cannot disable themself or change their own role (409 staff.self_change)', async () => {
    const auditBefore = await staffAudit();
    expectProblem(await patch(admin.user.id, { disabled: true }), 409, 'staff.self_change');
    expectProblem(await patch(admin.user.id, { role: 'intake' }), 409, 'staff.self_change');

    expect(await Staff.findById(admin.user.id).lean()).toMatchObject({ role: 'admin', disabled: false });
    expect(await staffAudit()).toBe(auditBefore);
    expect((await as(request(t.app).get('/api/v1/auth/session'), admin, null)).status).toBe(200);
  });

  test('an admin may change their own display name', async () => {
    const res = await patch(admin.user.id, { displayName: '王敏' });
    expect(res.status).toBe(200);
    expect((await Staff.findById(admin.user.id).lean())?.displayName).toBe('王敏');
    expect((await as(request(t.app).get('/api/v1/auth/session'), admin, null)).status).toBe(200);
  });

  test('re-sending the unchanged role (as an edit form does) does not end the user’s sessions', async () => {
    const { id, _id } = await createAccount({ username: 'second-admin', role: 'admin' });
    const own = await signIn(t.app, 'second-admin', TEST_PASSWORD);

    const res = await patch(id, { displayName: '第二管理员', role: 'admin' }, own);

    expect(res.status).toBe(200);
    expect(await Session.countDocuments({ staffId: _id })).toBe(1);
    expect((await as(request(t.app).get('/api/v1/auth/session'), own, null)).status).toBe(200);
  });
});

describe('password reset', () => {
  test('returns a temporary password that works once the old one no longer does; ends sessions; audited', async () => {
    const { id, _id } = await createAccount({ username: 'forgetful', role: 'finance' });
    const theirs = await signIn(t.app, 'forgetful', TEST_PASSWORD);
    await Staff.updateOne({ _id }, { $set: { failedLogins: 5, lockedUntil: new Date(Date.now() + 600_000) } });

    const res = await as(request(t.app).post(`/api/v1/staff/${id}/password-reset`), admin);

    expect(res.status).toBe(200);
    const { temporaryPassword } = res.body;
    expect(temporaryPassword).toMatch(/^\S{12,}$/);
    const stored = (await Staff.findById(id).lean())!;
    expect(stored).toMatchObject({ mustChangePassword: true, failedLogins: 0 });
    expect(stored.lockedUntil).toBeUndefined();
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(
      await AuditEntry.exists({ action: 'staff.password_reset', 'target.id': id, 'actor.id': admin.user.id }),
    ).toBeTruthy();
    expectProblem(await as(request(t.app).get('/api/v1/auth/session'), theirs, null), 401, 'auth.unauthenticated');

    expectProblem(await login(t.app, 'forgetful', TEST_PASSWORD), 401, 'auth.invalid_credentials');
    const again = await login(t.app, 'forgetful', temporaryPassword);
    expect(again.status).toBe(200);
    expect(again.body.user.mustChangePassword).toBe(true);
  });

  test('an admin password reset ends every session of the account, and the temporary password opens only the password change', async () => {
    const { id, _id } = await createAccount({ username: 'reset-everywhere', role: 'verifier' });
    const sessionsBefore = [
      await signIn(t.app, 'reset-everywhere', TEST_PASSWORD),
      await signIn(t.app, 'reset-everywhere', TEST_PASSWORD),
    ];

    const { temporaryPassword } = (await as(request(t.app).post(`/api/v1/staff/${id}/password-reset`), admin)).body;

    expect(await Session.countDocuments({ staffId: _id })).toBe(0);
    for (const old of sessionsBefore)
      expectProblem(await as(request(t.app).get('/api/v1/reports'), old, null), 401, 'auth.unauthenticated');
    const fresh = await signIn(t.app, 'reset-everywhere', temporaryPassword);
    expectProblem(await as(request(t.app).get('/api/v1/reports'), fresh, null), 403, 'auth.password_change_required');
    expect(
      (
        await as(request(t.app).post('/api/v1/auth/password'), fresh).send({
          currentPassword: temporaryPassword,
          newPassword: 'mine and mine alone',
        })
      ).status,
    ).toBe(204);
    expect((await as(request(t.app).get('/api/v1/reports'), fresh, null)).status).toBe(200);
  });

  test('an unknown id → 404 and no audit entry', async () => {
    const before = await staffAudit();
    expectProblem(
      await as(request(t.app).post('/api/v1/staff/0123456789abcdef01234567/password-reset'), admin),
      404,
      'resource.not_found',
    );
    expect(await staffAudit()).toBe(before);
  });
});
