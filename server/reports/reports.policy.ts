// Who may reach the report routes at all. Which step a person may take on which
// report is the workflow table's to say (shared/workflow.ts); the role gates for
// the step routes are read from that table, so there is one list, not two.
import { caseActionNames, workflowActions } from '../../shared/workflow';
import type { Actor } from '../access';
import { anyStaff, rolesOnly } from '../access/rules';

const mayTakeAnyOf = (names: readonly (keyof typeof workflowActions)[]) => (actor: Actor) =>
  names.some((n) => (workflowActions[n].roles as readonly string[]).includes(actor.role));

export const reportPolicy = {
  /** Every role sees the reports of its areas; the workflow decides what each may do. */
  'reports.list': anyStaff,
  'reports.read': anyStaff,
  /** The console's action bar: roles that have at least one case action in the table. */
  'reports.act': mayTakeAnyOf(caseActionNames),
  /** Re-inspecting a rectification, with its photos: the roles of the table's step. */
  'reports.reinspect': mayTakeAnyOf(['record-reinspection']),
  /** Writing to the reporter: the roles of the table's staff-message step (its guards decide per report). */
  'reports.message': mayTakeAnyOf(['staff-message']),
  /** Reports that came by hotline, letter, fax or in person are entered by intake officers. */
  'reports.enter': rolesOnly('intake'),
  /** Reading a reporter's identity: the roles of the table's reveal step, once a custodian approved their request. */
  'reports.revealIdentity': mayTakeAnyOf(['reveal-identity']),
  /** A real-name reporter's reports under their pseudonym: protection, fraud review and leaders, by area, audited. */
  'reports.reporterHistory': rolesOnly('protection', 'discipline', 'leader', 'reviewer'),
  /** Accepting many reports at once: intake officers. */
  'reports.bulkAccept': rolesOnly('intake'),
  /** The verifiers a report may be given: on acceptance, or when a referral or objection orders a new verification. */
  'reports.assign': mayTakeAnyOf(['accept', 'decide-referral', 'decide-objection']),
  /** The reward proposal's preview: the roles of the table's propose-reward step (its guards decide per report). */
  'reports.previewProposal': mayTakeAnyOf(['propose-reward']),
  /** A reward claim's identity and bank account: finance, who pays it; every view audited. */
  'reports.viewClaim': rolesOnly('finance'),
  /** A protection case's sealed account: the protection officers, who alone handle protection cases. */
  'reports.readProtectionCase': rolesOnly('protection'),
};
