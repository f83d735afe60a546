// The chapter-1 widgets on their lesson pages: the batch-size comparator measures for real in the
// onnxruntime-web Worker, and the architecture explorer opens its panels by mouse and by keyboard.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CoursePage, type Lang } from './pages';
import { ArchitectureExplorerWidget, BatchLatencyWidget } from './widgets';

const langs: Lang[] = ['en', 'zh'];
const batchLesson = (lang: Lang) => `/${lang}/inference-systems/training-vs-inference`;
const systemLesson = (lang: Lang) => `/${lang}/inference-systems/system-architecture`;
const engineLesson = (lang: Lang) => `/${lang}/inference-systems/engine-architecture`;
const isWasm = (url: string) => url.endsWith('.wasm');

/** Serious or critical accessibility problems inside one widget, after it has been used. */
async function axeProblems(page: Page, selector: string) {
  const scan = await new AxeBuilder({ page }).include(selector).analyze();
  return scan.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.nodes.length})`);
}

for (const lang of langs) {
  test(`${lang}: the batch widget measures real latencies that grow with the batch, loading the wasm only on demand`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const wasm: string[] = [];
    page.on('request', (r) => isWasm(r.url()) && wasm.push(r.url()));
    await new CoursePage(page).openLesson(batchLesson(lang));
    const widget = new BatchLatencyWidget(page);
    await expect(widget.root).toBeVisible();
    expect(wasm, 'no WebAssembly before the reader asks for a measurement').toEqual([]);

    await widget.chooseBatches([1, 64]);
    await widget.chooseRuns(10);
    await widget.measureButton.click();
    await widget.waitForPhase('done');
    await expect(widget.status).toContainText(lang === 'zh' ? '完成' : 'Done');
    expect(wasm).toHaveLength(1);

    const rows = await widget.rows();
    expect(rows.map((r) => r.batch)).toEqual([1, 64]);
    for (const r of rows) {
      expect(r.median).toBeGreaterThan(0);
      expect(r.min).toBeLessThanOrEqual(r.median);
      expect(r.p90).toBeGreaterThanOrEqual(r.median);
      expect(r.throughput).toBeCloseTo(r.batch / (r.median / 1000), 3);
    }
    // 64 images take longer than 1. (Whether they are cheaper per image is what the reader is shown, not
    // asserted: on a machine busy with other work, the per-image cost at batch 64 varies too much.)
    const [one, sixtyFour] = rows;
    expect(sixtyFour.median).toBeGreaterThan(one.median);
    await expect(widget.root.locator('svg .bl-point.latency')).toHaveCount(2);
    expect(await axeProblems(page, '[data-testid=batch-latency]')).toEqual([]);
  });
}

test('the batch widget cancels a running measurement, keeps what it has, and measures again afterwards', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new CoursePage(page).openLesson(batchLesson('en'));
  const widget = new BatchLatencyWidget(page);
  await widget.chooseBatches([1, 2, 4, 8, 16, 32, 64, 128, 256]);
  await widget.chooseRuns(100);
  await widget.measureButton.click();
  await widget.waitForPhase('measuring');
  await expect(widget.cancelButton).toBeEnabled();
  await widget.cancelButton.click();
  await widget.waitForPhase('cancelled', 10_000);
  await expect(widget.status).toContainText('Cancelled');
  await expect(widget.measureButton).toBeEnabled();
  expect((await widget.rows()).length).toBeLessThan(9);

  await widget.chooseBatches([2]);
  await widget.chooseRuns(5);
  await widget.measureButton.click();
  await widget.waitForPhase('done');
  const rows = await widget.rows();
  expect(rows.map((r) => r.batch)).toEqual([2]);
  expect(rows[0].median).toBeGreaterThan(0);
});

test('the batch widget is usable from the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  await new CoursePage(page).openLesson(batchLesson('en'));
  const widget = new BatchLatencyWidget(page);
  await widget.chooseBatches([4]);
  await widget.chooseRuns(5);
  await widget.batchButton(4).focus();
  await page.keyboard.press('Space'); // deselect 4 …
  await expect(widget.batchButton(4)).toHaveAttribute('aria-pressed', 'false');
  await expect(widget.measureButton).toBeDisabled();
  await page.keyboard.press('Enter'); // … and select it again
  await expect(widget.batchButton(4)).toHaveAttribute('aria-pressed', 'true');
  await widget.measureButton.focus();
  await page.keyboard.press('Enter');
  await widget.waitForPhase('done');
  await expect(widget.measureButton).toBeFocused();
  expect((await widget.rows()).map((r) => r.batch)).toEqual([4]);
});

for (const lang of langs) {
  test(`${lang}: the system explorer opens a box's panel on click and on the keyboard`, async ({ page }) => {
    await new CoursePage(page).openLesson(systemLesson(lang));
    const explorer = new ArchitectureExplorerWidget(page, 'system');
    await expect(explorer.box('client')).toBeVisible();
    await expect(explorer.panelTitle).toHaveCount(0);

    await explorer.box('batcher').click();
    await expect(explorer.panelTitle).toContainText(lang === 'zh' ? '动态批处理' : 'dynamic batcher');
    await expect(explorer.box('batcher')).toHaveAttribute('aria-expanded', 'true');
    await expect(explorer.panel).toContainText(
      lang === 'zh' ? '动态批处理与装箱' : 'Dynamic batching and bin packing',
    );
    await expect(explorer.root.locator('.ae-edge.active')).toHaveCount(2);
    expect(await axeProblems(page, '[data-testid=architecture-explorer]')).toEqual([]);

    await explorer.box('client').focus();
    await page.keyboard.press('ArrowRight');
    await expect(explorer.box('gateway')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(explorer.panelTitle).toContainText(lang === 'zh' ? 'API 网关' : 'API gateway');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect(explorer.box('scheduler')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(explorer.panelTitle).toContainText(lang === 'zh' ? '调度器' : 'Scheduler');
    await page.keyboard.press('Escape');
    await expect(explorer.panelTitle).toHaveCount(0);
    await expect(explorer.box('scheduler')).toHaveAttribute('aria-expanded', 'false');
  });
}

test('the engine explorer links each layer to the lessons that open it', async ({ page }) => {
  await new CoursePage(page).openLesson(engineLesson('en'));
  const explorer = new ArchitectureExplorerWidget(page, 'engine');
  await explorer.box('kernels').click();
  await expect(explorer.panelTitle).toContainText('Kernels');
  await expect(explorer.panel.locator('.ae-lessons li')).toHaveText([
    'The im2col algorithm',
    'The Winograd algorithm',
    'QNNPACK and indirect convolution',
  ]);
  await explorer.box('converter').click();
  await expect(explorer.panelTitle).toContainText('Converter');
  await expect(explorer.panel).toContainText('Converter overview');
});
