// A Playwright `test` that watches every page: console errors, uncaught exceptions, failed requests and
// any request leaving the app's origin fail the test (DESIGN.md rule 6: no network beyond the origin).
import { test as base, expect, type Page } from '@playwright/test';

export interface PageWatch {
  problems: string[];
  /** Stop treating console errors matching this as failures (for tests that provoke errors on purpose). */
  allowConsole(pattern: RegExp): void;
}

function watch(page: Page, origin: string): PageWatch {
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !allowed.some((re) => re.test(msg.text())))
      problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    // Navigations cut short by the next navigation are not failures of the app.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) problems.push(`request to another origin: ${url}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { problems, allowConsole: (re) => allowed.push(re) };
}

export const test = base.extend<{ watch: PageWatch }>({
  watch: [
    async ({ page, baseURL }, use) => {
      const w = watch(page, new URL(baseURL!).origin);
      await use(w);
      expect(w.problems, 'page problems').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
