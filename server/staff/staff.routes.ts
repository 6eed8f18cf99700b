import { Router } from 'express';
import { createStaffBody, createStaffResponse, passwordResetResponse, staffIdParams, staffListQuery, staffListResponse, staffResponse, updateStaffBody } from '../../shared/schemas/staff';
import { listStaff, passwordResetter, staffCreator, staffUpdater } from './staffAccounts';
import { defineRoute } from '../platform/http/defineRoute';
import { presentStaff } from './staff.presenter';

export function staffRoutes(): Router {
  const router = Router();

  defineRoute(router, { method: 'get', path: '/api/v1/staff', tag: 'staff', summary: 'List staff accounts', access: 'staff.list', query: staffListQuery, response: staffListResponse }, async ({ query }) => {
    const items = await listStaff(query);
    return { items: items.map(presentStaff), total: items.length };
  });

  defineRoute(router, { method: 'post', path: '/api/v1/staff', tag: 'staff', summary: 'Create a staff account (returns its initial password once)', access: 'staff.create', body: createStaffBody, response: createStaffResponse, status: 201 }, async ({ body, actor }) => {
    const { staff, initialPassword } = await staffCreator(actor, body);
    return { user: presentStaff(staff), initialPassword };
  });

  defineRoute(router, { method: 'patch', path: '/api/v1/staff/:id', tag: 'staff', summary: 'Change a staff account (role, unit, areas, the every-area grant, disabled…; audited)', access: 'staff.update', params: staffIdParams, body: updateStaffBody, response: staffResponse }, async ({ params, body, actor }) => ({
    user: presentStaff(await staffUpdater(actor, params.id, body)),
  }));

  defineRoute(router, { method: 'post', path: '/api/v1/staff/:id/password-reset', tag: 'staff', summary: 'Reset a password (returns a temporary one once)', access: 'staff.resetPassword', params: staffIdParams, response: passwordResetResponse }, async ({ params, actor }) =>
    passwordResetter(actor, params.id),
  );

  return router;
}
