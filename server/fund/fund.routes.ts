// The reward fund: balances with the rewards on their way, appropriations by
// finance (idempotent), the ledger, month-by-month figures, audited exports and
// the reward queues finance works through.
import { Router, type Response } from 'express';
import { fundResponse } from '../../shared/schemas/common';
import {
  appropriationBody,
  appropriationResponse,
  exportQuery,
  ledgerQuery,
  ledgerResponse,
  monthlyQuery,
  monthlyResponse,
  rewardWorkQuery,
  rewardWorkResponse,
} from '../../shared/schemas/fund';
import { fundExporter, type ExportFile } from './fundExports';
import { requireIdempotencyKey } from '../platform/http/idempotencyKey';
import { appropriate } from './fundOperations';
import { defineRoute } from '../platform/http/defineRoute';
import { sendDownload } from '../platform/http/download';
import { fundOverview, ledgerPage, monthlyFigures, rewardWorklist } from './fundReports';

const download = (res: Response, file: ExportFile) => sendDownload(res, file.body, file.type, file.filename);

export function fundRoutes(): Router {
  const router = Router();
  defineRoute(
    router,
    { method: 'get', path: '/api/v1/fund', tag: 'fund', summary: 'The reward fund: appropriated, reserved, paid, available, the unreserved reward pipeline and liabilities (fen)', access: 'fund.read', response: fundResponse },
    () => fundOverview(),
  );

  defineRoute(
    router,
    {
      method: 'post',
      path: '/api/v1/fund/appropriations',
      tag: 'fund',
      summary: 'Appropriate money to the fund (finance). Needs an Idempotency-Key header: a retry with the same key and body returns the first result without moving money again',
      access: 'fund.appropriate',
      body: appropriationBody,
      response: appropriationResponse,
      status: 201,
    },
    async ({ body, actor, req }) => ({ entry: await appropriate(actor, requireIdempotencyKey(req.get('idempotency-key')), body) }),
  );

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/fund/ledger', tag: 'fund', summary: 'The ledger, newest first, filtered by Shanghai days (from, to) and kind, paged', access: 'fund.read', query: ledgerQuery, response: ledgerResponse },
    ({ query }) => ledgerPage(query),
  );

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/fund/monthly', tag: 'fund', summary: 'Per month (Asia/Shanghai, YYYY-MM): appropriated, reserved, released, paid, and available at its end', access: 'fund.read', query: monthlyQuery, response: monthlyResponse },
    async ({ query }) => ({ items: await monthlyFigures(query.from, query.to) }),
  );

  defineRoute(
    router,
    { method: 'get', path: '/api/v1/fund/rewards', tag: 'fund', summary: "Finance's reward queues: awaiting approval, awaiting claim (with the claim deadline), claims to verify", access: 'fund.read', query: rewardWorkQuery, response: rewardWorkResponse },
    ({ query, actor }) => rewardWorklist(actor, query),
  );

  for (const format of ['csv', 'xlsx'] as const) {
    defineRoute(
      router,
      { method: 'get', path: `/api/v1/fund/exports/ledger.${format}`, tag: 'fund', summary: `The ledger of a period (Shanghai days from, to) as ${format.toUpperCase()}, oldest first (audited)`, access: 'fund.export', query: exportQuery, status: 200 },
      async ({ query, actor, res }) => download(res, await fundExporter(actor, 'ledger', format, query)),
    );
    defineRoute(
      router,
      { method: 'get', path: `/api/v1/fund/exports/payouts.${format}`, tag: 'fund', summary: `Rewards paid in a period (by payment date) as ${format.toUpperCase()}: reference, area, amount, voucher, dates; no claimant identity (audited)`, access: 'fund.export', query: exportQuery, status: 200 },
      async ({ query, actor, res }) => download(res, await fundExporter(actor, 'payouts', format, query)),
    );
  }
  return router;
}
