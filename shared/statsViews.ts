// What the statistics endpoints answer with: one set of shapes for the server that
// computes them and the pages that show them.

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

export interface StatsFilter {
  area?: string;
  sector?: string;
}

export interface Overview {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  filter: StatsFilter;
  totals: Totals;
  previous: Totals;
  overdueNow: number;
  /** Only for those who may read the fund (finance, reviewers, admins). */
  fund?: { appropriatedFen: number; reservedFen: number; paidFen: number; availableFen: number };
  byMonth: ({ month: string } & Totals)[];
  byArea: ({ area: string } & Totals)[];
  bySector: ({ sector: string } & Totals)[];
}

export type RankingMeasure = 'onTime' | 'substantiation' | 'rectification' | 'perCapita';
export type RankingWeights = Record<RankingMeasure, number>;

export interface AreaRank {
  area: string;
  received: number;
  concluded: number;
  /** Each measure as a fraction 0–1. */
  measures: Record<RankingMeasure, number>;
  /** 0–100, one decimal. */
  score: number;
  /** 1 is best; equal scores share a rank. */
  rank: number;
  previousRank: number | null;
  /** Places gained since last month (negative: lost). */
  change: number | null;
  last: boolean;
  /** Last this month and last month. */
  flagged: boolean;
}

export interface Ranking {
  month: string;
  weights: RankingWeights;
  areas: AreaRank[];
}

export interface FunnelRow {
  scans: number;
  reports: number;
  substantiated: number;
  rewarded: number;
}

export interface PosterFunnel {
  period: { from: string; to: string };
  posters: ({ code: string; siteName: string; enterpriseName: string; area: string; sector: string; active: boolean } & FunnelRow)[];
  byArea: ({ area: string; posters: number } & FunnelRow)[];
  /** Posters that have not produced a single report since they were hung. */
  neverReported: { code: string; siteName: string; enterpriseName: string; area: string; scans: number }[];
}

export const WITHHELD = '—';
/** '<5': a count of 1–4. '—': withheld only so that another hidden count cannot be worked out; its value may be anything. */
export type PublicCount = number | '<5' | typeof WITHHELD;
export type PublicMeasure = 'received' | 'substantiated' | 'rectified' | 'rewardsPaid';
export type PublicFigures = Record<PublicMeasure, PublicCount> & { rewardsPaidYuan: string | null };

export interface Transparency {
  generatedAt: string;
  /** The last month shown; months after it are held back. */
  publishedThrough: string;
  heldBack: { fromMonth: string; reason: { zh: string; en: string } };
  suppression: { zh: string; en: string };
  months: ({ month: string } & PublicFigures)[];
  areas: ({ area: string } & PublicFigures)[];
  total: PublicFigures;
}
