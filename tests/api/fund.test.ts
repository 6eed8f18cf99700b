// The reward fund through HTTP: idempotent appropriations by finance, balances
// with the reward pipeline, the ledger, month-by-month figures in Asia/Shanghai,
// CSV and XLSX exports, and the reconciliation of balances and rewards against
// the ledger. Dated history is written through moveMoney, the only way money moves.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import mongoose from 'mongoose';
import request from 'supertest';
import { inTransaction } from '../../server/platform/db';
import { AuditEntry } from '../../server/audit/auditEntry.model';
import { Fund, LedgerEntry, MAIN_FUND } from '../../server/fund/fund.model';
import { Report } from '../../server/reports/report.model';
import { cityFundFigures, ledgerBalances, moveMoney, type MovementKind } from '../../server/fund/ledger';
import { formatReconciliation, reconcileFund } from '../../server/fund/reconcile';
import { caseDriver } from '../support/cases';
import { intakeEnv } from '../support/intake';
import { startTestApp, type TestApp } from '../support/server';
import { as, errorPaths, expectProblem, type StaffSession, openSession } from '../support/staff';

jest.setTimeout(60_000);

let t: TestApp;
const s = {} as Record<'admin' | 'intake' | 'verifier' | 'reviewer' | 'finance', StaffSession>;

/** The dated history every read test sees (UTC instants; the comments give Shanghai time). */
const history: { kind: MovementKind; amountFen: number; at: string; rewardId?: string; note?: string }[] = [
  { kind: 'appropriate', amountFen: 1_000_000, at: '2025-01-10T02:00:00Z', note: '年度拨款, 第一批 "专项"' }, // 01-10 10:00
  { kind: 'reserve', amountFen: 300_000, at: '2025-01-31T15:59:59Z', rewardId: 'WP-TEST-0001' }, // 01-31 23:59:59
  { kind: 'pay', amountFen: 300_000, at: '2025-01-31T16:00:00Z', rewardId: 'WP-TEST-0001' }, // 02-01 00:00:00
  { kind: 'reserve', amountFen: 200_000, at: '2025-02-15T04:00:00Z', rewardId: 'WP-TEST-0002' }, // 02-15 12:00
  { kind: 'release', amountFen: 200_000, at: '2025-03-01T03:00:00Z', rewardId: 'WP-TEST-0002', note: '=1+1' }, // 03-01 11:00
  { kind: 'reserve', amountFen: 150_000, at: '2025-04-02T01:00:00Z', rewardId: 'WP-TEST-0003' }, // 04-02 09:00
  { kind: 'pay', amountFen: 150_000, at: '2025-04-03T01:00:00Z', rewardId: 'WP-TEST-0003' }, // 04-03 09:00
];

let n = 0;
async function report(reference: string, status: string, reward: Record<string, unknown>): Promise<void> {
  await Report.create({
    reference,
    accessKeyHash: 'scrypt$test',
    status,
    category: 'major-hazard',
    sector: 'other',
    area: '410523',
    description: `fund test report ${++n}`,
    anonymous: true,
    submittedAt: new Date('2025-01-02T00:00:00Z'),
    statusChangedAt: new Date(Date.UTC(2025, 0, 2, 0, 0, n)),
    reward: { eligible: true, reservedFen: 0, ...reward },
  });
}

