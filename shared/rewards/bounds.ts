// The range a scheme pays under the policy in force on a day, for one-line notices
// such as the report form's "属实可获奖励 3,000 – 300,000 元".
import type { RewardScheme } from '../catalog';
import { policyInForce, type PolicyRegistry } from './policies';

export interface RewardRange {
  minFen: number;
  maxFen: number;
}

/** The scheme's own bounds (no employee uplift), or undefined when the policy has no such scheme. */
export function schemeRange(scheme: RewardScheme, day: string, registry: PolicyRegistry): RewardRange | undefined {
  const policy = policyInForce(day, registry);
  switch (scheme) {
    case 'violation':
      return { minFen: policy.violation.minFen, maxFen: policy.violation.maxFen };
    case 'concealed-accident': {
      const { perDeathFen, maxFen } = policy.concealedAccident;
      return { minFen: Math.min(...Object.values(perDeathFen)), maxFen };
    }
    case 'welding':
      return policy.welding ? { minFen: policy.welding.minFen, maxFen: policy.welding.maxFen } : undefined;
  }
}
