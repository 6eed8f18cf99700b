// Driving the console's case page in a browser: its action bar and status.
import type { Page } from 'playwright-core';

/** Clicks an action in the action bar and confirms its dialog (the OK button carries the action's name). */
export async function takeAction(
  page: Page,
  action: string,
  fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => undefined,
): Promise<void> {
  await page.getByTestId('case-actions').getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: action }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Waits until the case page shows this status. */
export const statusShown = (page: Page, status: string) =>
  page.getByTestId('case-status').getByText(status, { exact: true }).waitFor();
