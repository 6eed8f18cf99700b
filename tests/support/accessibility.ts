// axe-core, from the registry, run inside the real page. Its source is
// evaluated through the DevTools protocol, which the app's CSP does not govern,
// so the page under test keeps its real policy (no `bypassCSP`).
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Every WCAG 2.x A/AA violation axe finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(axeSource);
  const found = (await page.evaluate(`window.axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })))`)) as AxeViolation[];
  return found;
}

/** Fails with a readable list when the page has any violation. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  const described = violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.slice(0, 5).join(', ')}`,
  );
  expect(described).toEqual([]);
}
