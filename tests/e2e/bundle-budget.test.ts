// Size budgets, measured as a phone receives them: Chromium opens the page and shows
// what it shows first, every script it asks for is noted (entry, module preloads, lazy
// chunks, workers), and each is then fetched with Accept-Encoding: br, counting the
// bytes the server actually sends. Fails `npm test` when a budget is exceeded.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, browserSuite } from '../support/browser';
import { rawRequest } from '../support/rawHttp';

const KB = 1024;
const BUDGET = { report: 150 * KB, consoleLogin: 300 * KB };
const IMMUTABLE = 'public, max-age=31536000, immutable';

jest.setTimeout(120_000);

const suite = browserSuite();

interface PageLoad {
  scripts: string[];
  apiAnswers: { url: string; cacheControl: string | undefined }[];
}

/** Opens `url` on a phone, waits for `firstScreen` and a quiet network, and lists what it fetched. */
async function load(url: string, firstScreen: (page: Page) => Promise<void>): Promise<PageLoad> {
  const context: BrowserContext = await suite.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    isMobile: true,
    hasTouch: true,
  });
  const scripts = new Set<string>();
  const apiAnswers: PageLoad['apiAnswers'] = [];
  // On the context, so requests made by workers are seen too.
  context.on('request', (request) => {
    const { pathname, origin } = new URL(request.url());
    const isScript = request.resourceType() === 'script' || /\.m?js$/.test(pathname);
    if (origin === suite.server.baseUrl && isScript) scripts.add(pathname);
  });
  context.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith('/api/'))
      apiAnswers.push({ url: pathname, cacheControl: response.headers()['cache-control'] });
  });
  const page = await context.newPage();
  page.on('worker', (worker) => {
    const { pathname, origin } = new URL(worker.url());
    if (origin === suite.server.baseUrl) scripts.add(pathname);
  });
  await page.goto(`${suite.server.baseUrl}${url}`);
  await firstScreen(page);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(ARTIFACTS, `bundle-budget${url.replaceAll('/', '-')}.png`) });
  return { scripts: [...scripts].sort(), apiAnswers };
}

interface Sizes {
  raw: number;
  gzip: number;
  br: number;
  files: { path: string; br: number }[];
}

/** What the server sends for each script under each encoding; checks the headers on the way. */
async function measure(scripts: string[]): Promise<Sizes> {
  const sizes: Sizes = { raw: 0, gzip: 0, br: 0, files: [] };
  for (const script of scripts) {
    const fetchAs = (encoding?: string) =>
      rawRequest(suite.server.baseUrl, script, { headers: encoding ? { 'Accept-Encoding': encoding } : {} });
    const [raw, gzip, br] = [await fetchAs(), await fetchAs('gzip'), await fetchAs('br')];
    for (const res of [raw, gzip, br]) {
      expect([script, res.status]).toEqual([script, 200]);
      expect(res.headers['content-length']).toBe(String(res.body.length));
      expect(res.headers.vary).toMatch(/Accept-Encoding/i);
      if (/\/assets\//.test(script)) expect([script, res.headers['cache-control']]).toEqual([script, IMMUTABLE]);
    }
    expect([script, raw.headers['content-encoding']]).toEqual([script, undefined]);
    // The build keeps no twin that would not be smaller: a few files of some 100 bytes go as they are.
    const tiny = raw.body.length < KB;
    expect([script, gzip.headers['content-encoding']]).toEqual([
      script,
      tiny ? gzip.headers['content-encoding'] : 'gzip',
    ]);
    expect([script, br.headers['content-encoding']]).toEqual([script, tiny ? br.headers['content-encoding'] : 'br']);
    sizes.raw += raw.body.length;
    sizes.gzip += gzip.body.length;
    sizes.br += br.body.length;
    sizes.files.push({ path: script, br: br.body.length });
  }
  return sizes;
}

const kB = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

function report(name: string, sizes: Sizes, budget: number): void {
  const lines = sizes.files
    .sort((a, b) => b.br - a.br)
    .map((file) => `  ${kB(file.br).padStart(9)}  ${file.path}`)
    .join('\n');
  console.log(
    `${name}: JavaScript ${kB(sizes.raw)} raw, ${kB(sizes.gzip)} gzip, ${kB(sizes.br)} br ` +
      `(budget ${kB(budget)} br), ${sizes.files.length} files\n${lines}`,
  );
  fs.writeFileSync(path.join(ARTIFACTS, `bundle-budget-${name}.json`), JSON.stringify(sizes, null, 2));
}

async function expectPageHeaders(url: string): Promise<void> {
  const res = await rawRequest(suite.server.baseUrl, url, { headers: { 'Accept-Encoding': 'br' } });
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers['cache-control']).toBe('no-cache');
}

describe('JavaScript budgets (Brotli, as sent)', () => {
  test(`/report: the form's first step loads at most ${BUDGET.report / KB} KB`, async () => {
    const { scripts, apiAnswers } = await load('/report', async (page) => {
      await page.getByRole('heading', { level: 1, name: '我要举报' }).waitFor();
      await page.getByLabel('具体情况').waitFor();
    });
    await expectPageHeaders('/report');
    for (const answer of apiAnswers) expect(answer).toEqual({ url: answer.url, cacheControl: 'no-store' });
    const sizes = await measure(scripts);
    report('report', sizes, BUDGET.report);
    expect(sizes.br).toBeLessThanOrEqual(BUDGET.report);
  });

  test(`/console/login: the console's first screen loads at most ${BUDGET.consoleLogin / KB} KB`, async () => {
    const { scripts, apiAnswers } = await load('/console/login', async (page) => {
      await page.getByLabel('用户名').waitFor();
    });
    await expectPageHeaders('/console/login');
    expect(apiAnswers.length).toBeGreaterThan(0); // the session check
    for (const answer of apiAnswers) expect(answer).toEqual({ url: answer.url, cacheControl: 'no-store' });
    const sizes = await measure(scripts);
    report('console-login', sizes, BUDGET.consoleLogin);
    expect(sizes.br).toBeLessThanOrEqual(BUDGET.consoleLogin);
  });
});
