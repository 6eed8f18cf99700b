// Reward-policy versions as the API carries them: the public list of published
// versions (transparency and the estimator) and the versions administrators draft
// and publish. A version's body is the whole policy, checked with the one policy
// schema, so a field added to the policy needs no change here.
import { z } from 'zod';
import { rewardPolicySchema } from '../rewards/policySchema';

export const policyVersionStatuses = ['draft', 'published'] as const;
export const policyVersionSources = ['built-in', 'console'] as const;

const staffRef = z.object({ id: z.string(), username: z.string(), displayName: z.string() });

export const publishedPoliciesResponse = z.object({
  /** Today in Asia/Shanghai, the day `inForceId` is for. */
  today: z.iso.date(),
  /** The version in force today; null before the first version. */
  inForceId: z.string().nullable(),
  /** Every published version, in effective-date order. */
  items: z.array(rewardPolicySchema),
});
export type PublishedPolicies = z.infer<typeof publishedPoliciesResponse>;

export const policyVersionView = z.object({
  /** The record's id (a published version's is also its policy id). */
  id: z.string(),
  status: z.enum(policyVersionStatuses),
  source: z.enum(policyVersionSources),
  policy: rewardPolicySchema,
  /** The version this one was drafted from. */
  basedOn: z.string().nullable(),
  draftedBy: staffRef.nullable(),
  draftedAt: z.string().nullable(),
  updatedAt: z.string(),
  publishedBy: staffRef.nullable(),
  publishedAt: z.string().nullable(),
  /** In force today (published versions only). */
  inForce: z.boolean(),
});
export type PolicyVersionView = z.infer<typeof policyVersionView>;

export const policyVersionListResponse = z.object({ items: z.array(policyVersionView) });
export const policyVersionResponse = z.object({ version: policyVersionView });

export const policyVersionParams = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/) });

export const createPolicyDraftBody = z.object({
  /** A published version or a draft to start from. */
  basedOn: z.string().regex(/^[a-z0-9-]{1,80}$/),
});

export const updatePolicyDraftBody = z.object({ policy: rewardPolicySchema });

/** The publisher names the draft's last change they reviewed: a later edit is never published unseen. */
export const publishPolicyDraftBody = z.object({ reviewedUpdatedAt: z.iso.datetime() });
