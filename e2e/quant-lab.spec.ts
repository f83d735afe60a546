// The quantization lab of chapter 3 in real Chromium: the explorer's numbers follow the bits, the side-by-side
// lab quantizes digits-cnn in the page into the very file the CLI writes and measures both models, the
// layer-kind timer measures four kinds of layer, cancel stops them, a malformed upload gets a
// clear message, and drawing on the canvas drives both models' predictions.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CoursePage, type Lang } from './pages';
import { DrawDigitWidget, FloatVsInt8Widget, Int8LayerKindsWidget, QuantExplorerWidget } from './widgets';

const langs: Lang[] = ['en', 'zh'];
const lesson = (lang: Lang, slug: string) => `/${lang}/compression/${slug}`;

async function axeProblems(page: Page, selector: string) {
  const scan = await new AxeBuilder({ page }).include(selector).analyze();
  return scan.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const lang of langs) {
  test(`${lang}: each quantization widget renders on its lesson`, async ({ page }) => {
    test.setTimeout(120_000);
    const course = new CoursePage(page);
    await course.openLesson(lesson(lang, 'overview'));
    await expect(page.getByTestId('zoo-table').locator('tbody tr')).toHaveCount(4);
    await expect(
      page.getByTestId('zoo-table').locator('tr[data-model=digits-student-kd] td').last(),
    ).toHaveAttribute('data-value', /^\d+(\.\d+)?$/);

    await course.openLesson(lesson(lang, 'low-bit-quantization'));
    const explorer = new QuantExplorerWidget(page);
    await explorer.settled();
    await expect(explorer.table.locator('tbody tr')).toHaveCount(4);
    await expect(explorer.root.getByTestId('qe-histogram').locator('.qe-bars rect').first()).toBeVisible();
    expect(await axeProblems(page, '[data-testid=quant-explorer]')).toEqual([]);

    await course.openLesson(lesson(lang, 'ptq-deployment'));
    await expect(new FloatVsInt8Widget(page).startButton).toBeEnabled();
    await expect(new DrawDigitWidget(page).canvas).toBeVisible();
    await expect(new Int8LayerKindsWidget(page).startButton).toBeEnabled();
    expect(await axeProblems(page, '[data-testid=float-vs-int8]')).toEqual([]);
    expect(await axeProblems(page, '[data-testid=int8-layer-kinds]')).toEqual([]);
    expect(await axeProblems(page, '[data-testid=draw-digit]')).toEqual([]);
  });
}

test('the explorer loses about 6 dB of SQNR per bit under MinMax, driven from the keyboard', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new CoursePage(page).openLesson(lesson('en', 'low-bit-quantization'));
  const explorer = new QuantExplorerWidget(page);
  await explorer.settled();
  const at8 = await explorer.sqnr();
  await explorer.bits.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await expect(explorer.root.getByTestId('qe-bits-value')).toHaveText('4');
  await explorer.settled();
  await expect.poll(async () => (await explorer.sqnr()).minmax).toBeLessThan(at8.minmax - 10);
  const at4 = await explorer.sqnr();
  // Rounding dominates under MinMax: 4 bits fewer is about 4 × 6.02 dB.
  expect(at8.minmax - at4.minmax).toBeGreaterThan(20);
  expect(at8.minmax - at4.minmax).toBeLessThan(28);
  for (const method of ['percentile', 'entropy', 'mse']) expect(at4[method]).toBeLessThan(at8[method]);
});

for (const lang of langs) {
  test(`${lang}: quantizing digits-cnn in the page measures int8 accuracy, latencies and a confusion matrix`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await new CoursePage(page).openLesson(lesson(lang, 'ptq-deployment'));
    const lab = new FloatVsInt8Widget(page);
    await lab.choose('digits-cnn', { method: 'minmax', runs: 5 });
    await lab.startButton.click();
    await lab.waitForPhase('done');
    await expect(lab.status).toContainText(lang === 'zh' ? '完成' : 'Done');

    const floatAccuracy = await lab.value('accuracy', 1);
    const int8Accuracy = await lab.value('accuracy', 2);
    expect(floatAccuracy).toBeCloseTo(358 / 360, 6); // the manifest's figure, reproduced by onnxruntime-web
    expect(int8Accuracy).toBeGreaterThan(0.95);
    for (const row of ['latency-1', 'latency-32']) {
      expect(await lab.value(row, 1)).toBeGreaterThan(0);
      expect(await lab.value(row, 2)).toBeGreaterThan(0);
    }
    expect(await lab.value('size', 2)).toBeLessThan((await lab.value('size', 1)) / 2);

    const confusion = await lab.confusion('int8');
    expect(confusion).toHaveLength(10);
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(360);
    const diagonal = confusion.reduce((sum, row, i) => sum + row[i], 0);
    expect(diagonal / 360).toBeCloseTo(int8Accuracy, 6);
    await expect(lab.root.locator('[data-testid^=fv-verdict-]')).toHaveCount(2);
    await expect(lab.root.getByTestId('fv-download')).toHaveAttribute(
      'download',
      /digits-cnn-int8-minmax\.onnx$/,
    );
    expect(await axeProblems(page, '[data-testid=float-vs-int8]')).toEqual([]);
    if (lang === 'en') expect(await downloaded(page, lab)).toEqual(cliQuantize('digits-cnn'));
  });
}

