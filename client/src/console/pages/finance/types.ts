// The fund API's shapes, from the server's zod schemas (type-only: no zod in the bundle).
import type { z } from 'zod';
import type { fundResponse } from '../../../../../shared/schemas/common';
import type {
  LedgerEntryView,
  ledgerResponse,
  MonthFigures,
  RewardWorkItem,
  rewardWorkResponse,
} from '../../../../../shared/schemas/fund';

export type FundOverview = z.infer<typeof fundResponse>;
export type { LedgerEntryView, MonthFigures, RewardWorkItem };
export type LedgerPage = z.infer<typeof ledgerResponse>;
export type RewardWorkPage = z.infer<typeof rewardWorkResponse>;