beforeAll(async () => {
  // Reporters submit from many addresses (the lifecycle case): trust the loopback proxy.
  t = await startTestApp(intakeEnv);
  for (const role of ['admin', 'intake', 'verifier', 'reviewer', 'finance'] as const)
    s[role] = await openSession(t, role);
  for (const [i, m] of history.entries()) {
    await inTransaction((session) => moveMoney({ ...m, idempotencyKey: `test:history:${i}` }, session, new Date(m.at)));
  }
  const recordedById = s.finance.user.id;
  await report('WP-TEST-0001', 'reward-paid', {
    amountFen: 300_000,
    claimSealed: 'SEALED-CLAIM-IDENTITY',
    payout: {
      voucherNo: 'PZ-2025-0001',
      paidOn: '2025-02-01',
      amountFen: 300_000,
      recordedById,
      recordedAt: new Date('2025-01-31T16:00:00Z'),
    },
  });
  await report('WP-TEST-0002', 'reward-lapsed', { amountFen: 200_000, lapsedAt: new Date('2025-03-01T03:00:00Z') });
  await report('WP-TEST-0003', 'reward-paid', {
    amountFen: 150_000,
    payout: {
      voucherNo: 'PZ-2025-0002',
      paidOn: '2025-04-03',
      amountFen: 150_000,
      recordedById,
      recordedAt: new Date('2025-04-03T01:00:00Z'),
    },
  });
});
afterAll(async () => {
  await t?.stop();
});

const fund = (who = s.finance) => as(request(t.app).get('/api/v1/fund'), who);
const appropriate = (body: object, key: string | null, who = s.finance) => {
  const req = as(request(t.app).post('/api/v1/fund/appropriations'), who);
  if (key !== null) req.set('Idempotency-Key', key);
  return req.send(body);
};
const get = (url: string, who = s.finance) => as(request(t.app).get(url), who);

