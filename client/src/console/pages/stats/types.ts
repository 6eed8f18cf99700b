// The shapes the statistics endpoints answer with.
export interface Totals {
  received: number;
  accepted: number;
  concluded: number;
  substantiated: number;
  unsubstantiated: number;
  rectified: number;
  onTime: number;
  substantiationRate: number | null;
  medianDaysToConclusion: number | null;
  rewardsApproved: number;
  rewardsApprovedFen: number;
  rewardsPaid: number;
  rewardsPaidFen: number;
}

export interface Overview {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  totals: Totals;
  previous: Totals;
  overdueNow: number;
  /** Absent for roles that may not read the fund. */
  fund?: { appropriatedFen: number; reservedFen: number; paidFen: number; availableFen: number };
  byMonth: ({ month: string } & Totals)[];
  byArea: ({ area: string } & Totals)[];
  bySector: ({ sector: string } & Totals)[];
}

export type Measure = 'onTime' | 'substantiation' | 'rectification' | 'perCapita';
export type Weights = Record<Measure, number>;

export interface AreaRank {
  area: string;
  received: number;
  concluded: number;
  measures: Record<Measure, number>;
  score: number;
  rank: number;
  previousRank: number | null;
  change: number | null;
  last: boolean;
  flagged: boolean;
}

export interface Ranking {
  month: string;
  weights: Weights;
  areas: AreaRank[];
}

interface FunnelRow {
  scans: number;
  reports: number;
  substantiated: number;
  rewarded: number;
}

export interface PosterFunnel {
  posters: ({ code: string; siteName: string; enterpriseName: string; area: string; active: boolean } & FunnelRow)[];
  byArea: ({ area: string; posters: number } & FunnelRow)[];
  neverReported: { code: string; siteName: string; enterpriseName: string; area: string; scans: number }[];
}
