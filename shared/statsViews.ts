// What the statistics endpoints answer with: one set of shapes for the server that
// computes them and the pages that show them, read from the response schemas
// (shared/schemas/stats.ts).
import type { z } from 'zod';
import type {
  areaRankSchema,
  overviewResponse,
  posterFunnelResponse,
  publicCountSchema,
  publicFiguresSchema,
  rankingResponse,
  totalsSchema,
  transparencyResponse,
} from './schemas/stats';

export type Totals = z.output<typeof totalsSchema>;

export interface StatsFilter {
  area?: string;
  sector?: string;
}

export type Overview = z.output<typeof overviewResponse>;

export type RankingMeasure = 'onTime' | 'substantiation' | 'rectification' | 'perCapita';
export type RankingWeights = Record<RankingMeasure, number>;
export type AreaRank = z.output<typeof areaRankSchema>;
export type Ranking = z.output<typeof rankingResponse>;

export type FunnelRow = Pick<PosterFunnel['byArea'][number], 'scans' | 'reports' | 'substantiated' | 'rewarded'>;
export type PosterFunnel = z.output<typeof posterFunnelResponse>;

export const WITHHELD = '—';
/** '<5': a count of 1–4. '—': withheld only so that another hidden count cannot be worked out; its value may be anything. */
export type PublicCount = z.output<typeof publicCountSchema>;
export type PublicMeasure = 'received' | 'substantiated' | 'rectifiedVerified' | 'rectificationOverdue' | 'rewardsPaid';
export type PublicFigures = z.output<typeof publicFiguresSchema>;
export type Transparency = z.output<typeof transparencyResponse>;
