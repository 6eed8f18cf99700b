// The reward-policy versions this process computes with. Every calculation on the
// server reads them here, so the estimator, findings and deadlines always use the
// same versions; the published registry in the database replaces the built-in
// ones when it is loaded.
import { builtInPolicies, type PolicyRegistry } from '../../shared/rewards';

let current: PolicyRegistry = builtInPolicies;

export const currentPolicies = (): PolicyRegistry => current;

/** Replaces the versions in use (in effective-date order). */
export function usePolicies(registry: PolicyRegistry): void {
  current = registry;
}