/** Reads any response body as raw bytes. */
function bytes(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

async function readXlsx(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('appropriations', () => {
  test('finance appropriates: ledger entry, balance and audit entry together', async () => {
    const before = (await fund()).body;
    const res = await appropriate({ amountFen: 123_456, note: '追加拨款' }, 'approp-ok-0001');
    expect(res.status).toBe(201);
    expect(res.body.entry).toMatchObject({
      kind: 'appropriate',
      amountFen: 123_456,
      note: '追加拨款',
      actorId: s.finance.user.id,
    });
    const after = (await fund()).body;
    expect(after.appropriatedFen - before.appropriatedFen).toBe(123_456);
    expect(after.availableFen - before.availableFen).toBe(123_456);
    expect(await LedgerEntry.countDocuments({ idempotencyKey: 'appropriation:approp-ok-0001' })).toBe(1);
    const audit = await AuditEntry.findOne({
      action: 'fund.appropriate',
      'details.idempotencyKey': 'approp-ok-0001',
    }).lean();
    expect(audit).toMatchObject({
      actor: { username: 'finance', role: 'finance' },
      target: { type: 'fund', id: MAIN_FUND },
      details: { amountFen: 123_456 },
    });
  });

  test('a retry with the same key and body returns the same result and moves no money', async () => {
    const first = await appropriate({ amountFen: 5_000, note: '重试测试' }, 'approp-retry-01');
    const balance = (await fund()).body;
    const again = await appropriate({ amountFen: 5_000, note: '重试测试' }, 'approp-retry-01');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await fund()).body).toEqual(balance);
    expect(await LedgerEntry.countDocuments({ idempotencyKey: 'appropriation:approp-retry-01' })).toBe(1);
    expect(
      await AuditEntry.countDocuments({ action: 'fund.appropriate', 'details.idempotencyKey': 'approp-retry-01' }),
    ).toBe(1);
  });

  test('two requests racing with one key make one entry and get the same answer', async () => {
    const [a, b] = await Promise.all([
      appropriate({ amountFen: 7_000, note: '并发' }, 'approp-race-01'),
      appropriate({ amountFen: 7_000, note: '并发' }, 'approp-race-01'),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.entry.id).toBe(b.body.entry.id);
    expect(await LedgerEntry.countDocuments({ idempotencyKey: 'appropriation:approp-race-01' })).toBe(1);
  });

  test('the same key with a different body → 422 idempotency.mismatch, nothing moves', async () => {
    await appropriate({ amountFen: 9_000, note: '原始请求' }, 'approp-mismatch-1');
    const balance = (await fund()).body;
    expectProblem(
      await appropriate({ amountFen: 9_001, note: '原始请求' }, 'approp-mismatch-1'),
      422,
      'idempotency.mismatch',
    );
    expectProblem(
      await appropriate({ amountFen: 9_000, note: '另一备注' }, 'approp-mismatch-1'),
      422,
      'idempotency.mismatch',
    );
    expect((await fund()).body).toEqual(balance);
  });

  test('no Idempotency-Key → 400 idempotency.required; a malformed one → 400 request.invalid', async () => {
    expectProblem(await appropriate({ amountFen: 100, note: 'x' }, null), 400, 'idempotency.required');
    const bad = await appropriate({ amountFen: 100, note: 'x' }, 'short');
    expectProblem(bad, 400, 'request.invalid');
    expect(errorPaths(bad)).toEqual(['headers.idempotency-key']);
    expectProblem(await appropriate({ amountFen: 100, note: 'x' }, 'has spaces in it'), 400, 'request.invalid');
  });

  test.each([
    [{ amountFen: 0, note: 'x' }, 'body.amountFen'],
    [{ amountFen: -100, note: 'x' }, 'body.amountFen'],
    [{ amountFen: 10.5, note: 'x' }, 'body.amountFen'],
    [{ amountFen: '100', note: 'x' }, 'body.amountFen'],
    [{ amountFen: 10_000_000_001, note: 'x' }, 'body.amountFen'],
    [{ amountFen: 100 }, 'body.note'],
    [{ amountFen: 100, note: '   ' }, 'body.note'],
  ])('%j → 400 naming %s, nothing moves', async (body, field) => {
    const before = await LedgerEntry.countDocuments();
    const res = await appropriate(body, `approp-bad-${Math.random().toString(36).slice(2)}`);
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toEqual([field]);
    expect(await LedgerEntry.countDocuments()).toBe(before);
  });

  test.each(['admin', 'reviewer', 'intake', 'verifier'] as const)('%s may not appropriate (403)', async (role) => {
    expectProblem(
      await appropriate({ amountFen: 100, note: 'x' }, `approp-role-${role}`, s[role]),
      403,
      'auth.forbidden',
    );
    expect(await LedgerEntry.countDocuments({ idempotencyKey: `appropriation:approp-role-${role}` })).toBe(0);
  });
});

describe('balances', () => {
  test('the fund equals the ledger sums, by the ledger API as by ledgerBalances', async () => {
    const res = await fund();
    expect(res.status).toBe(200);
    const ledger = await ledgerBalances();
    expect(res.body).toMatchObject(cityFundFigures(ledger));
    const all = await get('/api/v1/fund/ledger?pageSize=200');
    expect(all.body.total).toBe(all.body.items.length);
    const sum = (kind: string) =>
      (all.body.items as { kind: string; amountFen: number }[])
        .filter((e) => e.kind === kind)
        .reduce((a, e) => a + e.amountFen, 0);
    expect(sum('appropriate')).toBe(res.body.appropriatedFen);
    expect(sum('pay')).toBe(res.body.paidFen);
    expect(sum('reserve') - sum('release') - sum('pay')).toBe(res.body.reservedFen);
  });

  test('reviewers and administrators read the fund; intake and verifiers do not', async () => {
    for (const role of ['admin', 'reviewer'] as const) expect((await fund(s[role])).status).toBe(200);
    for (const role of ['intake', 'verifier'] as const) expectProblem(await fund(s[role]), 403, 'auth.forbidden');
  });

  test('the pipeline counts unreserved proposed, reviewed and appealed rewards; a shortfall shows when it exceeds what is available', async () => {
    const base = (await fund()).body;
    expect(base).toMatchObject({ pipelineFen: 0, liabilitiesFen: base.reservedFen, shortfall: false });
    await report('WP-PIPE-0001', 'reward-proposed', { amountFen: 10_000 });
    await report('WP-PIPE-0002', 'reward-reviewed', { amountFen: 20_000 });
    await report('WP-PIPE-0003', 'reward-appealed', { amountFen: 40_000 });
    // Not in the pipeline: reserved already (approved, or appealed while reserved), or settled.
    await report('WP-PIPE-0004', 'reward-appealed', { amountFen: 80_000, reservedFen: 80_000 });
    await report('WP-PIPE-0005', 'reward-approved', { amountFen: 160_000, reservedFen: 160_000 });
    await report('WP-PIPE-0006', 'reward-refused', { amountFen: 0 });
    try {
      const withPipeline = (await fund()).body;
      expect(withPipeline).toMatchObject({
        pipelineFen: 70_000,
        liabilitiesFen: base.reservedFen + 70_000,
        shortfall: false,
        availableFen: base.availableFen,
      });

      await report('WP-PIPE-0007', 'reward-reviewed', { amountFen: base.availableFen - 70_000 });
      expect((await fund()).body).toMatchObject({ pipelineFen: base.availableFen, shortfall: false });
      await Report.updateOne({ reference: 'WP-PIPE-0007' }, { $inc: { 'reward.amountFen': 1 } });
      expect((await fund()).body).toMatchObject({ pipelineFen: base.availableFen + 1, shortfall: true });
    } finally {
      await Report.deleteMany({ reference: /^WP-PIPE-/ });
    }
  });
});

describe('the ledger', () => {
  const page = async (query: string) => {
    const res = await get(`/api/v1/fund/ledger?${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: { kind: string; amountFen: number; at: string; rewardId?: string }[]; total: number };
  };
  const ats = (items: { at: string }[]) => items.map((e) => e.at);

  test('a period of Shanghai days, newest first, paged', async () => {
    const q1 = await page('from=2025-01-01&to=2025-03-31');
    expect(q1.total).toBe(5);
    expect(ats(q1.items)).toEqual(
      history
        .slice(0, 5)
        .map((h) => new Date(h.at).toISOString())
        .reverse(),
    );
    const second = await page('from=2025-01-01&to=2025-03-31&page=2&pageSize=2');
    expect(second.total).toBe(5);
    expect(ats(second.items)).toEqual([history[2].at, history[1].at].map((at) => new Date(at).toISOString()));
    expect((await page('from=2025-01-01&to=2025-03-31&page=3&pageSize=2')).items).toHaveLength(1);
  });

  test('days end at midnight in Shanghai, not in UTC', async () => {
    // 2025-01-31T16:00Z is 1 February in Shanghai.
    expect((await page('from=2025-01-31&to=2025-01-31')).items.map((e) => e.kind)).toEqual(['reserve']);
    expect((await page('from=2025-02-01&to=2025-02-01')).items.map((e) => e.kind)).toEqual(['pay']);
  });

  test('filtered by kind', async () => {
    const reserves = await page('kind=reserve&from=2025-01-01&to=2025-12-31');
    expect(reserves.items.map((e) => [e.amountFen, e.rewardId])).toEqual([
      [150_000, 'WP-TEST-0003'],
      [200_000, 'WP-TEST-0002'],
      [300_000, 'WP-TEST-0001'],
    ]);
  });

  test('bad filters → 400', async () => {
    for (const q of ['from=2025-13-01', 'kind=steal', 'pageSize=500', 'page=0'])
      expectProblem(await get(`/api/v1/fund/ledger?${q}`), 400, 'request.invalid');
  });
});

describe('monthly figures', () => {
  test('each Shanghai month: what moved and what was available at its end', async () => {
    const res = await get('/api/v1/fund/monthly?from=2024-12&to=2025-04');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        month: '2024-12',
        appropriatedFen: 0,
        reservedFen: 0,
        releasedFen: 0,
        paidFen: 0,
        recoveredFen: 0,
        endAvailableFen: 0,
      },
      // The reservation at 23:59:59 on 31 January counts in January, the payment one second later in February.
      {
        month: '2025-01',
        appropriatedFen: 1_000_000,
        reservedFen: 300_000,
        releasedFen: 0,
        paidFen: 0,
        recoveredFen: 0,
        endAvailableFen: 700_000,
      },
      {
        month: '2025-02',
        appropriatedFen: 0,
        reservedFen: 200_000,
        releasedFen: 0,
        paidFen: 300_000,
        recoveredFen: 0,
        endAvailableFen: 500_000,
      },
      {
        month: '2025-03',
        appropriatedFen: 0,
        reservedFen: 0,
        releasedFen: 200_000,
        paidFen: 0,
        recoveredFen: 0,
        endAvailableFen: 700_000,
      },
      {
        month: '2025-04',
        appropriatedFen: 0,
        reservedFen: 150_000,
        releasedFen: 0,
        paidFen: 150_000,
        recoveredFen: 0,
        endAvailableFen: 550_000,
      },
    ]);
    // A period that starts later carries the earlier months' balance in.
    expect((await get('/api/v1/fund/monthly?from=2025-03&to=2025-03')).body.items[0].endAvailableFen).toBe(700_000);
  });

  test('the current month ends with what is available now', async () => {
    const now = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const res = await get(`/api/v1/fund/monthly?from=${now}&to=${now}`);
    expect(res.body.items[0].endAvailableFen).toBe((await fund()).body.availableFen);
  });

  test('bad periods → 400', async () => {
    for (const q of ['from=2025-03&to=2025-02', 'from=2025-1&to=2025-02', 'from=2000-01&to=2025-01', 'to=2025-01'])
      expectProblem(await get(`/api/v1/fund/monthly?${q}`), 400, 'request.invalid');
  });
});

describe('exports', () => {
  const ledgerCsv = (who = s.finance) =>
    bytes(get('/api/v1/fund/exports/ledger.csv?from=2025-01-01&to=2025-03-31', who));

  test('ledger.csv: UTF-8 with BOM, Shanghai times, yuan with two decimals and fen, oldest first', async () => {
    const res = await ledgerCsv();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="fund-ledger_2025-01-01_2025-03-31.csv"');
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(body.toString('utf8').slice(1));
    expect(rows[0]).toEqual([
      '时间 Time (UTC+8)',
      '类型 Kind',
      '金额（元）Amount (yuan)',
      '金额（分）Amount (fen)',
      '关联举报 Reward',
      '备注 Note',
      '流水号 Entry',
      '资金来源 Source',
    ]);
    expect(rows.slice(1).map((r) => r.slice(0, 6))).toEqual([
      ['2025-01-10 10:00:00', '拨入 appropriate', '10000.00', '1000000', '', '年度拨款, 第一批 "专项"'],
      ['2025-01-31 23:59:59', '预留 reserve', '3000.00', '300000', 'WP-TEST-0001', ''],
      ['2025-02-01 00:00:00', '发放 pay', '3000.00', '300000', 'WP-TEST-0001', ''],
      ['2025-02-15 12:00:00', '预留 reserve', '2000.00', '200000', 'WP-TEST-0002', ''],
      // Text a spreadsheet would evaluate is exported as text.
      ['2025-03-01 11:00:00', '释放 release', '2000.00', '200000', 'WP-TEST-0002', "'=1+1"],
    ]);
  });

  test('ledger.xlsx reads back with the same rows', async () => {
    const res = await bytes(get('/api/v1/fund/exports/ledger.xlsx?from=2025-02-01&to=2025-02-28'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const rows = await readXlsx(res.body as Buffer);
    expect(rows[0].slice(0, 4)).toEqual([
      '时间 Time (UTC+8)',
      '类型 Kind',
      '金额（元）Amount (yuan)',
      '金额（分）Amount (fen)',
    ]);
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['2025-02-01 00:00:00', '发放 pay', 3000, 300_000, 'WP-TEST-0001'],
      ['2025-02-15 12:00:00', '预留 reserve', 2000, 200_000, 'WP-TEST-0002'],
    ]);
  });

  test('payouts.csv and payouts.xlsx: the period by payment date, no claimant identity', async () => {
    const csv = await bytes(get('/api/v1/fund/exports/payouts.csv?from=2025-01-01&to=2025-03-31'));
    expect(csv.status).toBe(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).not.toContain('SEALED-CLAIM');
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      '举报编号 Reference',
      '县区代码 Area code',
      '县区 Area',
      '金额（元）Amount (yuan)',
      '金额（分）Amount (fen)',
      '凭证号 Voucher no.',
      '发放日期 Paid on',
      '登记时间 Recorded at (UTC+8)',
      '类型 Kind',
      '资金来源 Source',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        'WP-TEST-0001',
        '410523',
        '汤阴县',
        '3000.00',
        '300000',
        'PZ-2025-0001',
        '2025-02-01',
        '2025-02-01 00:00:00',
        '发放 payout',
        '市级奖励基金',
      ],
    ]);

    const xlsx = await bytes(get('/api/v1/fund/exports/payouts.xlsx?from=2025-04-01', s.admin));
    expect(xlsx.status).toBe(200);
    const sheet = await readXlsx(xlsx.body as Buffer);
    expect(sheet.slice(1)).toEqual([
      [
        'WP-TEST-0003',
        '410523',
        '汤阴县',
        1500,
        150_000,
        'PZ-2025-0002',
        '2025-04-03',
        '2025-04-03 09:00:00',
        '发放 payout',
        '市级奖励基金',
      ],
    ]);
  });

  test('every export adds exactly one audit entry: kind, format, period and rows', async () => {
    const before = await AuditEntry.countDocuments();
    expect((await bytes(get('/api/v1/fund/exports/payouts.xlsx?from=2025-01-01&to=2025-03-31'))).status).toBe(200);
    expect(await AuditEntry.countDocuments()).toBe(before + 1);
    const entry = await AuditEntry.findOne().sort({ at: -1, _id: -1 }).lean();
    expect(entry).toMatchObject({
      action: 'fund.export',
      actor: { username: 'finance' },
      target: { type: 'fund', id: MAIN_FUND },
    });
    expect(entry?.details).toEqual({ kind: 'payouts', format: 'xlsx', from: '2025-01-01', to: '2025-03-31', rows: 1 });

    expect((await ledgerCsv(s.admin)).status).toBe(200);
    expect(await AuditEntry.countDocuments()).toBe(before + 2);
    expect((await AuditEntry.findOne().sort({ at: -1, _id: -1 }).lean())?.details).toEqual({
      kind: 'ledger',
      format: 'csv',
      from: '2025-01-01',
      to: '2025-03-31',
      rows: 5,
    });
  });

  test('exports are for finance and administrators only', async () => {
    expect((await ledgerCsv(s.admin)).status).toBe(200);
    for (const role of ['reviewer', 'intake', 'verifier'] as const) {
      for (const file of ['ledger.csv', 'ledger.xlsx', 'payouts.csv', 'payouts.xlsx'])
        expectProblem(await get(`/api/v1/fund/exports/${file}`, s[role]), 403, 'auth.forbidden');
    }
  });
});

describe('finance work lists', () => {
  test('by reward state, with amounts and the claim deadline, nearest deadline first', async () => {
    await report('WP-WORK-0001', 'reward-approved', {
      amountFen: 50_000,
      reservedFen: 0,
      claimDueAt: new Date('2025-06-01T00:00:00Z'),
    });
    await report('WP-WORK-0002', 'reward-approved', {
      amountFen: 60_000,
      reservedFen: 0,
      claimDueAt: new Date('2025-05-01T00:00:00Z'),
    });
    await report('WP-WORK-0003', 'reward-claimed', {
      amountFen: 70_000,
      reservedFen: 0,
      claimedAt: new Date('2025-05-02T00:00:00Z'),
    });
    try {
      const approved = await get('/api/v1/fund/rewards?status=reward-approved');
      expect(approved.status).toBe(200);
      expect(approved.body.total).toBe(2);
      expect(
        approved.body.items.map((i: { reference: string; claimDueAt: string }) => [i.reference, i.claimDueAt]),
      ).toEqual([
        ['WP-WORK-0002', '2025-05-01T00:00:00.000Z'],
        ['WP-WORK-0001', '2025-06-01T00:00:00.000Z'],
      ]);
      const claimed = await get('/api/v1/fund/rewards?status=reward-claimed');
      expect(claimed.body.items).toEqual([
        expect.objectContaining({
          reference: 'WP-WORK-0003',
          amountFen: 70_000,
          area: '410523',
          claimedAt: '2025-05-02T00:00:00.000Z',
        }),
      ]);
      expect(JSON.stringify(claimed.body)).not.toContain('claimSealed');
      expectProblem(await get('/api/v1/fund/rewards?status=reward-paid'), 400, 'request.invalid');
    } finally {
      await Report.deleteMany({ reference: /^WP-WORK-/ });
    }
  });
});

describe('with the reward lifecycle', () => {
  test('a real reward passes through the pipeline, the work lists, the ledger and the payouts, and the books reconcile', async () => {
    const c = await caseDriver(t);
    const inQueue = async (status: string) =>
      ((await get(`/api/v1/fund/rewards?status=${status}&pageSize=100`)).body.items as { reference: string }[]).map(
        (i) => i.reference,
      );
    const base = (await fund()).body;
    const r = await c.reportAt('substantiated');
    const ref = r.reference;

    await c.ok(ref, 'propose-reward', {}, c.staff.verifier);
    const amount = (await c.stored(ref)).reward!.amountFen;
    expect(amount).toBeGreaterThan(0);
    expect((await fund()).body).toMatchObject({
      pipelineFen: base.pipelineFen + amount,
      liabilitiesFen: base.liabilitiesFen + amount,
    });

    await c.ok(ref, 'confirm-reward', {}, c.staff.reviewer);
    expect(await inQueue('reward-reviewed')).toContain(ref);

    await c.ok(ref, 'approve-reward', {}, c.staff.finance, { 'Idempotency-Key': 'fund-test-approve-0001' });
    // Reserved now: out of the pipeline, into the reservation; liabilities unchanged.
    expect((await fund()).body).toMatchObject({
      pipelineFen: base.pipelineFen,
      reservedFen: base.reservedFen + amount,
      liabilitiesFen: base.liabilitiesFen + amount,
    });
    const awaitingClaim = (await get('/api/v1/fund/rewards?status=reward-approved')).body.items.find(
      (i: { reference: string }) => i.reference === ref,
    );
    expect(awaitingClaim).toMatchObject({ amountFen: amount, reservedFen: amount, claimDueAt: expect.any(String) });

    const token = await c.followupToken(r);
    const claimed = await c.reporter(request(t.app).post('/api/v1/followup/claim'), token).send({
      name: '王五',
      idNumber: '11010519491231002X',
      phone: '13800000000',
      bankName: '中国工商银行安阳分行',
      bankAccount: '6222 0210 0101 2345 678',
    });
    expect(claimed.status).toBe(200);
    expect(await inQueue('reward-claimed')).toContain(ref);

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await c.ok(ref, 'record-payout', { voucherNo: 'FK-FUND-0001', paidOn: today, claimantChecked: true }, c.cashier, {
      'Idempotency-Key': 'fund-test-payout-0001',
    });
    expect((await fund()).body).toMatchObject({ reservedFen: base.reservedFen, paidFen: base.paidFen + amount });
    expect((await get(`/api/v1/fund/ledger?from=${today}&to=${today}&kind=pay`)).body.items).toEqual([
      expect.objectContaining({ rewardId: ref, amountFen: amount }),
    ]);

    const payouts = parseCsv(
      (await bytes(get(`/api/v1/fund/exports/payouts.csv?from=${today}&to=${today}`))).body.toString('utf8').slice(1),
    );
    expect(payouts.slice(1)).toEqual([
      [
        ref,
        expect.any(String),
        expect.any(String),
        (amount / 100).toFixed(2),
        String(amount),
        'FK-FUND-0001',
        today,
        expect.any(String),
        '发放 payout',
        '市级奖励基金',
      ],
    ]);
    // The claimant's identity never reaches the file.
    expect(payouts.flat().join()).not.toMatch(/王五|6222|11010519491231002X/);

    expect((await reconcileFund()).differences).toEqual([]);
  });
});

describe('reconciliation', () => {
  const script = () =>
    promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['server/scripts/fundReconcile.ts'], {
      // A real installation's settings: its own database and secret key (the script never uses the key).
      env: {
        ...process.env,
        NODE_ENV: 'development',
        MONGODB_URI: t.db.uri,
        MONGODB_DB: mongoose.connection.name,
        WOODPECKER_SECRET_KEY: crypto.randomBytes(32).toString('base64'),
        LOG_LEVEL: 'silent',
      },
    }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  test('clean books: the fund and every reward agree with the ledger (and the script exits 0)', async () => {
    const result = await reconcileFund();
    expect(result.differences).toEqual([]);
    expect(result).toMatchObject({ ok: true, rewardsChecked: 4 });
    expect(result.recorded).toEqual(result.ledger);
    const run = await script();
    expect(run).toMatchObject({ code: 0 });
    expect(run.out).toContain('OK');
  });

  test('a Fund document changed by hand is reported', async () => {
    await Fund.updateOne({ _id: MAIN_FUND }, { $inc: { appropriatedFen: 1 } });
    try {
      const result = await reconcileFund();
      expect(result.ok).toBe(false);
      expect(result.differences).toEqual([
        {
          subject: 'fund',
          field: 'appropriatedFen',
          recordedFen: result.ledger.appropriatedFen + 1,
          ledgerFen: result.ledger.appropriatedFen,
        },
        {
          subject: 'fund',
          field: 'availableFen',
          recordedFen: result.ledger.availableFen + 1,
          ledgerFen: result.ledger.availableFen,
        },
      ]);
      const run = await script();
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/DIFFERENCES: 2[\s\S]*fund\s+appropriatedFen/);
    } finally {
      await Fund.updateOne({ _id: MAIN_FUND }, { $inc: { appropriatedFen: -1 } });
    }
  });

  test("a report's reservation or payment that the ledger does not explain is reported", async () => {
    await Report.updateOne({ reference: 'WP-TEST-0002' }, { $set: { 'reward.reservedFen': 5 } });
    await Report.updateOne({ reference: 'WP-TEST-0001' }, { $set: { 'reward.payout.amountFen': 299_999 } });
    await report('WP-TEST-0009', 'reward-approved', { amountFen: 8_000, reservedFen: 8_000 });
    try {
      const result = await reconcileFund();
      expect(result.differences).toEqual(
        expect.arrayContaining([
          { subject: 'WP-TEST-0002', field: 'reward.reservedFen', recordedFen: 5, ledgerFen: 0 },
          {
            subject: 'WP-TEST-0001',
            field: 'reward paid (payout + top-ups − recoveries)',
            source: 'main',
            recordedFen: 299_999,
            ledgerFen: 300_000,
          },
          { subject: 'WP-TEST-0009', field: 'reward.reservedFen', recordedFen: 8_000, ledgerFen: 0 },
        ]),
      );
      expect(result.differences).toHaveLength(3);
      expect(formatReconciliation(result)).toContain('WP-TEST-0002  reward.reservedFen');
    } finally {
      await Report.updateOne({ reference: 'WP-TEST-0002' }, { $set: { 'reward.reservedFen': 0 } });
      await Report.updateOne({ reference: 'WP-TEST-0001' }, { $set: { 'reward.payout.amountFen': 300_000 } });
      await Report.deleteOne({ reference: 'WP-TEST-0009' });
    }
    expect((await reconcileFund()).ok).toBe(true);
  });

  test('money moved for a report that does not exist is reported', async () => {
    await inTransaction((session) =>
      moveMoney(
        { kind: 'reserve', amountFen: 1_000, rewardId: 'WP-GONE-0001', idempotencyKey: 'test:gone' },
        session,
        new Date(),
      ),
    );
    const result = await reconcileFund();
    expect(result.differences).toEqual([
      { subject: 'WP-GONE-0001', field: 'report missing', recordedFen: 0, ledgerFen: 1_000 },
    ]);
  });
});
