// The monthly ranking's weights: stored in one settings document that
// administrators edit (audited); these defaults apply until they do.
import type { ClientSession } from 'mongoose';
import type { z } from 'zod';
import type { rankingWeightsSchema } from '../../shared/schemas/stats';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { StatsSettings } from './statsRollup.model';
import type { Actor } from '../access';

export type RankingWeights = z.infer<typeof rankingWeightsSchema>;

/**
 * Handling on time matters most (the bureau's 60-day rule), then whether the
 * hazards found are fixed (rectification verified complete by re-inspection), then the share of reports that proved true, and least
 * how many reports an area draws per resident (a sign of public trust, but also of hazards).
 */
export const DEFAULT_WEIGHTS: RankingWeights = { onTime: 40, rectification: 30, substantiation: 20, perCapita: 10 };

const SETTINGS_ID = 'ranking-weights';

export async function rankingWeights(session?: ClientSession): Promise<RankingWeights> {
  const doc = await StatsSettings.findById(SETTINGS_ID, null, { session }).lean();
  const w = doc?.weights;
  return w
    ? {
        onTime: w.onTime ?? 0,
        substantiation: w.substantiation ?? 0,
        rectification: w.rectification ?? 0,
        perCapita: w.perCapita ?? 0,
      }
    : DEFAULT_WEIGHTS;
}

/** Stores new weights and the audit entry (before and after) together, or neither. */
export async function changeRankingWeights(weights: RankingWeights, actor: Actor): Promise<RankingWeights> {
  await inTransaction(async (session) => {
    const before = await rankingWeights(session); // read in the transaction: a concurrent change conflicts and retries
    await StatsSettings.updateOne(
      { _id: SETTINGS_ID },
      { $set: { weights, updatedBy: actor.id } },
      { upsert: true, session },
    );
    await appendAudit(
      {
        actor,
        action: 'stats.ranking_weights',
        target: { type: 'settings', id: SETTINGS_ID },
        details: { before, after: weights },
      },
      session,
    );
  });
  return weights;
}
