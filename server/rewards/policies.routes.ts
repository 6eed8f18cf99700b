// Reward-policy versions: the public list of published versions, and drafting and
// publishing in the console (domain rules in policyVersions.ts).
import { Router } from 'express';
import type { Logger } from 'pino';
import { contract } from '../../shared/contract';
import { defineRoute } from '../platform/http/defineRoute';
import {
  allPolicyVersions,
  createPolicyDraft,
  discardPolicyDraft,
  publishedPolicies,
  publishPolicyDraft,
  updatePolicyDraft,
} from './policyVersions';

export function rewardPolicyRoutes(logger?: Logger): Router {
  const router = Router();
  const c = contract.rewardPolicies;

  defineRoute(router, c.published, { access: 'public' }, async () => publishedPolicies(new Date()));

  defineRoute(router, c.versions, { access: 'rewardPolicies.read' }, async () => ({
    items: await allPolicyVersions(new Date()),
  }));

  defineRoute(router, c.createDraft, { access: 'rewardPolicies.draft' }, async ({ body, actor }) => ({
    version: await createPolicyDraft(actor, body.basedOn, new Date()),
  }));

  defineRoute(router, c.updateDraft, { access: 'rewardPolicies.draft' }, async ({ params, body, actor }) => ({
    version: await updatePolicyDraft(actor, params.id, body.policy, new Date()),
  }));

  defineRoute(router, c.discardDraft, { access: 'rewardPolicies.draft' }, async ({ params, actor }) => {
    await discardPolicyDraft(actor, params.id);
  });

  defineRoute(router, c.publish, { access: 'rewardPolicies.publish' }, async ({ params, body, actor }) => ({
    version: await publishPolicyDraft(actor, params.id, body.reviewedUpdatedAt, new Date(), logger),
  }));

  return router;
}
