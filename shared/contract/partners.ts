// The partner registry: administrators register partner systems, issue and
// rotate their shared secrets, and switch test mode, webhooks and access.
import {
  partnerList,
  partnerParams,
  partnerView,
  partnerWithSecret,
  registerPartnerBody,
  updatePartnerBody,
} from '../schemas/partners';
import { endpoint } from './endpoint';

export const partners = {
  list: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/partners',
    tag: 'exchange',
    summary: 'Partner systems that exchange cases with us (never their secrets)',
    response: partnerList,
    status: 200,
  }),
  register: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/partners',
    tag: 'exchange',
    summary: 'Register a partner system; the answer carries its shared secret, once',
    body: registerPartnerBody,
    response: partnerWithSecret,
    status: 201,
  }),
  update: endpoint({
    kind: 'json',
    method: 'patch',
    path: '/api/v1/partners/:code',
    tag: 'exchange',
    summary: 'Change a partner’s names, webhook address, test mode, or deactivate it',
    params: partnerParams,
    body: updatePartnerBody,
    response: partnerView,
    status: 200,
  }),
  rotateSecret: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/partners/:code/secret',
    tag: 'exchange',
    summary: 'Issue a new key id and secret (the old ones stop working at once); the secret is shown once',
    params: partnerParams,
    response: partnerWithSecret,
    status: 200,
  }),
};
