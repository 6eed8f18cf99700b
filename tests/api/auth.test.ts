// Staff sign-in, sessions, password change and the TOTP second factor, against
// the real app and database. Each describe block starts its own app when it needs
// a different login policy.
import crypto from 'node:crypto';
import request from 'supertest';
import { errorMessage } from '../../shared/errors';
import { currentTotp } from '../../server/auth/totp';
import { AuditEntry } from '../../server/models/AuditEntry';
import { RateLimitCounter } from '../../server/models/RateLimitCounter';
import { Session } from '../../server/models/Session';
import { Staff } from '../../server/models/Staff';
import { startTestApp, type TestApp } from '../support/server';
import { as, createAccount, TEST_PASSWORD, errorPaths, expectProblem, login, sessionCookieOf, setCookies, signIn } from '../support/staff';

const sessionId = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

/** A 6-digit code that is valid in none of the steps the server accepts (now ±1). */
function wrongTotp(secret: string, now = Date.now()): string {
  const valid = new Set([-1, 0, 1].map((d) => currentTotp(secret, now + d * 30_000)));
  let n = Number(currentTotp(secret, now));
  do n = (n + 1) % 1_000_000;
  while (valid.has(String(n).padStart(6, '0')));
  return String(n).padStart(6, '0');
}

describe('with the default login policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });
  // These tests sign in more often than the per-address login limit (30/min) allows.
  afterEach(async () => {
    await RateLimitCounter.deleteMany({});
  });

  describe('login', () => {
    test('succeeds with an HttpOnly, SameSite=Strict session cookie, a CSRF token and no secrets', async () => {
      const res = await login(t.app, 'admin', t.demoPassword);

      expect(res.status).toBe(200);
      const cookie = setCookies(res).find((c) => c.startsWith('wp_session='));
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Strict/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(Object.keys(res.body).sort()).toEqual(['csrfToken', 'mustEnrolTotp', 'user']);
      expect(res.body.csrfToken).toEqual(expect.any(String));
      expect(res.body.mustEnrolTotp).toBe(false);
      expect(res.body.user).toMatchObject({ username: 'admin', role: 'admin', totpEnabled: false });
      const userKeys = Object.keys(res.body.user);
      expect(userKeys).not.toContain('passwordHash');
      expect(userKeys.filter((k) => /totp/i.test(k))).toEqual(['totpEnabled']);
      expect(JSON.stringify(res.body)).not.toMatch(/scrypt\$|passwordHash|totpSecret|failedLogins/);
    });

    test('stores the session (hashed token) and resets the failure counter', async () => {
      const account = await createAccount({ username: 'login-ok', role: 'intake' });
      await Staff.updateOne({ _id: account._id }, { $set: { failedLogins: 2 } });

      const s = await signIn(t.app, 'login-ok', TEST_PASSWORD);

      const stored = await Session.findById(sessionId(s.token)).lean();
      expect(stored).toMatchObject({ staffId: account._id, csrfToken: s.csrfToken });
      expect(await Session.exists({ _id: s.token })).toBeNull(); // the raw token is never stored
      const staff = await Staff.findById(account._id).lean();
      expect(staff?.failedLogins).toBe(0);
      expect(staff?.lastLoginAt).toBeInstanceOf(Date);
      expect(await AuditEntry.exists({ action: 'auth.login', 'target.id': account.id })).toBeTruthy();
    });

    test('accepts the username in any case and with surrounding spaces', async () => {
      const res = await login(t.app, '  ADMIN ', t.demoPassword);
      expect(res.status).toBe(200);
      expect(res.body.user.username).toBe('admin');
    });

    test('a wrong password → 401 auth.invalid_credentials, and failedLogins counts it', async () => {
      const account = await createAccount({ username: 'wrong-pw', role: 'intake' });

      const res = await login(t.app, 'wrong-pw', 'not the password');

      expectProblem(res, 401, 'auth.invalid_credentials');
      expect(sessionCookieOf(res)).toBeUndefined();
      expect((await Staff.findById(account._id).lean())?.failedLogins).toBe(1);
      expect(await Session.countDocuments({ staffId: account._id })).toBe(0);
    });

    test('an unknown user gets the same 401 as a wrong password', async () => {
      const unknown = await login(t.app, 'nobody-here', 'whatever');
      const wrong = await login(t.app, 'reviewer', 'not the password');

      expectProblem(unknown, 401, 'auth.invalid_credentials');
      const { requestId: _a, ...unknownBody } = unknown.body;
      const { requestId: _b, ...wrongBody } = wrong.body;
      expect(unknownBody).toEqual(wrongBody);
      await Staff.updateOne({ username: 'reviewer' }, { $set: { failedLogins: 0 } });
    });

    test('invalid input → 400 naming the fields', async () => {
      const res = await request(t.app).post('/api/v1/auth/login').send({ username: '', password: 42, totp: '12ab' });

      expectProblem(res, 400, 'request.invalid');
      expect(errorPaths(res)).toEqual(expect.arrayContaining(['body.username', 'body.password', 'body.totp']));
    });

    test('answers in Chinese by default and in English with Accept-Language: en', async () => {
      const zh = await login(t.app, 'nobody-here', 'x');
      const en = await login(t.app, 'nobody-here', 'x').set('Accept-Language', 'en-GB,en;q=0.9');

      expect(zh.body.title).toBe(errorMessage('auth.invalid_credentials', 'zh-CN'));
      expect(zh.body.title).toMatch(/[\u4e00-\u9fff]/);
      expect(en.body.title).toBe(errorMessage('auth.invalid_credentials', 'en'));
      expect(en.body.title).toBe('Wrong username or password.');
    });
  });

  describe('session', () => {
    test('GET /auth/session returns the user and the same CSRF token', async () => {
      const s = await signIn(t.app, 'verifier', t.demoPassword);

      const res = await as(request(t.app).get('/api/v1/auth/session'), s, null);

      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({ user: expect.objectContaining({ username: 'verifier', role: 'verifier' }), csrfToken: s.csrfToken, mustEnrolTotp: false });
    });

    test('without a cookie, or with a made-up one → 401 auth.unauthenticated', async () => {
      expectProblem(await request(t.app).get('/api/v1/auth/session'), 401, 'auth.unauthenticated');
      expectProblem(await request(t.app).get('/api/v1/auth/session').set('Cookie', 'wp_session=forged'), 401, 'auth.unauthenticated');
    });

    test('logout → 204, clears the cookie, deletes the session; the old cookie no longer works', async () => {
      const s = await signIn(t.app, 'intake', t.demoPassword);

      const res = await as(request(t.app).post('/api/v1/auth/logout'), s);

      expect(res.status).toBe(204);
      expect(setCookies(res).find((c) => c.startsWith('wp_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
      expect(await Session.exists({ _id: sessionId(s.token) })).toBeNull();
      expectProblem(await as(request(t.app).get('/api/v1/auth/session'), s, null), 401, 'auth.unauthenticated');
    });

    test('logout needs the CSRF token', async () => {
      const s = await signIn(t.app, 'intake', t.demoPassword);

      expectProblem(await as(request(t.app).post('/api/v1/auth/logout'), s, null), 403, 'auth.csrf_invalid');
      expect(await Session.exists({ _id: sessionId(s.token) })).toBeTruthy();
    });

    test('a session past its idle deadline → 401', async () => {
      const s = await signIn(t.app, 'reviewer', t.demoPassword);
      await Session.updateOne({ _id: sessionId(s.token) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });

      expectProblem(await as(request(t.app).get('/api/v1/auth/session'), s, null), 401, 'auth.unauthenticated');
    });
  });

  describe('changing my password', () => {
    const original = 'original password 1';
    let s: Awaited<ReturnType<typeof signIn>>;
    beforeAll(async () => {
      await createAccount({ username: 'changer', role: 'verifier', password: original });
      s = await signIn(t.app, 'changer', original);
    });
    const change = (body: object) => as(request(t.app).post('/api/v1/auth/password'), s).send(body);

    test('a wrong current password → 400 auth.password_wrong', async () => {
      const res = await change({ currentPassword: 'not it', newPassword: 'a brand new password' });
      expectProblem(res, 400, 'auth.password_wrong');
      expect(errorPaths(res)).toEqual(['body.currentPassword']);
    });

    test.each([
      ['too short', 'short'],
      ['the username', 'changer'],
    ])('a weak new password (%s) → 400 auth.password_weak', async (_label, newPassword) => {
      const res = await change({ currentPassword: original, newPassword });
      expectProblem(res, 400, 'auth.password_weak');
      expect(errorPaths(res)).toEqual(['body.newPassword']);
    });

    test('succeeds: the new password signs in, the old one does not, and it is audited', async () => {
      const before = (await Staff.findOne({ username: 'changer' }).lean())!;
      const res = await change({ currentPassword: original, newPassword: 'a brand new password' });

      expect(res.status).toBe(204);
      const after = (await Staff.findById(before._id).lean())!;
      expect(after.passwordHash).toMatch(/^scrypt\$/);
      expect(after.passwordHash).not.toBe(before.passwordHash);
      expect(after.mustChangePassword).toBe(false);
      expect(await AuditEntry.exists({ action: 'auth.password_change', 'target.id': String(before._id) })).toBeTruthy();
      expect((await login(t.app, 'changer', 'a brand new password')).status).toBe(200);
      expectProblem(await login(t.app, 'changer', original), 401, 'auth.invalid_credentials');
    });
  });

  describe('TOTP second factor', () => {
    const password = 'totp user password';
    let s: Awaited<ReturnType<typeof signIn>>;
    let secret: string;
    let staffId: string;
    beforeAll(async () => {
      staffId = (await createAccount({ username: 'totp-user', role: 'verifier', password })).id;
      s = await signIn(t.app, 'totp-user', password);
    });

    test('setup returns a secret, an otpauth URL and an SVG QR code, and stores the secret sealed', async () => {
      const res = await as(request(t.app).post('/api/v1/auth/totp/setup'), s);

      expect(res.status).toBe(200);
      secret = res.body.secret;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(res.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      expect(res.body.otpauthUrl).toContain(`secret=${secret}`);
      expect(res.body.qrSvg.startsWith('<svg')).toBe(true);
      const staff = (await Staff.findById(staffId).lean())!;
      expect(staff.pendingTotpSecretSealed).toMatch(/^v1:/);
      expect(staff.pendingTotpSecretSealed).not.toContain(secret);
      expect(staff.totpSecretSealed).toBeUndefined();
    });

    test('enable rejects a wrong code and leaves the factor off', async () => {
      const res = await as(request(t.app).post('/api/v1/auth/totp/enable'), s).send({ code: wrongTotp(secret) });
      expectProblem(res, 401, 'auth.totp_invalid');
      expect((await Staff.findById(staffId).lean())?.totpSecretSealed).toBeUndefined();
    });

    test('enable with the current code turns the factor on', async () => {
      const res = await as(request(t.app).post('/api/v1/auth/totp/enable'), s).send({ code: currentTotp(secret) });

      expect(res.status).toBe(200);
      expect(res.body.user.totpEnabled).toBe(true);
      const staff = (await Staff.findById(staffId).lean())!;
      expect(staff.totpSecretSealed).toMatch(/^v1:/);
      expect(staff.pendingTotpSecretSealed).toBeUndefined();
      expect(await AuditEntry.exists({ action: 'auth.totp_enabled', 'target.id': staffId })).toBeTruthy();
    });

    test('login without a code → 401 auth.totp_required, and no session', async () => {
      const res = await login(t.app, 'totp-user', password);
      expectProblem(res, 401, 'auth.totp_required');
      expect(sessionCookieOf(res)).toBeUndefined();
    });

    test('login with a wrong code → 401 auth.totp_invalid', async () => {
      expectProblem(await login(t.app, 'totp-user', password, wrongTotp(secret)), 401, 'auth.totp_invalid');
    });

    test('login with a fresh code → 200; replaying that code → 401 auth.totp_invalid', async () => {
      // The code used to enable belongs to the current step, so sign in with the next step's code (within the ±1 window).
      const code = currentTotp(secret, Date.now() + 30_000);

      const first = await login(t.app, 'totp-user', password, code);
      expect(first.status).toBe(200);
      expect(first.body.user.totpEnabled).toBe(true);

      const replay = await login(t.app, 'totp-user', password, code);
      expectProblem(replay, 401, 'auth.totp_invalid');
      expect(sessionCookieOf(replay)).toBeUndefined();
    });

    test('the code used to enable cannot be used again to sign in', async () => {
      const other = await createAccount({ username: 'totp-two', role: 'intake', password });
      const s2 = await signIn(t.app, 'totp-two', password);
      const setup = await as(request(t.app).post('/api/v1/auth/totp/setup'), s2);
      const code = currentTotp(setup.body.secret);
      expect((await as(request(t.app).post('/api/v1/auth/totp/enable'), s2).send({ code })).status).toBe(200);

      expectProblem(await login(t.app, 'totp-two', password, code), 401, 'auth.totp_invalid');
      expect(await Session.countDocuments({ staffId: other._id })).toBe(1); // only the session from before enrolment
    });
  });
});

describe('progressive delay (LOGIN_DELAY_BASE_MS=60000)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_DELAY_BASE_MS: '60000' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('after 3 failures even the right password gets 429 auth.throttled with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expectProblem(await login(t.app, 'intake', 'wrong password'), 401, 'auth.invalid_credentials');

    const res = await login(t.app, 'intake', t.demoPassword);

    expectProblem(res, 429, 'auth.throttled');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.body.retryAfterSeconds).toBe(retryAfter);
    expect(sessionCookieOf(res)).toBeUndefined();
    // A throttled attempt is refused before the password is checked: it is not counted.
    expect((await Staff.findOne({ username: 'intake' }).lean())?.failedLogins).toBe(3);
  });

  test('other accounts are not slowed down', async () => {
    expect((await login(t.app, 'verifier', t.demoPassword)).status).toBe(200);
  });
});

