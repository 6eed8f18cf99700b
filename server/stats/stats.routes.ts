// Statistics for leadership (staff), the monthly ranking with its exports and
// weights, the poster funnel, and the public transparency figures.
import { Router, type Response } from 'express';
import { contract } from '../../shared/contract';
import { sendDownload } from '../platform/http/download';
import { defineRoute } from '../platform/http/defineRoute';
import { can } from '../access';
import { scopedAreas } from '../access/areaScope';
import { monthlyRanking, posterFunnel, statsOverview, transparencyFigures } from './index';
import { rankingCsv, rankingPdf, rankingXlsx } from './rankingExports';
import { areaNames, servedArea } from '../jurisdiction/lookup';
import { assertKnownArea, assertKnownSector } from '../jurisdiction/validate';
import { changeRankingWeights, rankingWeights } from './weights';

/** Public figures change at most daily; a few minutes of caching spares the database. */
const PUBLIC_CACHE = 'public, max-age=300';

const rankingFiles = {
  pdf: contract.stats.rankingPdf,
  csv: contract.stats.rankingCsv,
  xlsx: contract.stats.rankingXlsx,
};

const sendFile = (res: Response, body: Buffer | string, format: keyof typeof rankingFiles, stem: string) =>
  sendDownload(res, body, rankingFiles[format].contentType, `${stem}.${format}`);

export function statsRoutes(): Router {
  const router = Router();

  defineRoute(router, contract.stats.overview, { access: 'stats.read' }, async ({ query, actor }) => {
    await assertKnownArea(query.area, 'query.area');
    await assertKnownSector(query.sector, 'query.sector');
    return statsOverview(query.from, query.to, { area: query.area, sector: query.sector }, new Date(), {
      withFund: can(actor, 'fund.read'),
      scope: scopedAreas(actor),
    });
  });

  defineRoute(router, contract.stats.ranking, { access: 'stats.read' }, ({ query, actor }) =>
    monthlyRanking(query.month, scopedAreas(actor)),
  );

  for (const format of ['pdf', 'csv', 'xlsx'] as const) {
    defineRoute(router, rankingFiles[format], { access: 'stats.read' }, async ({ query, actor, res }) => {
      const ranking = await monthlyRanking(query.month, scopedAreas(actor));
      const names = { city: (await servedArea())?.name ?? { zh: '', en: '' }, area: await areaNames() };
      const body =
        format === 'pdf'
          ? await rankingPdf(ranking, names)
          : format === 'xlsx'
            ? await rankingXlsx(ranking, names)
            : rankingCsv(ranking, names);
      return sendFile(res, body, format, `ranking-${query.month}`);
    });
  }

  defineRoute(router, contract.stats.weights, { access: 'stats.read' }, async () => ({
    weights: await rankingWeights(),
  }));

  defineRoute(router, contract.stats.setWeights, { access: 'stats.manage' }, async ({ body, actor }) => ({
    weights: await changeRankingWeights(body, actor),
  }));

  defineRoute(router, contract.stats.posters, { access: 'stats.read' }, ({ query, actor }) =>
    posterFunnel(query.from, query.to, scopedAreas(actor)),
  );

  defineRoute(router, contract.stats.transparency, { access: 'public', noStore: false }, async ({ res }) => {
    res.setHeader('Cache-Control', PUBLIC_CACHE);
    return transparencyFigures();
  });
  return router;
}
