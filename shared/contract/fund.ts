// The reward fund: balances, appropriations, the ledger, monthly figures, the
// reward queues finance works through, and audited exports.
import { fundResponse } from '../schemas/common';
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
} from '../schemas/fund';
import { endpoint } from './endpoint';

export const EXPORT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const ledgerFile = <F extends keyof typeof EXPORT_TYPES>(format: F) =>
  endpoint({
    kind: 'file',
    contentType: EXPORT_TYPES[format],
    method: 'get',
    path: `/api/v1/fund/exports/ledger.${format}`,
    tag: 'fund',
    summary: `The ledger of a period (Shanghai days from, to) as ${format.toUpperCase()}, oldest first (audited)`,
    query: exportQuery,
    status: 200,
  });
const payoutsFile = <F extends keyof typeof EXPORT_TYPES>(format: F) =>
  endpoint({
    kind: 'file',
    contentType: EXPORT_TYPES[format],
    method: 'get',
    path: `/api/v1/fund/exports/payouts.${format}`,
    tag: 'fund',
    summary: `Rewards paid in a period (by payment date) as ${format.toUpperCase()}: reference, area, amount, voucher, dates; no claimant identity (audited)`,
    query: exportQuery,
    status: 200,
  });

export const fund = {
  overview: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/fund',
    tag: 'fund',
    summary:
      'The city reward fund: appropriated, reserved, paid, available, the unreserved reward pipeline and liabilities (fen); and every funding source (city, provincial, county budgets) with what was recovered',
    response: fundResponse,
    status: 200,
  }),
  appropriate: endpoint({
    kind: 'json',
    method: 'post',
    path: '/api/v1/fund/appropriations',
    tag: 'fund',
    summary:
      'Appropriate money to a funding source (finance; `source` defaults to the city fund `main`). Needs an Idempotency-Key header: a retry with the same key and body returns the first result without moving money again',
    body: appropriationBody,
    response: appropriationResponse,
    status: 201,
  }),
  ledger: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/fund/ledger',
    tag: 'fund',
    summary: 'The ledger of every source, newest first, filtered by Shanghai days (from, to), kind and source, paged',
    query: ledgerQuery,
    response: ledgerResponse,
    status: 200,
  }),
  monthly: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/fund/monthly',
    tag: 'fund',
    summary:
      'The city fund per month (Asia/Shanghai, YYYY-MM): appropriated, reserved, released, paid, recovered, and available at its end',
    query: monthlyQuery,
    response: monthlyResponse,
    status: 200,
  }),
  rewards: endpoint({
    kind: 'json',
    method: 'get',
    path: '/api/v1/fund/rewards',
    tag: 'fund',
    summary: "Finance's reward queues: awaiting approval, awaiting claim (with the claim deadline), claims to verify",
    query: rewardWorkQuery,
    response: rewardWorkResponse,
    status: 200,
  }),
  ledgerCsv: ledgerFile('csv'),
  ledgerXlsx: ledgerFile('xlsx'),
  payoutsCsv: payoutsFile('csv'),
  payoutsXlsx: payoutsFile('xlsx'),
};
