import type { Actor, Rule } from '.';

export const fundPolicy = {
  'fund.read': ((a: Actor) => a.role === 'finance' || a.role === 'admin' || a.role === 'reviewer') as Rule,
};
