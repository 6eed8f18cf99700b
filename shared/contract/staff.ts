// Staff accounts.
import {
  createStaffBody,
  createStaffResponse,
  passwordResetResponse,
  staffIdParams,
  staffListQuery,
  staffListResponse,
  staffResponse,
  updateStaffBody,
} from '../schemas/staff';
import { endpoint } from './endpoint';

export const staff = {
  list: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/staff',
    tag: 'staff',
    summary: 'List staff accounts',
    query: staffListQuery,
    response: staffListResponse,
    status: 200,
  }),
  create: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/staff',
    tag: 'staff',
    summary: 'Create a staff account (returns its initial password once)',
    body: createStaffBody,
    response: createStaffResponse,
    status: 201,
  }),
  update: endpoint({
    kind: 'json',
    method: 'patch',
    path: '/api/v1/staff/:id',
    tag: 'staff',
    summary: 'Change a staff account (role, unit, areas, the every-area grant, disabled…; audited)',
    params: staffIdParams,
    body: updateStaffBody,
    response: staffResponse,
    status: 200,
  }),
  resetPassword: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/staff/:id/password-reset',
    tag: 'staff',
    summary: 'Reset a password (returns a temporary one once)',
    params: staffIdParams,
    response: passwordResetResponse,
    status: 200,
  }),
};
