// Browser tests run the built client against a real server on loopback, in
// Debian's Chromium driven by playwright-core (never a downloaded browser).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');

/** Builds the client once if a test run finds it missing, and makes room for screenshots. */
export function ensureClientBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, 'dist/client/index.html')) || !fs.existsSync(path.join(ROOT, 'dist/client/console/index.html'))) {
    execSync('npx vite build --config client/vite.config.ts', { cwd: ROOT, stdio: 'inherit' });
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // As root in a sandboxed machine with no outside network: no sandbox, no background traffic.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
