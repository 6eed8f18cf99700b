// Browser test: the case queue's filters live in the address. A filtered queue survives a
// reload and a copied link, Back returns to the previous filter, nonsense in the address
// falls back to the defaults, and a slow answer for an old filter never replaces the list
// of a newer one.
import type { Page, Request, Route } from 'playwright-core';
import { browserSuite } from '../support/browser';
import { intakeEnv, submit } from '../support/intake';

jest.setTimeout(180_000);

const suite = browserSuite(intakeEnv);

const WENFENG = { code: '410502', name: '文峰区' };
const BEIGUAN = { code: '410503', name: '北关区' };

let wenfengRef = '';
let beiguanRef = '';

async function report(area: string, description: string): Promise<string> {
  const res = await submit(suite.server.baseUrl, {
    category: 'fire-exits-blocked',
    area,
    description,
    anonymous: true,
  });
  expect(res.status).toBe(201);
  return (res.body as { reference: string }).reference;
}

const row = (page: Page, reference: string) =>
  page.locator('[data-testid=cases-table] tbody tr', { hasText: reference });

/** Waits until the queue lists `shown` and not `hidden`. */
async function listShows(page: Page, shown: string, hidden: string): Promise<void> {
  await row(page, shown).waitFor();
  await row(page, hidden).waitFor({ state: 'detached' });
}

/** Picks an area in the queue's area filter. */
async function chooseArea(page: Page, name: string): Promise<void> {
  await page.locator('.case-filters .ant-select[aria-label="县区"]').click();
  await page.locator('.ant-select-dropdown:visible').getByText(name, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** Waits until the area filter shows `name` as its value. */
const areaShown = (page: Page, name: string) =>
  page.locator('.case-filters .ant-select[aria-label="县区"]').getByText(name, { exact: true }).waitFor();

describe('the case queue in the address bar', () => {
  beforeAll(async () => {
    wenfengRef = await report(WENFENG.code, '文峰区某超市的安全出口被货架堵住，已经好几天了。');
    beiguanRef = await report(BEIGUAN.code, '北关区某宾馆的消防通道堆满了装修材料。');
  });

  test('a filtered queue survives a reload and a copied link, and Back returns to the previous filter', async () => {
    const { page, pageErrors } = await suite.signedIn('intake');
    await page.goto(`${suite.server.baseUrl}/console/cases?area=${WENFENG.code}`);
    await listShows(page, wenfengRef, beiguanRef);
    await areaShown(page, WENFENG.name);

    await chooseArea(page, BEIGUAN.name);
    await listShows(page, beiguanRef, wenfengRef);
    const filtered = new URL(page.url());
    expect(filtered.searchParams.get('area')).toBe(BEIGUAN.code);

    await page.reload();
    await listShows(page, beiguanRef, wenfengRef);
    await areaShown(page, BEIGUAN.name);

    // A colleague opens the copied link in their own browser.
    const colleague = await suite.signedIn('intake');
    await colleague.page.goto(filtered.toString());
    await listShows(colleague.page, beiguanRef, wenfengRef);
    await areaShown(colleague.page, BEIGUAN.name);

    await page.goBack();
    await listShows(page, wenfengRef, beiguanRef);
    await areaShown(page, WENFENG.name);
    expect(new URL(page.url()).searchParams.get('area')).toBe(WENFENG.code);

    expect(pageErrors).toEqual([]);
    expect(colleague.pageErrors).toEqual([]);
  });

  test('values the queue does not know fall back to the defaults', async () => {
    const { page, pageErrors } = await suite.signedIn('intake');
    await page.goto(
      `${suite.server.baseUrl}/console/cases?area=nowhere&status=lost&page=-3&pageSize=many&sort=random&from=yesterday&queue=elsewhere`,
    );
    await row(page, wenfengRef).waitFor();
    await row(page, beiguanRef).waitFor();
    await areaShown(page, '全部县区');
    await page.getByRole('tab', { name: '待受理', selected: true }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  test('a slow answer for the previous filter never replaces the list of the newer one', async () => {
    const { page, pageErrors } = await suite.signedIn('intake');
    await page.goto(`${suite.server.baseUrl}/console/cases`);
    await row(page, wenfengRef).waitFor();

    // Hold the 文峰区 list until the 北关区 list is on screen.
    const isWenfengList = (url: string) =>
      url.includes('/api/v1/reports?') && new URL(url).searchParams.get('area') === WENFENG.code;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: (request: Request) => void;
    const heldRequest = new Promise<Request>((resolve) => (held = resolve));
    let settled!: () => void;
    const handled = new Promise<void>((resolve) => (settled = resolve));
    await page.route(
      (url) => isWenfengList(url.toString()),
      async (route: Route) => {
        held(route.request());
        await released;
        // The page may have given up on this request already; then there is nothing to answer.
        await route.continue().catch(() => undefined);
        settled();
      },
    );
    const outcome = heldRequest.then(
      (request) =>
        new Promise<'finished' | 'cancelled'>((resolve) => {
          page.on('requestfinished', (r) => r === request && resolve('finished'));
          page.on('requestfailed', (r) => r === request && resolve('cancelled'));
        }),
    );

    await chooseArea(page, WENFENG.name);
    await heldRequest;
    await chooseArea(page, BEIGUAN.name);
    await listShows(page, beiguanRef, wenfengRef);

    release();
    await handled;
    // The superseded request was cancelled by the page, not merely ignored.
    expect(await outcome).toBe('cancelled');
    await listShows(page, beiguanRef, wenfengRef);
    await areaShown(page, BEIGUAN.name);
    expect(new URL(page.url()).searchParams.get('area')).toBe(BEIGUAN.code);
    expect(pageErrors).toEqual([]);
  });
});