describe('lockout (LOGIN_MAX_FAILURES=4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '4', LOGIN_DELAY_BASE_MS: '0' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('the 4th failure locks the account: 423 auth.locked even with the right password', async () => {
    for (let i = 0; i < 4; i++) expectProblem(await login(t.app, 'reviewer', 'wrong password'), 401, 'auth.invalid_credentials');

    const staff = (await Staff.findOne({ username: 'reviewer' }).lean())!;
    expect(staff.lockedUntil).toBeInstanceOf(Date);
    expect(staff.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000); // LOGIN_LOCK_MINUTES defaults to 15
    expect(await AuditEntry.exists({ action: 'auth.locked', 'target.id': String(staff._id) })).toBeTruthy();

    const res = await login(t.app, 'reviewer', t.demoPassword);
    expectProblem(res, 423, 'auth.locked');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(sessionCookieOf(res)).toBeUndefined();
  });

  test('three failures do not lock', async () => {
    for (let i = 0; i < 3; i++) await login(t.app, 'verifier', 'wrong password');
    expect((await Staff.findOne({ username: 'verifier' }).lean())?.lockedUntil).toBeUndefined();
    expect((await login(t.app, 'verifier', t.demoPassword)).status).toBe(200);
  });

  test('parallel wrong guesses cannot get past the limit: at most 4 are checked, the rest are refused', async () => {
    const account = await createAccount({ username: 'parallel-target', role: 'intake' });

    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => login(t.app, 'parallel-target', `guess number ${i}`)));

    const checked = results.filter((r) => r.body.code === 'auth.invalid_credentials');
    expect(checked.length).toBeLessThanOrEqual(4);
    expect(results.filter((r) => r.status === 423 || r.status === 429)).toHaveLength(6 - checked.length);
    // Every guess that was checked is on the counter (a fourth one would have locked the account).
    const stored = await Staff.findById(account._id).lean();
    if (checked.length === 4) expect(stored?.lockedUntil).toBeInstanceOf(Date);
    else expect(stored?.failedLogins).toBe(checked.length);
  });

  test('the lock ends when lockedUntil has passed', async () => {
    await Staff.updateOne({ username: 'reviewer' }, { $set: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await login(t.app, 'reviewer', t.demoPassword)).status).toBe(200);
  });
});

