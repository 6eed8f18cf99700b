// Staff sign-in, the session, password change and the second factor.
import {
  changePasswordBody,
  loginBody,
  sessionResponse,
  totpEnableBody,
  totpSetupBody,
  totpSetupResponse,
} from '../schemas/auth';
import { staffResponse } from '../schemas/staff';
import { endpoint } from './endpoint';

export const auth = {
  login: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/auth/login',
    tag: 'auth',
    summary: 'Staff sign-in (password, then TOTP when enrolled)',
    body: loginBody,
    response: sessionResponse,
    status: 200,
  }),
  session: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/auth/session',
    tag: 'auth',
    summary: 'The current staff session',
    response: sessionResponse,
    status: 200,
  }),
  logout: endpoint({
    kind: 'empty',
    method: 'post',
    path: '/api/v1/auth/logout',
    tag: 'auth',
    summary: 'End the session',
    status: 204,
  }),
  changePassword: endpoint({
    kind: 'empty',
    method: 'post',
    path: '/api/v1/auth/password',
    tag: 'auth',
    summary: 'Change my password (ends my other sessions)',
    body: changePasswordBody,
    status: 204,
  }),
  totpSetup: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/auth/totp/setup',
    tag: 'auth',
    summary: 'Start enrolling a TOTP second factor (needs the password, and the current code to replace one)',
    body: totpSetupBody,
    response: totpSetupResponse,
    status: 200,
  }),
  totpEnable: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/auth/totp/enable',
    tag: 'auth',
    summary: 'Confirm a code and turn the second factor on',
    body: totpEnableBody,
    response: staffResponse,
    status: 200,
  }),
};
