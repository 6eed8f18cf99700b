import { anyStaff, rolesOnly } from './rules';

export const reportPolicy = {
  /** Every role sees the reports of its areas; the workflow decides what each may do. */
  'reports.list': anyStaff,
  'reports.read': anyStaff,
  'reports.act': anyStaff,
  /** Reports that came by hotline, letter, fax or in person are entered by intake officers. */
  'reports.enter': rolesOnly('intake'),
  /** Reading a reporter's identity: reviewers and administrators, with a reason, audited. */
  'reports.revealIdentity': rolesOnly('reviewer', 'admin'),
};