describe('roles that must enrol a second factor (TOTP_REQUIRED_ROLES=finance)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TOTP_REQUIRED_ROLES: 'finance' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('finance signs in with mustEnrolTotp, is held at enrolment, and is released once enrolled', async () => {
    const s = await signIn(t.app, 'finance', t.demoPassword);
    const sessionRes = await as(request(t.app).get('/api/v1/auth/session'), s, null);
    expect(sessionRes.body.mustEnrolTotp).toBe(true);

    expectProblem(await as(request(t.app).get('/api/v1/fund'), s, null), 403, 'auth.totp_enrolment_required');

    const setup = await as(request(t.app).post('/api/v1/auth/totp/setup'), s);
    expect(setup.status).toBe(200);
    const enable = await as(request(t.app).post('/api/v1/auth/totp/enable'), s).send({ code: currentTotp(setup.body.secret) });
    expect(enable.status).toBe(200);

    const fund = await as(request(t.app).get('/api/v1/fund'), s, null);
    expect(fund.status).toBe(200);
    expect(fund.body).toMatchObject({ appropriatedFen: 500_000_000, reservedFen: 0, paidFen: 0, availableFen: 500_000_000 });
    expect((await as(request(t.app).get('/api/v1/auth/session'), s, null)).body.mustEnrolTotp).toBe(false);
  });

  test('the login response itself says mustEnrolTotp for finance, not for other roles', async () => {
    await Staff.updateOne({ username: 'finance' }, { $unset: { totpSecretSealed: 1 } });
    expect((await login(t.app, 'finance', t.demoPassword)).body.mustEnrolTotp).toBe(true);
    expect((await login(t.app, 'reviewer', t.demoPassword)).body.mustEnrolTotp).toBe(false);
  });
});
