import { rolesOnly } from '../access/rules';

/** Status webhooks to partners: administrators watch deliveries and send dead letters again. */
export const webhookPolicy = {
  'webhooks.read': rolesOnly('admin'),
  'webhooks.resend': rolesOnly('admin'),
};
