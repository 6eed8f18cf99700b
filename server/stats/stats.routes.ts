// Statistics for leadership (staff), the monthly ranking with its exports and
// weights, the poster funnel, and the public transparency figures.
import { Router, type Response } from 'express';
import { sendDownload } from '../platform/http/download';
import { defineRoute } from '../platform/http/defineRoute';
import { can } from '../access';
import { scopedAreas } from '../access/areaScope';
import { monthlyRanking, posterFunnel, statsOverview, transparencyFigures } from './index';
import { rankingCsv, rankingPdf, rankingXlsx } from './rankingExports';
import { overviewQuery, periodQuery, rankingQuery, weightsBody } from './schemas';
import { changeRankingWeights, rankingWeights } from './weights';

const TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;
/** Public figures change at most daily; a few minutes of caching spares the database. */
const PUBLIC_CACHE = 'public, max-age=300';

const sendFile = (res: Response, body: Buffer | string, format: keyof typeof TYPES, stem: string) => sendDownload(res, body, TYPES[format], `${stem}.${format}`);

export function statsRoutes(): Router {
  const router = Router();

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/stats/overview', tag: 'stats', summary: 'Figures for a period of months (YYYY-MM, Asia/Shanghai) and the period of the same length before it, by month, area and sector; overdue cases counted now; only the areas of the reader count; fund balances only for those who may read the fund', access: 'stats.read', query: overviewQuery },
    ({ query, actor }) => statsOverview(query.from, query.to, { area: query.area, sector: query.sector }, new Date(), { withFund: can(actor, 'fund.read'), scope: scopedAreas(actor) }),
  );

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/stats/ranking', tag: 'stats', summary: "The month's ranking of the 9 areas: score, rank, change since last month, flagged when last two months in a row; rows of the reader's areas only", access: 'stats.read', query: rankingQuery },
    ({ query, actor }) => monthlyRanking(query.month, scopedAreas(actor)),
  );

  for (const format of ['pdf', 'csv', 'xlsx'] as const) {
    defineRoute(
      router,
      { method: 'get', path: `/api/v1/stats/ranking.${format}`, tag: 'stats', summary: `The month's ranking as ${format.toUpperCase()} (download)`, access: 'stats.read', query: rankingQuery },
      async ({ query, actor, res }) => {
        const ranking = await monthlyRanking(query.month, scopedAreas(actor));
        const body = format === 'pdf' ? await rankingPdf(ranking) : format === 'xlsx' ? await rankingXlsx(ranking) : rankingCsv(ranking);
        return sendFile(res, body, format, `ranking-${query.month}`);
      },
    );
  }

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/stats/ranking-weights', tag: 'stats', summary: 'The weights of the ranking measures', access: 'stats.read' },
    async () => ({ weights: await rankingWeights() }),
  );

  defineRoute(
    router,
    { method: 'put', path: '/api/v1/stats/ranking-weights', tag: 'stats', summary: 'Change the ranking weights (admin; non-negative, at least one above zero; audited)', access: 'stats.manage', body: weightsBody },
    async ({ body, actor }) => ({ weights: await changeRankingWeights(body, actor) }),
  );

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/stats/posters', tag: 'stats', summary: 'Poster funnel for a period: scans → reports → substantiated → rewarded, per poster and per area, and posters that never produced a report', access: 'stats.read', query: periodQuery },
    ({ query, actor }) => posterFunnel(query.from, query.to, scopedAreas(actor)),
  );

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/public/transparency', tag: 'stats', summary: 'Public aggregate figures by month and by area; small counts shown as "<5", recent weeks held back', access: 'public', noStore: false },
    async ({ res }) => {
      res.setHeader('Cache-Control', PUBLIC_CACHE);
      return transparencyFigures();
    },
  );
  return router;
}
