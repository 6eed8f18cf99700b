import { Router } from 'express';
import { changePasswordBody, loginBody, sessionResponse, totpEnableBody, totpSetupBody, totpSetupResponse } from '../../shared/schemas/auth';
import { destroySession, sessionCookieName } from './sessions';
import { passwordChanger, staffById, totpEnabler, totpEnrolmentStarter } from './staffAccounts';
import { staffLogin, type LoginPolicy } from './staffLogin';
import type { SecretBox } from '../platform/secretBox';
import { defineRoute } from '../platform/http/defineRoute';
import { fail } from '../platform/errors';
import { presentStaff } from './staff.presenter';

export function authRoutes(deps: { policy: LoginPolicy; box: SecretBox; secureCookies: boolean; totpRequiredRoles: string[] }): Router {
  const router = Router();
  // No Domain: the cookie stays host-only, as the __Host- prefix requires over HTTPS.
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies, path: '/' };
  const cookieName = sessionCookieName(deps.secureCookies);

  defineRoute(router, { method: 'post', path: '/api/v1/auth/login', tag: 'auth', summary: 'Staff sign-in (password, then TOTP when enrolled)', access: 'public', noStore: true, body: loginBody, response: sessionResponse }, async ({ body, res }) => {
    const { staff, token, csrfToken } = await staffLogin(body, deps.policy, deps.box);
    res.cookie(cookieName, token, { ...cookieOptions, maxAge: deps.policy.absoluteHours * 3_600_000 });
    return { user: presentStaff(staff), csrfToken, mustEnrolTotp: deps.totpRequiredRoles.includes(staff.role) && !staff.totpSecretSealed };
  });

  defineRoute(router, { method: 'get', path: '/api/v1/auth/session', tag: 'auth', summary: 'The current staff session', access: 'staff', duringTotpEnrolment: true, duringPasswordChange: true, response: sessionResponse }, async ({ req, actor }) => {
    const staff = await staffById(actor.id);
    if (!staff) throw fail('auth.unauthenticated');
    return { user: presentStaff(staff), csrfToken: req.staff!.csrfToken, mustEnrolTotp: req.staff!.mustEnrolTotp };
  });

  defineRoute(router, { method: 'post', path: '/api/v1/auth/logout', tag: 'auth', summary: 'End the session', access: 'staff', duringTotpEnrolment: true, duringPasswordChange: true }, async ({ req, res }) => {
    await destroySession(req.staff!.sessionToken);
    res.clearCookie(cookieName, cookieOptions);
    return undefined;
  });

  defineRoute(router, { method: 'post', path: '/api/v1/auth/password', tag: 'auth', summary: 'Change my password (ends my other sessions)', access: 'self.manageSecurity', duringTotpEnrolment: true, duringPasswordChange: true, body: changePasswordBody }, async ({ body, actor, req }) => {
    await passwordChanger(actor, body.currentPassword, body.newPassword, req.staff!.sessionToken);
    return undefined;
  });

  defineRoute(router, { method: 'post', path: '/api/v1/auth/totp/setup', tag: 'auth', summary: 'Start enrolling a TOTP second factor (needs the password, and the current code to replace one)', access: 'self.manageSecurity', duringTotpEnrolment: true, body: totpSetupBody, response: totpSetupResponse }, async ({ actor, body, req }) =>
    totpEnrolmentStarter(actor, deps.box, body, req.staff!.sessionToken),
  );

  defineRoute(router, { method: 'post', path: '/api/v1/auth/totp/enable', tag: 'auth', summary: 'Confirm a code and turn the second factor on', access: 'self.manageSecurity', duringTotpEnrolment: true, body: totpEnableBody }, async ({ body, actor, req }) => {
    const staff = await totpEnabler(actor, body.code, deps.box);
    req.staff!.mustEnrolTotp = false;
    return { user: presentStaff(staff) };
  });

  return router;
}
