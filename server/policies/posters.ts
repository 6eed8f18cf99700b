import type { Actor, Rule } from '.';

// Rules are written out here rather than with index's isRole: index imports this
// file, so calling into it while it loads would meet an undefined function.
const admin: Rule = (a: Actor) => a.role === 'admin';
/** Intake officers field the reports posters bring in, and hand posters out on site. */
const adminOrIntake: Rule = (a: Actor) => a.role === 'admin' || a.role === 'intake';

export const posterPolicy = {
  'posters.list': adminOrIntake,
  'posters.create': admin,
  'posters.update': admin,
  'posters.print': adminOrIntake,
};
