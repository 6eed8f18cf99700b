// Statistics for leadership, the monthly ranking with its exports and weights,
// the poster funnel, and the public transparency figures.
import {
  overviewQuery,
  overviewResponse,
  periodQuery,
  posterFunnelResponse,
  rankingQuery,
  rankingResponse,
  transparencyResponse,
  weightsBody,
  weightsResponse,
} from '../schemas/stats';
import { endpoint } from './endpoint';

export const RANKING_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

const rankingFile = <F extends keyof typeof RANKING_TYPES>(format: F) =>
  endpoint({
    kind: 'file',
    contentType: RANKING_TYPES[format],
    method: 'get',
    path: `/api/v1/stats/ranking.${format}`,
    tag: 'stats',
    summary: `The month's ranking as ${format.toUpperCase()} (download)`,
    query: rankingQuery,
    status: 200,
  });

export const stats = {
  overview: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/stats/overview',
    tag: 'stats',
    summary:
      'Figures for a period of months (YYYY-MM, Asia/Shanghai) and the period of the same length before it, by month, area and sector; overdue cases counted now; only the areas of the reader count; fund balances only for those who may read the fund',
    query: overviewQuery,
    response: overviewResponse,
    status: 200,
  }),
  ranking: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/stats/ranking',
    tag: 'stats',
    summary:
      "The month's ranking of the 9 areas: score, rank, change since last month, flagged when last two months in a row; rows of the reader's areas only",
    query: rankingQuery,
    response: rankingResponse,
    status: 200,
  }),
  rankingPdf: rankingFile('pdf'),
  rankingCsv: rankingFile('csv'),
  rankingXlsx: rankingFile('xlsx'),
  weights: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/stats/ranking-weights',
    tag: 'stats',
    summary: 'The weights of the ranking measures',
    response: weightsResponse,
    status: 200,
  }),
  setWeights: endpoint({
    kind: 'json',
    method: 'put',
    path: '/api/v1/stats/ranking-weights',
    tag: 'stats',
    summary: 'Change the ranking weights (admin; non-negative, at least one above zero; audited)',
    body: weightsBody,
    response: weightsResponse,
    status: 200,
  }),
  posters: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/stats/posters',
    tag: 'stats',
    summary:
      'Poster funnel for a period: scans → reports → substantiated → rewarded, per poster and per area, and posters that never produced a report',
    query: periodQuery,
    response: posterFunnelResponse,
    status: 200,
  }),
  transparency: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/public/transparency',
    tag: 'stats',
    summary: 'Public aggregate figures by month and by area; small counts shown as "<5", recent weeks held back',
    response: transparencyResponse,
    status: 200,
  }),
};
