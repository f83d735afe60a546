// The graph view on its hidden test page: keyboard selection, inspector, search, fit, collapse, export,
// two synchronized panes, both languages — with no console errors (fixtures.ts watches every page).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function openGraph(page: Page, query: string, lang = 'en') {
  await page.goto(`/${lang}/dev/graph-view?${query}`);
  await expect(page.getByTestId('graph-status').first()).toBeVisible();
}

const viewport = (page: Page) => page.evaluate(() => window.__playground!.graphView!.viewport()!);
const lastLayout = (page: Page) => page.evaluate(() => window.__playground!.graphView!.layouts.at(-1)!);

test('select with the keyboard, inspect, search, fit, collapse and export', async ({ page }) => {
  await openGraph(page, 'nodes=300&seed=2');
  const canvas = page.getByTestId('graph-canvas');
  const inspector = page.getByTestId('inspector');
  await canvas.focus();

  // Tab walks the nodes: the first is the graph input, the second the stem Conv
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('announcement')).toContainText('input');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('announcement')).toContainText(/^Conv, 3×3/);
  await expect(inspector.getByRole('heading', { level: 3 })).toHaveText('Conv');
  await expect(inspector).toContainText('kernel_shape');
  await expect(
    inspector.getByRole('img', { name: /^Heatmap: 8 rows \(first dimension\) × 72 columns/ }),
  ).toBeVisible();
  await expect(inspector.getByRole('img', { name: /Histogram of 576 values/ })).toBeVisible();
  // Enter moves focus into the inspector
  await page.keyboard.press('Enter');
  await expect(inspector.getByRole('heading', { level: 3 })).toBeFocused();

  // / searches; Enter jumps to the first match and selects it
  await canvas.focus();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('concat');
  await expect(page.getByTestId('match-count')).toHaveText(/^\d+ matches$/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('match-count')).toHaveText(/^1 of \d+$/);
  await expect(inspector.getByRole('heading', { level: 3 })).toHaveText('Concat');
  await expect(inspector).toContainText('axis');

  // 0 fits the whole drawing in the canvas
  await canvas.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('0');
  const { width, height } = await lastLayout(page);
  const box = (await canvas.boundingBox())!;
  await expect.poll(async () => (await viewport(page)).k).toBeLessThan(1);
  const v = await viewport(page);
  expect(v.x).toBeGreaterThanOrEqual(0);
  expect(v.y).toBeGreaterThanOrEqual(0);
  expect(v.x + width * v.k).toBeLessThanOrEqual(box.width + 1);
  expect(v.y + height * v.k).toBeLessThanOrEqual(box.height + 1);

  // the mouse wheel zooms about the pointer, a drag pans
  const fitted = await viewport(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect.poll(async () => (await viewport(page)).k).toBeGreaterThan(fitted.k);
  const zoomed = await viewport(page);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 100, box.y + box.height / 2 + 50, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await viewport(page)).x).toBeCloseTo(zoomed.x + 100, 0);

  // Esc clears the selection and lets Tab leave the graph
  await canvas.focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('announcement')).toHaveText('');
  await page.keyboard.press('Tab');
  await expect(canvas).not.toBeFocused();

  // collapsing the repeated blocks leaves far fewer boxes; expanding restores them
  const before = (await lastLayout(page)).boxes;
  await page.getByRole('button', { name: 'Collapse blocks' }).click();
  await expect.poll(async () => (await lastLayout(page)).boxes).toBeLessThan(before / 4);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect.poll(async () => (await lastLayout(page)).boxes).toBe(before);

  // export: an SVG file with a box per node, and a PNG
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the graph as SVG' }).click();
  const svg = await svgDownload;
  expect(svg.suggestedFilename()).toBe('synthetic-300.svg');
  const text = await (
    await svg.createReadStream()
  )
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(text.startsWith('<svg')).toBe(true);
  expect(text.match(/<g data-key=/g)?.length).toBe(before);
  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the graph as PNG' }).click();
  expect((await pngDownload).suggestedFilename()).toBe('synthetic-300.png');
});

test('a search match inside a collapsed block expands it', async ({ page }) => {
  await openGraph(page, 'nodes=300&seed=2&collapse=all');
  const collapsed = (await lastLayout(page)).boxes;
  await page.getByRole('searchbox').fill('softmax');
  await page.getByRole('searchbox').press('Enter');
  await expect(page.getByTestId('inspector').getByRole('heading', { level: 3 })).toHaveText('Softmax');
  expect((await lastLayout(page)).boxes).toBeGreaterThan(collapsed);
});

test('two panes share selection and viewport', async ({ page }) => {
  await openGraph(page, 'nodes=120&panes=2');
  const [a, b] = [page.getByTestId('graph-view').nth(0), page.getByTestId('graph-view').nth(1)];
  await a.getByTestId('graph-canvas').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(b.getByTestId('inspector').getByRole('heading', { level: 3 })).toHaveText('Conv');
  const before = await viewport(page);
  await page.keyboard.press('+');
  await expect.poll(async () => (await viewport(page)).k).toBeCloseTo(before.k * 1.25, 5);
});

test('the Chinese page has Chinese controls and passes an axe scan', async ({ page }) => {
  await openGraph(page, 'nodes=80&overlay=params', 'zh');
  await expect(page.getByRole('button', { name: '适应窗口' })).toBeVisible();
  await expect(page.getByTestId('graph-status')).toContainText('个节点');
  await expect(page.locator('.gv-legend')).toContainText('参数量');
  const scan = await new AxeBuilder({ page }).include('[data-testid="graph-view"]').analyze();
  const serious = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id} (${v.nodes.length})`)).toEqual([]);
});
