import { Router } from 'express';
import { contract } from '../../shared/contract';
import { listStaff, passwordResetter, staffCreator, staffUpdater } from './staffAccounts';
import { defineRoute } from '../platform/http/defineRoute';
import { presentStaff } from './staff.presenter';

export function staffRoutes(): Router {
  const router = Router();

  defineRoute(router, contract.staff.list, { access: 'staff.list' }, async ({ query }) => {
    const items = await listStaff(query);
    return { items: items.map(presentStaff), total: items.length };
  });

  defineRoute(router, contract.staff.create, { access: 'staff.create' }, async ({ body, actor }) => {
    const { staff, initialPassword } = await staffCreator(actor, body);
    return { user: presentStaff(staff), initialPassword };
  });

  defineRoute(router, contract.staff.update, { access: 'staff.update' }, async ({ params, body, actor }) => ({
    user: presentStaff(await staffUpdater(actor, params.id, body)),
  }));

  defineRoute(router, contract.staff.resetPassword, { access: 'staff.resetPassword' }, async ({ params, actor }) =>
    passwordResetter(actor, params.id),
  );

  return router;
}
