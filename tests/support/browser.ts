// Browser tests run the built client against a real server on loopback, in
// Debian's Chromium driven by playwright-core (never a downloaded browser).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { ensureClientBuilt as clientBuilt } from './clientBuild';
import { startTestServer, type TestServer } from './server';
import { openSession } from './staff';

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');

/** The built client (waiting for `npm test`'s build, or building it), and room for screenshots. */
export async function ensureClientBuilt(): Promise<void> {
  await clientBuilt();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}

/**
 * Debian's headless build of Chromium when it is installed (the same engine without the
 * windowing layer: about a tenth less CPU per browser suite), otherwise Debian's Chromium.
 */
const CHROMIUM = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((file) => fs.existsSync(file));

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM,
    headless: true,
    // As root in a sandboxed machine with no outside network: no sandbox, no background traffic.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface BrowserSuite {
  /** The real server (set once the suite's beforeAll has run). */
  readonly server: TestServer;
  /**
   * A fresh browser profile, closed after the test that opened it. It asks for reduced motion
   * unless `options` say otherwise: the console then skips antd's animations, which only cost
   * time here; tests/e2e/console-accessibility.test.ts checks both settings.
   */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /**
   * A desktop page on the console's home, signed in as a demo account with a session made by
   * command (tests/e2e/console-login.test.ts signs in through the form), with the page's
   * uncaught errors collected.
   */
  signedIn(username: string, options?: BrowserContextOptions): Promise<{ page: Page; pageErrors: Error[] }>;
}

/**
 * Registers a browser suite's hooks: the client build, a real server with `env`,
 * Chromium; contexts close after each test, browser and server after the suite.
 */
export function browserSuite(env: Record<string, string> = {}): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startTestServer(env);
    browser = await launchChromium();
  }, 180_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('the browser suite has not started');
      return server;
    },
    async newContext(options) {
      const context = await browser!.newContext({ reducedMotion: 'reduce', ...options });
      contexts.push(context);
      return context;
    },
    async signedIn(username, options) {
      const context = await this.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        ...options,
      });
      await signInByCommand(context, this.server, username);
      const page = await context.newPage();
      const pageErrors: Error[] = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      await page.goto(`${this.server.baseUrl}/console`);
      await page.locator('[data-testid=home-title]').waitFor();
      return { page, pageErrors };
    },
  };
}

/** Gives a browser profile the session cookie of a session made by command for `username` (any earlier one is dropped). */
export async function signInByCommand(context: BrowserContext, server: TestServer, username: string): Promise<void> {
  const { cookie } = await openSession(server, username);
  const [name, value] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];
  await context.clearCookies({ name });
  await context.addCookies([{ name, value, url: server.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
}

/**
 * Waits until a JavaScript expression is true in the page. Playwright's
 * `waitForFunction` re-evaluates a string predicate with `eval` on every poll,
 * which the app's CSP rightly refuses; here the expression is compiled once, in
 * the evaluation itself, and polled on animation frames.
 */
export async function waitForPageCondition(page: Page, expression: string, timeout = 10_000): Promise<void> {
  await page.evaluate(`new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for: ' + ${JSON.stringify(expression)})), ${timeout});
    const tick = () => {
      if (${expression}) { clearTimeout(timer); resolve(true); } else requestAnimationFrame(tick);
    };
    tick();
  })`);
}

/** The widths every changed screen is kept at: a small phone and a common office laptop. */
export const SCREENSHOT_WIDTHS = [360, 1366] as const;

/**
 * Keeps full-page screenshots of the page as it is now, at each width, under
 * test-artifacts/e2e/<name>-<width>.png, then restores the page's viewport.
 */
export async function keepScreenshots(page: Page, name: string): Promise<void> {
  const original = page.viewportSize();
  for (const width of SCREENSHOT_WIDTHS) {
    await page.setViewportSize({ width, height: width < 600 ? 740 : 900 });
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
