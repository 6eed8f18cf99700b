// One matter, one reward (安监总财〔2018〕19号: several reports of one matter are
// rewarded once, the first valid one). A case linked at intake shares its matter
// with the matter's first case and every other case linked to it; while one of
// them holds a reward (proposed, reviewed, approved, claimed or paid), no other
// is proposed or approved. A refused or lapsed reward holds nothing.
import type { ClientSession } from 'mongoose';
import { Report, type ReportFields } from '../reports/report.model';
import { matterMembers } from '../reports/matter';
import { AppError } from '../platform/errors';

const heldStates = ['reward-proposed', 'reward-reviewed', 'reward-approved', 'reward-claimed', 'reward-paid'];

/** Whether this case's reward still stands in its matter's way. */
export function holdsReward(r: Pick<ReportFields, 'status' | 'reward'>): boolean {
  const reward = r.reward;
  if (!reward?.eligible) return false;
  if (heldStates.includes(r.status)) return true;
  if (r.status === 'reward-appealed') return reward.appeal?.fromStatus !== 'reward-refused';
  return r.status === 'closed' && !!reward.payout?.recordedAt;
}

/** A case alone in its matter (most are) needs no look at others. */
const inMatter = (r: ReportFields) => !!r.matter?.of || r.matterHead === true;

/** Refuses the step, naming the case whose reward stands (the answer goes to staff only). */
export async function refuseSecondReward(report: ReportFields, session?: ClientSession): Promise<void> {
  if (!inMatter(report)) return;
  const other = (await matterMembers(report, session)).find((m) => m.reference !== report.reference && holdsReward(m));
  if (!other) return;
  const ref = other.reference;
  throw new AppError(
    'reward.matter_rewarded',
    [{ path: 'matter', code: 'rewarded', message: `the matter's reward stands on ${ref}` }],
    { rewardedCase: ref },
    {
      zh: `同一事项只奖励一次：该事项的案件 ${ref} 已拟定、批准或发放奖励。该奖励被退回、不予奖励或逾期失效后，方可奖励本案。`,
      en: `One matter is rewarded once: case ${ref} of this matter already has a reward proposed, approved or paid. This case can be rewarded once that reward is returned, refused or lapses.`,
    },
  );
}

/**
 * The same check inside the step's transaction, after writing the matter's first case: two
 * reward steps in one matter at once both write that document, so one is retried and then
 * sees the other's reward (as two instances would).
 */
export async function recheckInTransaction(report: ReportFields, session: ClientSession): Promise<void> {
  if (!inMatter(report)) return;
  const first = report.matter?.of ?? report.reference;
  await Report.updateOne({ reference: first }, { $inc: { matterRewardSteps: 1 } }, { session });
  await refuseSecondReward(report, session);
}
