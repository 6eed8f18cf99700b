import { Router } from 'express';
import { contract } from '../../shared/contract';
import { destroySession, sessionCookieName } from './sessions';
import { passwordChanger, staffById, totpEnabler, totpEnrolmentStarter } from './staffAccounts';
import { staffLogin, type LoginPolicy } from './staffLogin';
import type { SecretBox } from '../platform/secretBox';
import { defineRoute } from '../platform/http/defineRoute';
import { fail } from '../platform/errors';
import { presentStaff } from './staff.presenter';

export function authRoutes(deps: {
  policy: LoginPolicy;
  box: SecretBox;
  secureCookies: boolean;
  totpRequiredRoles: string[];
}): Router {
  const router = Router();
  // No Domain: the cookie stays host-only, as the __Host- prefix requires over HTTPS.
  const cookieOptions = { httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies, path: '/' };
  const cookieName = sessionCookieName(deps.secureCookies);

  defineRoute(router, contract.auth.login, { access: 'public', noStore: true }, async ({ body, res }) => {
    const { staff, token, csrfToken } = await staffLogin(body, deps.policy, deps.box);
    res.cookie(cookieName, token, { ...cookieOptions, maxAge: deps.policy.absoluteHours * 3_600_000 });
    return {
      user: presentStaff(staff),
      csrfToken,
      mustEnrolTotp: deps.totpRequiredRoles.includes(staff.role) && !staff.totpSecretSealed,
    };
  });

  defineRoute(
    router,
    contract.auth.session,
    { access: 'staff', duringTotpEnrolment: true, duringPasswordChange: true },
    async ({ req, actor }) => {
      const staff = await staffById(actor.id);
      if (!staff) throw fail('auth.unauthenticated');
      return { user: presentStaff(staff), csrfToken: req.staff!.csrfToken, mustEnrolTotp: req.staff!.mustEnrolTotp };
    },
  );

  defineRoute(
    router,
    contract.auth.logout,
    { access: 'staff', duringTotpEnrolment: true, duringPasswordChange: true },
    async ({ req, res }) => {
      await destroySession(req.staff!.sessionToken);
      res.clearCookie(cookieName, cookieOptions);
      return undefined;
    },
  );

  defineRoute(
    router,
    contract.auth.changePassword,
    { access: 'self.manageSecurity', duringTotpEnrolment: true, duringPasswordChange: true },
    async ({ body, actor, req }) => {
      await passwordChanger(actor, body.currentPassword, body.newPassword, req.staff!.sessionToken);
      return undefined;
    },
  );

  defineRoute(
    router,
    contract.auth.totpSetup,
    { access: 'self.manageSecurity', duringTotpEnrolment: true },
    async ({ actor, body, req }) => totpEnrolmentStarter(actor, deps.box, body, req.staff!.sessionToken),
  );

  defineRoute(
    router,
    contract.auth.totpEnable,
    { access: 'self.manageSecurity', duringTotpEnrolment: true },
    async ({ body, actor, req }) => {
      const staff = await totpEnabler(actor, body.code, deps.box);
      req.staff!.mustEnrolTotp = false;
      return { user: presentStaff(staff) };
    },
  );

  return router;
}
