import type { WorkflowRecord } from '../../shared/workflow';
import type { Actor } from '../access';
import { anyStaff, rolesOnly } from '../access/rules';

/** The conversation with the reporter ends with the report (the reporter's side closes on the same states). */
export const conversationClosedStates: readonly string[] = ['withdrawn', 'closed', 'rejected', 'duplicate'];

/**
 * Writing to the reporter: intake officers and reviewers of the area, and the verifier
 * the report is assigned to (not every verifier who can read it).
 */
const mayMessage = (actor: Actor, record?: unknown): boolean => {
  if (!['intake', 'verifier', 'reviewer'].includes(actor.role)) return false;
  const r = record as WorkflowRecord | undefined;
  return !r || actor.role !== 'verifier' || r.assignedVerifierId === actor.id;
};

export const reportPolicy = {
  /** Every role sees the reports of its areas; the workflow decides what each may do. */
  'reports.list': anyStaff,
  'reports.read': anyStaff,
  'reports.act': anyStaff,
  /** Reports that came by hotline, letter, fax or in person are entered by intake officers. */
  'reports.enter': rolesOnly('intake'),
  /** Reading a reporter's identity: reviewers and administrators, with a reason, audited. */
  'reports.revealIdentity': rolesOnly('reviewer', 'admin'),
  'reports.message': mayMessage,
  /** Accepting many reports at once, and the verifiers an acceptance may name: intake officers. */
  'reports.bulkAccept': rolesOnly('intake'),
  'reports.assign': rolesOnly('intake'),
  /** A reward claim's identity and bank account: finance, who pays it; every view audited. */
  'reports.viewClaim': rolesOnly('finance'),
};
