// Rewards not claimed by their deadline lapse, and the money held for them goes
// back to the fund. Run by a job; each lapse is a step of its own through the
// workflow pipeline, so a claim arriving at the same moment wins or loses cleanly.
import { trusted } from 'mongoose';
import { AppError } from '../platform/errors';
import { transition } from '../reports/pipeline';
import { Report } from '../reports/report.model';

const system = { kind: 'system' } as const;

export async function lapseUnclaimedRewards(now: Date): Promise<{ lapsed: number }> {
  const due = await Report.find(
    { status: 'reward-approved', 'reward.claimDueAt': trusted({ $lt: now }) },
    { reference: 1 },
  ).lean();
  let lapsed = 0;
  for (const report of due) {
    try {
      await transition(report.reference, 'reward-lapsed', {}, system, { now });
      lapsed++;
    } catch (e) {
      if (!(e instanceof AppError)) throw e; // claimed or changed meanwhile: not due any more
    }
  }
  return { lapsed };
}
