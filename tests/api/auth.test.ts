// Staff sign-in, sessions, password change and the TOTP second factor, against
// the real app and database. Each describe block starts its own app when it needs
// a different login policy.
import crypto from 'node:crypto';
import request from 'supertest';
import { errorMessage } from '../../shared/errors';
import { hashPassword, usePasswordHashCost, verifyPassword } from '../../server/staff/passwords';
import { currentTotp } from '../../server/staff/totp';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { RateLimitCounter } from '../../server/platform/http/rateLimitCounter.model';
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
  sessionCookieOf,
  setCookies,
  signIn,
} from '../support/staff';

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

    test('a hash made at another cost is replaced at sign-in, so every account costs what the decoy costs', async () => {
      const account = await createAccount({ username: 'older-cost', role: 'intake' });
      usePasswordHashCost(11);
      await Staff.updateOne({ _id: account._id }, { $set: { passwordHash: await hashPassword(TEST_PASSWORD) } });
      usePasswordHashCost(t.config.PASSWORD_HASH_COST);
      expect((await Staff.findById(account._id).lean())!.passwordHash).toMatch(/^scrypt\$2048\$/);

      await signIn(t.app, 'older-cost', TEST_PASSWORD);
      const rehashed = (await Staff.findById(account._id).lean())!.passwordHash;
      expect(rehashed).toMatch(/^scrypt\$1024\$/);
      expect(await verifyPassword(TEST_PASSWORD, rehashed)).toBe(true);
      expect((await login(t.app, 'older-cost', 'not the password')).status).toBe(401);
      expect((await Staff.findById(account._id).lean())!.passwordHash).toBe(rehashed);
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
      expect(res.body).toEqual({
        user: expect.objectContaining({ username: 'verifier', role: 'verifier' }),
        csrfToken: s.csrfToken,
        mustEnrolTotp: false,
      });
    });

    test('without a cookie, or with a made-up one → 401 auth.unauthenticated', async () => {
      expectProblem(await request(t.app).get('/api/v1/auth/session'), 401, 'auth.unauthenticated');
      expectProblem(
        await request(t.app).get('/api/v1/auth/session').set('Cookie', 'wp_session=forged'),
        401,
        'auth.unauthenticated',
      );
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

    test.each([
      ['a password from the common list', 'iloveyou1234'],
      ['a common password with a capital and a symbol', 'Password123!'],
      ['a keyboard walk', 'qwertyuiop[]'],
      ['one character repeated', 'aaaaaaaaaaaaaaaa'],
      ['the username twice', 'changerchanger'],
    ])('a common password is refused (%s) → 400 auth.password_common, nothing changes', async (_label, newPassword) => {
      const before = (await Staff.findOne({ username: 'changer' }).lean())!;
      const res = await change({ currentPassword: original, newPassword }).set('Accept-Language', 'en');
      expectProblem(res, 400, 'auth.password_common');
      expect(res.body.title).toBe(errorMessage('auth.password_common', 'en'));
      expect(errorPaths(res)).toEqual(['body.newPassword']);
      expect((await Staff.findById(before._id).lean())?.passwordHash).toBe(before.passwordHash);
    });

    test('keeping the current password is refused → 400 auth.password_reused', async () => {
      await Staff.updateOne(
        { username: 'changer' },
        { $set: { passwordHash: await hashPassword('correct horse battery staple 7') } },
      );
      const res = await change({
        currentPassword: 'correct horse battery staple 7',
        newPassword: 'correct horse battery staple 7',
      });
      expectProblem(res, 400, 'auth.password_reused');
      await Staff.updateOne({ username: 'changer' }, { $set: { passwordHash: await hashPassword(original) } });
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

  describe('a password change ends the other sessions', () => {
    test('the session that changed it stays; one opened elsewhere with the old password is signed out', async () => {
      const password = 'first password of mine';
      const account = await createAccount({ username: 'two-places', role: 'intake', password });
      const here = await signIn(t.app, 'two-places', password);
      const elsewhere = await signIn(t.app, 'two-places', password);
      const otherAccount = await signIn(t.app, 'intake', t.demoPassword);

      const res = await as(request(t.app).post('/api/v1/auth/password'), here).send({
        currentPassword: password,
        newPassword: 'second password of mine',
      });

      expect(res.status).toBe(204);
      expect((await as(request(t.app).get('/api/v1/auth/session'), here, null)).status).toBe(200);
      expectProblem(await as(request(t.app).get('/api/v1/auth/session'), elsewhere, null), 401, 'auth.unauthenticated');
      expect(await Session.countDocuments({ staffId: account._id })).toBe(1);
      expect((await as(request(t.app).get('/api/v1/auth/session'), otherAccount, null)).status).toBe(200); // other accounts keep theirs
    });
  });

  describe('guessing the password from an open session', () => {
    test('ends that session after 5 wrong current passwords or codes (password change or TOTP setup), and nothing changes', async () => {
      const password = 'the real password 31';
      const account = await createAccount({ username: 'left-open', role: 'reviewer', password });
      const open = await signIn(t.app, 'left-open', password);
      const before = (await Staff.findById(account._id).lean())!;

      for (let i = 0; i < 2; i++)
        expectProblem(
          await as(request(t.app).post('/api/v1/auth/password'), open).send({
            currentPassword: `guess ${i}`,
            newPassword: 'taken over by a guess',
          }),
          400,
          'auth.password_wrong',
        );
      for (let i = 2; i < 4; i++)
        expectProblem(
          await as(request(t.app).post('/api/v1/auth/totp/setup'), open).send({ currentPassword: `guess ${i}` }),
          400,
          'auth.password_wrong',
        );
      expect((await as(request(t.app).get('/api/v1/auth/session'), open, null)).status).toBe(200);

      expectProblem(
        await as(request(t.app).post('/api/v1/auth/password'), open).send({
          currentPassword: 'guess 4',
          newPassword: 'taken over by a guess',
        }),
        401,
        'auth.unauthenticated',
      );

      expect(await Session.exists({ _id: sessionId(open.token) })).toBeNull();
      expectProblem(
        await as(request(t.app).post('/api/v1/auth/password'), open).send({
          currentPassword: password,
          newPassword: 'taken over by a guess',
        }),
        401,
        'auth.unauthenticated',
      );
      const after = (await Staff.findById(account._id).lean())!;
      expect([after.passwordHash, after.pendingTotpSecretSealed]).toEqual([before.passwordHash, undefined]);
    });
  });

  test('a stolen session cannot try many current passwords at once: with thirty wrong guesses sent together, the right one sent last is refused too', async () => {
    const password = 'the real password 57';
    const account = await createAccount({ username: 'left-open-2', role: 'reviewer', password });
    const open = await signIn(t.app, 'left-open-2', password);
    const before = (await Staff.findById(account._id).lean())!.passwordHash;
    const guesses = [...Array.from({ length: 30 }, (_, i) => `guess ${i}`), password];
    const answers = await Promise.all(
      guesses.map((currentPassword) =>
        as(request(t.app).post('/api/v1/auth/password'), open).send({
          currentPassword,
          newPassword: 'taken over by a guess',
        }),
      ),
    );
    expect(answers.filter((r) => r.body.code === 'auth.password_wrong').length).toBeLessThanOrEqual(5); // no more checked than the session allows
    expect(answers.every((r) => r.status !== 200 && r.status !== 204)).toBe(true);
    expect((await Staff.findById(account._id).lean())!.passwordHash).toBe(before);
    expect(await Session.exists({ _id: sessionId(open.token) })).toBeNull();
  });

  describe('an account that must change its password', () => {
    const handedOut = 'handed out by admin 42';
    let s: Awaited<ReturnType<typeof signIn>>;
    beforeAll(async () => {
      const account = await createAccount({ username: 'must-change', role: 'reviewer', password: handedOut });
      await Staff.updateOne({ _id: account._id }, { $set: { mustChangePassword: true } });
      s = await signIn(t.app, 'must-change', handedOut);
    });

    test('can do nothing else: reads and writes → 403 auth.password_change_required (zh and en)', async () => {
      const list = await as(request(t.app).get('/api/v1/reports'), s, null);
      expectProblem(list, 403, 'auth.password_change_required');
      expect(list.body.title).toMatch(/[\u4e00-\u9fff]/);
      const en = await as(request(t.app).get('/api/v1/units'), s, null).set('Accept-Language', 'en');
      expectProblem(en, 403, 'auth.password_change_required');
      expect(en.body.title).toBe(errorMessage('auth.password_change_required', 'en'));
      expectProblem(
        await as(request(t.app).post('/api/v1/auth/totp/setup'), s).send({ currentPassword: handedOut }),
        403,
        'auth.password_change_required',
      );
      expect((await Staff.findOne({ username: 'must-change' }).lean())?.pendingTotpSecretSealed).toBeUndefined();
    });

    test('can still read its session, which says so', async () => {
      const res = await as(request(t.app).get('/api/v1/auth/session'), s, null);
      expect(res.status).toBe(200);
      expect(res.body.user.mustChangePassword).toBe(true);
    });

    test('once the password is changed, the same session works', async () => {
      const res = await as(request(t.app).post('/api/v1/auth/password'), s).send({
        currentPassword: handedOut,
        newPassword: 'only i know this one',
      });
      expect(res.status).toBe(204);
      expect((await as(request(t.app).get('/api/v1/reports'), s, null)).status).toBe(200);
      expect((await as(request(t.app).get('/api/v1/auth/session'), s, null)).body.user.mustChangePassword).toBe(false);
    });

    test('can sign out', async () => {
      await Staff.updateOne({ username: 'must-change' }, { $set: { mustChangePassword: true } });
      expect((await as(request(t.app).post('/api/v1/auth/logout'), s)).status).toBe(204);
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
      const res = await as(request(t.app).post('/api/v1/auth/totp/setup'), s).send({ currentPassword: password });

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

    test('first enrolment without the current password is refused, and with a wrong one; nothing is stored', async () => {
      const other = await createAccount({ username: 'totp-first', role: 'intake', password });
      const s3 = await signIn(t.app, 'totp-first', password);

      const missing = await as(request(t.app).post('/api/v1/auth/totp/setup'), s3);
      expectProblem(missing, 400, 'request.invalid');
      expect(errorPaths(missing)).toEqual(['body.currentPassword']);
      expectProblem(
        await as(request(t.app).post('/api/v1/auth/totp/setup'), s3).send({ currentPassword: 'not my password' }),
        400,
        'auth.password_wrong',
      );
      expect((await Staff.findById(other._id).lean())?.pendingTotpSecretSealed).toBeUndefined();
    });

    test('re-enrolling TOTP without the current password and code is refused', async () => {
      const account = await createAccount({ username: 'totp-again', role: 'reviewer', password });
      const s3 = await signIn(t.app, 'totp-again', password);
      const first = await as(request(t.app).post('/api/v1/auth/totp/setup'), s3).send({ currentPassword: password });
      const enrolled = currentTotp(first.body.secret);
      expect((await as(request(t.app).post('/api/v1/auth/totp/enable'), s3).send({ code: enrolled })).status).toBe(200);
      const setup = (body: object) => as(request(t.app).post('/api/v1/auth/totp/setup'), s3).send(body);
      const stored = async () => (await Staff.findById(account._id).lean())!;
      const factorBefore = (await stored()).totpSecretSealed;

      expectProblem(await setup({}), 400, 'request.invalid');
      expectProblem(
        await setup({ currentPassword: 'not my password', code: currentTotp(first.body.secret, Date.now() + 30_000) }),
        400,
        'auth.password_wrong',
      );
      expectProblem(await setup({ currentPassword: password }), 401, 'auth.totp_required');
      expectProblem(
        await setup({ currentPassword: password, code: wrongTotp(first.body.secret) }),
        401,
        'auth.totp_invalid',
      );
      expectProblem(await setup({ currentPassword: password, code: enrolled }), 401, 'auth.totp_invalid'); // already used
      expect((await stored()).pendingTotpSecretSealed).toBeUndefined();
      // The wrong password and the two wrong codes count towards ending this session.
      expect((await Session.findById(sessionId(s3.token)).lean())?.failedProofs).toBe(3);

      const fresh = currentTotp(first.body.secret, Date.now() + 30_000);
      const again = await setup({ currentPassword: password, code: fresh });
      expect(again.status).toBe(200);
      expect(again.body.secret).not.toBe(first.body.secret);
      expect((await stored()).pendingTotpSecretSealed).toMatch(/^v1:/);
      expect((await stored()).totpSecretSealed).toBe(factorBefore); // the old factor stays until the new one is confirmed
      expectProblem(await login(t.app, 'totp-again', password, fresh), 401, 'auth.totp_invalid'); // the proof cannot be replayed to sign in
    });

    test('the code used to enable cannot be used again to sign in', async () => {
      const other = await createAccount({ username: 'totp-two', role: 'intake', password });
      const s2 = await signIn(t.app, 'totp-two', password);
      const setup = await as(request(t.app).post('/api/v1/auth/totp/setup'), s2).send({ currentPassword: password });
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
    for (let i = 0; i < 3; i++)
      expectProblem(await login(t.app, 'intake', 'wrong password'), 401, 'auth.invalid_credentials');

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
    for (let i = 0; i < 4; i++)
      expectProblem(await login(t.app, 'reviewer', 'wrong password'), 401, 'auth.invalid_credentials');

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

    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => login(t.app, 'parallel-target', `guess number ${i}`)),
    );

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

    const setup = await as(request(t.app).post('/api/v1/auth/totp/setup'), s).send({ currentPassword: t.demoPassword });
    expect(setup.status).toBe(200);
    const enable = await as(request(t.app).post('/api/v1/auth/totp/enable'), s).send({
      code: currentTotp(setup.body.secret),
    });
    expect(enable.status).toBe(200);

    const fund = await as(request(t.app).get('/api/v1/fund'), s, null);
    expect(fund.status).toBe(200);
    expect(fund.body).toMatchObject({
      appropriatedFen: 500_000_000,
      reservedFen: 0,
      paidFen: 0,
      availableFen: 500_000_000,
    });
    expect((await as(request(t.app).get('/api/v1/auth/session'), s, null)).body.mustEnrolTotp).toBe(false);
  });

  test('the login response itself says mustEnrolTotp for finance, not for other roles', async () => {
    await Staff.updateOne({ username: 'finance' }, { $unset: { totpSecretSealed: 1 } });
    expect((await login(t.app, 'finance', t.demoPassword)).body.mustEnrolTotp).toBe(true);
    expect((await login(t.app, 'reviewer', t.demoPassword)).body.mustEnrolTotp).toBe(false);
  });
});

describe('outside demo mode, with the default second-factor roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      WOODPECKER_DEMO: 'false',
      WOODPECKER_SECRET_KEY: crypto.randomBytes(32).toString('base64'),
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('TOTP is required for reviewer/finance/admin/protection outside demo mode: they are held at enrolment, intake and verifier are not', async () => {
    expect(t.config.totpRequiredRoles.sort()).toEqual(['admin', 'finance', 'leader', 'protection', 'reviewer']);
    for (const role of ['admin', 'reviewer', 'finance', 'protection']) {
      const s = await signIn(t.app, role, t.demoPassword);
      expect([
        role,
        s.user.totpEnabled,
        (await as(request(t.app).get('/api/v1/auth/session'), s, null)).body.mustEnrolTotp,
      ]).toEqual([role, false, true]);
      expectProblem(await as(request(t.app).get('/api/v1/reports'), s, null), 403, 'auth.totp_enrolment_required');
    }
    for (const role of ['intake', 'verifier']) {
      const s = await signIn(t.app, role, t.demoPassword);
      expect((await as(request(t.app).get('/api/v1/reports'), s, null)).status).toBe(200);
    }
  });
});

describe('served over HTTPS (PUBLIC_BASE_URL=https://…)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: 'https://report.example.org' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  test('the session cookie is __Host- prefixed over HTTPS: Secure, Path=/, no Domain; the unprefixed name is not honoured', async () => {
    const res = await login(t.app, 'intake', t.demoPassword);

    expect(res.status).toBe(200);
    const cookies = setCookies(res);
    expect(cookies.filter((c) => c.startsWith('wp_session='))).toEqual([]);
    const cookie = cookies.find((c) => c.startsWith('__Host-wp_session='))!;
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).not.toMatch(/Domain=/i);
    const pair = cookie.split(';')[0];
    const token = pair.slice('__Host-wp_session='.length);

    expect((await request(t.app).get('/api/v1/auth/session').set('Cookie', pair)).status).toBe(200);
    // A cookie without the prefix could have been planted by a sibling host or a plain-HTTP page.
    expectProblem(
      await request(t.app).get('/api/v1/auth/session').set('Cookie', `wp_session=${token}`),
      401,
      'auth.unauthenticated',
    );

    const out = await request(t.app)
      .post('/api/v1/auth/logout')
      .set('Cookie', pair)
      .set('X-CSRF-Token', res.body.csrfToken);
    expect(out.status).toBe(204);
    expect(setCookies(out).find((c) => c.startsWith('__Host-wp_session='))).toMatch(/Expires=Thu, 01 Jan 1970/);
  });
});
