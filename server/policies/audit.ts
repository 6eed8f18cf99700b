import type { Actor, Rule } from '.';

const admin: Rule = (a: Actor) => a.role === 'admin';

export const auditPolicy = {
  'audit.read': admin,
  'audit.verify': admin,
};
