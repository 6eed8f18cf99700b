// The shapes the statistics endpoints answer with (shared with the server).
export type {
  AreaRank,
  Overview,
  PosterFunnel,
  Ranking,
  RankingMeasure as Measure,
  RankingWeights as Weights,
  Totals,
} from '../../../../../shared/statsViews';
