// What a partner system (the provincial platform) may know of a case it dispatched
// to us, as the status pull answers it and every status webhook carries it: where
// the case stands and what came of it, nothing about the reporter or the staff.
import { z } from 'zod';

export const partnerStages = ['received', 'accepted', 'verifying', 'concluded', 'closed'] as const;
export type PartnerStage = (typeof partnerStages)[number];

export const partnerOutcomes = [
  'substantiated',
  'not-substantiated',
  'unverifiable',
  'rejected',
  'duplicate',
  'transferred',
  'withdrawn',
] as const;
export type PartnerOutcome = (typeof partnerOutcomes)[number];

export const partnerCaseView = z.object({
  /** Our reference for the case. */
  reference: z.string(),
  /** The partner's own case id, as it sent it. */
  externalId: z.string(),
  stage: z.enum(partnerStages),
  /** Set once the case is concluded (or screened out, transferred or withdrawn). */
  outcome: z.enum(partnerOutcomes).nullable(),
  /** Rectification of the hazard: open while any order is, completed when every one is verified. */
  rectification: z.enum(['open', 'completed']).nullable(),
  /** The reward decision as the reporter was told it. */
  reward: z
    .object({
      decision: z.enum(['granted', 'refused', 'lapsed']),
      /** Integer fen; 0 unless granted. */
      amountFen: z.number().int(),
      paid: z.boolean(),
    })
    .nullable(),
  updatedAt: z.string(),
});
export type PartnerCaseView = z.infer<typeof partnerCaseView>;

/** What a status webhook is about; the body always carries the whole view after it. */
export const webhookEventTypes = [
  'accepted',
  'transferred',
  'rejected',
  'withdrawn',
  'verified',
  'reopened',
  'rectification-ordered',
  'rectified',
  'reward-decided',
  'reward-paid',
  'closed',
  /** Test mode only: a test case was recorded (its case is the test case, reference TEST-…). */
  'test',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** The body of a status webhook (POST to the partner's webhook URL, signed). */
export const webhookBody = z.object({
  /** Unique: the partner ignores an event id it has seen (a retry after a lost answer). */
  eventId: z.string(),
  type: z.enum(webhookEventTypes),
  /** 1, 2, 3… per case: the partner applies a case's events in this order. */
  sequence: z.number().int().positive(),
  occurredAt: z.string(),
  case: partnerCaseView,
});
export type WebhookBody = z.infer<typeof webhookBody>;

export const exchangeCaseParams = z.object({ externalId: z.string().min(1).max(100) });
