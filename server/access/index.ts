// Who may do what. One table per resource; `authorize` is the only gate routes use.
import type { AreaScoped } from '../../shared/areaScope';
import type { Level } from '../../shared/levels';
import type { Role } from '../../shared/roles';
import { fail } from '../platform/errors';
import { auditPolicy } from '../audit/audit.policy';
import { fundPolicy } from '../fund/fund.policy';
import { posterPolicy } from '../posters/posters.policy';
import { reportPolicy } from '../reports/reports.policy';
import { responsibilityPolicy } from '../catalog/catalog.policy';
import { jurisdictionPolicy } from '../jurisdiction/jurisdiction.policy';
import { rewardPolicyPolicy } from '../rewards/rewardPolicies.policy';
import { rewardControlsPolicy } from '../rewards/rewardControls.policy';
import { staffPolicy } from '../staff/staff.policy';
import { statsPolicy } from '../stats/stats.policy';
import { webhookPolicy } from '../exchange/webhooks.policy';
import { partnerPolicy } from '../exchange/partners.policy';

export interface Actor extends AreaScoped {
  id: string;
  username: string;
  role: Role;
  unitCode: string;
  /** The level of the staff member's unit: a county department or a city-wide one. */
  level: Level;
}

export type Rule<R = unknown> = (actor: Actor, record?: R) => boolean;

const policies = {
  ...staffPolicy,
  ...auditPolicy,
  ...fundPolicy,
  ...posterPolicy,
  ...reportPolicy,
  ...responsibilityPolicy,
  ...jurisdictionPolicy,
  ...rewardPolicyPolicy,
  ...statsPolicy,
  ...rewardControlsPolicy,
  ...webhookPolicy,
  ...partnerPolicy,
};

export type Action = keyof typeof policies;

export function can(actor: Actor, action: Action, record?: unknown): boolean {
  return (policies[action] as Rule)(actor, record);
}

export function authorize(actor: Actor, action: Action, record?: unknown): void {
  if (!can(actor, action, record)) throw fail('auth.forbidden');
}
