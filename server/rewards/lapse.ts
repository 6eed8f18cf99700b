// Rewards not claimed by their deadline lapse, and the money held for them goes
// back to the fund. Run by a job; each lapse is its own transaction on the
// report's revision, so a claim arriving at the same moment wins or loses cleanly.
import { trusted } from 'mongoose';
import { appendAudit } from '../audit/auditLog';
import { inTransaction } from '../platform/db';
import { Report } from '../reports/report.model';
import { refreshReportStats } from '../stats';
import { moveMoney } from '../fund/ledger';

export async function lapseUnclaimedRewards(now: Date): Promise<{ lapsed: number }> {
  const due = await Report.find({ status: 'reward-approved', 'reward.claimDueAt': trusted({ $lt: now }) }, { reference: 1, revision: 1, reward: 1 }).lean();
  let lapsed = 0;
  for (const r of due) {
    const reservedFen = r.reward?.reservedFen ?? 0;
    const done = await inTransaction(async (session) => {
      const u = await Report.updateOne(
        { reference: r.reference, status: 'reward-approved', revision: r.revision },
        {
          $set: { status: 'reward-lapsed', statusChangedAt: now, 'reward.lapsedAt': now, 'reward.reservedFen': 0 },
          $inc: { revision: 1 },
          $push: { timeline: { at: now, type: 'reward-lapsed', public: true, note: '奖励逾期未领取，已失效 / The reward was not claimed in time and has lapsed' } },
        },
        { session },
      );
      if (!u.modifiedCount) return false; // claimed or changed meanwhile
      if (reservedFen > 0) await moveMoney({ kind: 'release', amountFen: reservedFen, rewardId: r.reference, note: 'lapsed', idempotencyKey: `lapse:${r.reference}:${r.revision}` }, session, now);
      await appendAudit({ actor: null, action: 'report.reward-lapsed', target: { type: 'report', id: r.reference }, details: { releasedFen: reservedFen } }, session, now);
      await refreshReportStats(r.reference, session);
      return true;
    });
    if (done) lapsed++;
  }
  return { lapsed };
}
