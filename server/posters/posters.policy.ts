import { rolesOnly } from '../access/rules';

/** Intake officers field the reports posters bring in, and hand posters out on site. */
const adminOrIntake = rolesOnly('admin', 'intake');

export const posterPolicy = {
  'posters.list': adminOrIntake,
  'posters.create': rolesOnly('admin'),
  'posters.update': rolesOnly('admin'),
  'posters.print': adminOrIntake,
};
