// The exclusion register and the reward anomaly views.
import { Router } from 'express';
import { contract } from '../../shared/contract';
import { defineRoute } from '../platform/http/defineRoute';
import type { SecretBox } from '../platform/secretBox';
import { rewardAnomalies } from './anomalies';
import { addExclusion, listExclusions, removeExclusion } from './exclusionRegister';

export function rewardControlRoutes(deps: { box: SecretBox }): Router {
  const router = Router();
  const c = contract.rewardControls;

  defineRoute(router, c.exclusions, { access: 'rewards.exclusions.manage' }, () => listExclusions());
  defineRoute(router, c.addExclusion, { access: 'rewards.exclusions.manage' }, ({ body, actor }) =>
    addExclusion(body, actor, deps.box),
  );
  defineRoute(router, c.removeExclusion, { access: 'rewards.exclusions.manage' }, ({ params, actor }) =>
    removeExclusion(params.id, actor),
  );
  defineRoute(router, c.anomalies, { access: 'rewards.anomalies.read' }, ({ query, actor }) =>
    rewardAnomalies(actor, query.from, query.to),
  );
  return router;
}
