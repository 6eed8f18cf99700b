// What every case worker sees of an insider's report, its protection and a withdrawal
// (server/protection/insiderViews.presenter.ts).
import { z } from 'zod';

/** Every case worker sees whether the case is an insider's and protected, and the cover to verify under. */
export const staffProtectionView = z.object({
  /** The intake officer's assessment, or the reporter's own word before one is recorded. */
  insider: z.boolean(),
  risk: z.enum(['low', 'medium', 'high']).optional(),
  protected: z.boolean(),
  coverNote: z.string().optional(),
  assessedAt: z.string().optional(),
});

/** The reporter withdrew (after acceptance the case stays open until a reviewer decides). */
export const staffWithdrawalView = z.object({
  at: z.string(),
  decided: z.boolean().optional(),
  outcome: z.enum(['continue', 'end']).optional(),
});

/** Protection staff only: when the duress key was used, and where. */
export const duressSignalView = z.object({
  at: z.string(),
  context: z.enum(['sign-in', 'withdrawal', 'retaliation']),
  caseNo: z.string().optional(),
});

export const staffInsiderFields = {
  protection: staffProtectionView,
  withdrawal: staffWithdrawalView.optional(),
  duressSignals: z.array(duressSignalView).optional(),
};

/** The duress key, shown once when it is set. */
export const duressKeyResponse = z.object({ duressKey: z.string() });