/** The bytes behind the lab's download link. */
async function downloaded(page: Page, lab: FloatVsInt8Widget): Promise<Buffer> {
  const href = await lab.root.getByTestId('fv-download').getAttribute('href');
  const bytes = await page.evaluate(
    async (url) => [...new Uint8Array(await (await fetch(url!)).arrayBuffer())],
    href,
  );
  return Buffer.from(bytes);
}

/** What `npm run cli -- quantize <id> out.onnx` writes (MinMax, per channel: the lab's defaults). */
function cliQuantize(id: string): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-cli-'));
  try {
    const out = path.join(dir, `${id}-int8.onnx`);
    execFileSync(path.resolve('node_modules/.bin/tsx'), ['src/cli/main.ts', 'quantize', id, out], {
      stdio: 'pipe',
    });
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

test('cancel stops a running comparison and the lab runs again afterwards', async ({ page }) => {
  test.setTimeout(180_000);
  await new CoursePage(page).openLesson(lesson('en', 'ptq-deployment'));
  const lab = new FloatVsInt8Widget(page);
  await lab.choose('digits-mobilenet', { runs: 50 });
  await lab.startButton.click();
  await lab.waitForPhase('running', 30_000);
  await expect(lab.cancelButton).toBeEnabled();
  await lab.cancelButton.click();
  await lab.waitForPhase('cancelled', 10_000);
  await expect(lab.status).toContainText('Cancelled');
  await expect(lab.startButton).toBeEnabled();
  await expect(lab.root.getByTestId('fv-results')).toHaveCount(0);

  await lab.choose('digits-cnn', { runs: 3 });
  await lab.startButton.click();
  await lab.waitForPhase('done');
  expect(await lab.value('accuracy', 2)).toBeGreaterThan(0.95);
});

test('the layer-kind timer measures the four kinds from the keyboard, and cancel stops it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await new CoursePage(page).openLesson(lesson('en', 'ptq-deployment'));
  const kinds = new Int8LayerKindsWidget(page);
  await kinds.root.getByTestId('lk-rounds').selectOption('3');
  await kinds.startButton.focus();
  await page.keyboard.press('Enter');
  await kinds.waitForPhase('running', 30_000);
  await expect(kinds.cancelButton).toBeFocused();
  await page.keyboard.press('Enter');
  await kinds.waitForPhase('cancelled', 10_000);
  await expect(kinds.status).toContainText('Cancelled');
  await expect(kinds.root.getByTestId('lk-results')).toHaveCount(0);

  await kinds.startButton.click();
  await kinds.waitForPhase('done');
  const ratios = await kinds.ratios();
  expect(Object.keys(ratios)).toEqual(['full-3x3', 'pointwise-56', 'pointwise-14', 'depthwise-3x3']);
  for (const ratio of Object.values(ratios)) expect(ratio).toBeGreaterThan(0);
  await expect(kinds.root.locator('.lk-bar')).toHaveCount(4);
  await expect(kinds.root.locator('[data-testid^=lk-verdict-]')).toHaveCount(4);
  expect(await axeProblems(page, '[data-testid=int8-layer-kinds]')).toEqual([]);
});

test('a malformed upload gets a clear message and the page keeps working', async ({ page }) => {
  test.setTimeout(120_000);
  await new CoursePage(page).openLesson(lesson('en', 'ptq-deployment'));
  const lab = new FloatVsInt8Widget(page);
  await lab.upload('broken.onnx', Buffer.from('this is not a protobuf, just text pretending to be a model'));
  await lab.startButton.click();
  await lab.waitForPhase('error', 30_000);
  await expect(lab.status).toContainText('This file cannot be used');
  await expect(lab.startButton).toBeEnabled();

  await lab.choose('digits-cnn', { runs: 3 });
  await lab.startButton.click();
  await lab.waitForPhase('done');
});

test('drawing on the canvas drives both models, and a test digit can be picked from the keyboard', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new CoursePage(page).openLesson(lesson('en', 'ptq-deployment'));
  const draw = new DrawDigitWidget(page);
  // A "1": one vertical stroke.
  await draw.stroke([
    [0.5, 0.15],
    [0.5, 0.85],
  ]);
  await expect(draw.prediction('float')).toHaveAttribute('data-digit', /\d/, { timeout: 60_000 });
  const one = await draw.probabilities();
  expect(one.float.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  expect(one.int8.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);

  // Turn it into a "7" by adding a bar on top: the predictions must follow the strokes.
  await draw.stroke([
    [0.2, 0.15],
    [0.5, 0.15],
  ]);
  await expect.poll(async () => JSON.stringify(await draw.probabilities())).not.toBe(JSON.stringify(one));

  await draw.clear();
  await expect(draw.prediction('float')).toHaveCount(0);
  await draw.root.getByTestId('dd-pick-3').focus();
  await page.keyboard.press('Enter');
  await expect(draw.prediction('float')).toHaveAttribute('data-digit', '3');
  await expect(draw.prediction('int8')).toHaveAttribute('data-digit', '3');
});
