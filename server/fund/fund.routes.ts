// The reward fund: balances with the rewards on their way, appropriations by
// finance (idempotent), the ledger, month-by-month figures, audited exports and
// the reward queues finance works through.
import { Router, type Response } from 'express';
import { contract } from '../../shared/contract';
import { fundExporter, type ExportFile } from './fundExports';
import { requireIdempotencyKey } from '../platform/http/idempotencyKey';
import { appropriate } from './fundOperations';
import { defineRoute } from '../platform/http/defineRoute';
import { sendDownload } from '../platform/http/download';
import { fundOverview, ledgerPage, monthlyFigures, rewardWorklist } from './fundReports';

const exportFiles = {
  ledger: { csv: contract.fund.ledgerCsv, xlsx: contract.fund.ledgerXlsx },
  payouts: { csv: contract.fund.payoutsCsv, xlsx: contract.fund.payoutsXlsx },
};

const download = (res: Response, file: ExportFile) => sendDownload(res, file.body, file.type, file.filename);

export function fundRoutes(): Router {
  const router = Router();
  defineRoute(router, contract.fund.overview, { access: 'fund.read' }, () => fundOverview());

  defineRoute(router, contract.fund.appropriate, { access: 'fund.appropriate' }, async ({ body, actor, req }) => ({
    entry: await appropriate(actor, requireIdempotencyKey(req.get('idempotency-key')), body),
  }));

  defineRoute(router, contract.fund.ledger, { access: 'fund.read' }, ({ query }) => ledgerPage(query));

  defineRoute(router, contract.fund.monthly, { access: 'fund.read' }, async ({ query }) => ({
    items: await monthlyFigures(query.from, query.to),
  }));

  defineRoute(router, contract.fund.rewards, { access: 'fund.read' }, ({ query, actor }) =>
    rewardWorklist(actor, query),
  );

  for (const format of ['csv', 'xlsx'] as const) {
    defineRoute(router, exportFiles.ledger[format], { access: 'fund.export' }, async ({ query, actor, res }) =>
      download(res, await fundExporter(actor, 'ledger', format, query)),
    );
    defineRoute(router, exportFiles.payouts[format], { access: 'fund.export' }, async ({ query, actor, res }) =>
      download(res, await fundExporter(actor, 'payouts', format, query)),
    );
  }
  return router;
}
