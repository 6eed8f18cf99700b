// The partner registry's administration (administrators only, every change audited).
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { defineRoute } from '../platform/http/defineRoute';
import type { SecretBox } from '../platform/secretBox';
import { listPartners, registerPartner, rotatePartnerSecret, updatePartner } from './partnerRegistry';

export function partnerRoutes(deps: { box: SecretBox }): Router {
  const router = Router();
  const c = contract.partners;
  defineRoute(router, c.list, { access: 'partners.manage' }, () => listPartners());
  defineRoute(router, c.register, { access: 'partners.manage' }, ({ body, actor }) =>
    registerPartner(body, actor, deps.box),
  );
  defineRoute(router, c.update, { access: 'partners.manage' }, ({ params, body, actor }) =>
    updatePartner(params.code, body, actor),
  );
  defineRoute(router, c.rotateSecret, { access: 'partners.manage' }, ({ params, actor }) =>
    rotatePartnerSecret(params.code, actor, deps.box),
  );
  return router;
}
