// The chapter-5 steppers on their lessons, in zh and en: each renders, stepping forward and back changes what
// is shown, the keyboard drives it, changing the shape changes the output, and the counts shown are the ones the
// engine computes for the same layer (run here in Node).
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  conv1dDirect,
  conv1dWinograd,
  convDirect,
  convIm2col,
  convLayersOfModel,
  convWinograd,
  decodeModel,
  randomUniformTensor,
  seededRandom,
} from '../src/engine/index';
import { test, expect } from './fixtures';
import { CoursePage, type Lang } from './pages';
import { ConvBasicsWidget, Im2colWidget, WinogradWidget } from './kernelWidgets';

const langs: Lang[] = ['en', 'zh'];
const lesson = (lang: Lang, slug: string) => `/${lang}/kernels/${slug}`;

async function axeProblems(page: Page, selector: string) {
  const scan = await new AxeBuilder({ page }).include(selector).analyze();
  return scan.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The engine's im2col buffer for a layer of digits-cnn (counts depend on the shape only, not on the values). */
function engineIm2colElements(layerName: string): number {
  const model = decodeModel(new Uint8Array(fs.readFileSync('public/models/digits-cnn.onnx')));
  const layer = convLayersOfModel(model).find((l) => l.name === layerName)!.layer!;
  const x = randomUniformTensor(seededRandom(1), layer.inputDims);
  const { counts } = convIm2col(x, layer.w, layer.bias, layer.params);
  return counts.buffers.find((b) => b.name === 'im2col matrix')!.elements;
}

/** direct ÷ Winograd multiplications on the Winograd widget's default layer (2 × 10 × 10 → 2 × 8 × 8). */
function engineWinogradRatio(variant: 'F(2,3)' | 'F(4,3)'): number {
  const random = seededRandom(3);
  const x = randomUniformTensor(random, [1, 2, 10, 10]);
  const w = randomUniformTensor(random, [2, 2, 3, 3]);
  return convDirect(x, w, null).counts.mults / convWinograd(x, w, null, {}, { variant }).counts.mults;
}

for (const lang of langs) {
  test(`${lang}: convolution basics steps through the windows and follows stride and padding`, async ({
    page,
  }) => {
    await new CoursePage(page).openLesson(lesson(lang, 'convolution-basics'));
    const widget = new ConvBasicsWidget(page);
    await expect(widget.stepper.stage).toBeVisible();
    await widget.expectOutputSize(3, 3); // 5 × 5, 3 × 3 kernel, no padding
    await expect(widget.outputShape).toContainText('1 × 3 × 3');

    // Forward and back, by keyboard and by button: the element and its dot product change.
    await widget.stepper.expectStep(0);
    const first = await widget.dotProduct.textContent();
    await widget.stepper.press('ArrowRight');
    await widget.stepper.expectStep(1);
    await expect(widget.dotProduct).not.toHaveText(first!);
    await expect(widget.dotProduct).toContainText('y[0, 0, 1]');
    await widget.stepper.press('ArrowLeft');
    await widget.stepper.expectStep(0);
    await expect(widget.dotProduct).toHaveText(first!);
    await widget.stepper.press('End');
    await widget.stepper.expectStep(8);
    await expect(widget.dotProduct).toContainText('y[0, 2, 2]');
    await widget.stepper.press('Home');
    await widget.stepper.expectStep(0);
    await widget.stepper.nextButton.click();
    await widget.stepper.expectStep(1);

    // The shown value is the bias plus the products listed (integer inputs: exact).
    const taps = Number(await widget.dotProduct.getAttribute('data-taps'));
    expect(taps).toBe(9);

    // Padding 1 keeps 5 × 5; stride 2 then gives 3 × 3; the formula shows the numbers.
    await widget.picker.set('pad', 1);
    await widget.expectOutputSize(5, 5);
    await widget.picker.set('stride', 2);
    await widget.expectOutputSize(3, 3);
    await expect(widget.formula('h')).toContainText('⌊(5 + 1 + 1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 3');
    await widget.stepper.expectStep(0); // a new layer starts a new stepper
    await expect(widget.dotProduct).toContainText(lang === 'zh' ? '填充' : 'padding');

    // An absurd size gets a message and the last valid layer stays.
    await widget.picker.set('h', 5000);
    await expect(widget.picker.problems).toBeVisible();
    await expect(widget.picker.field('h')).toHaveAttribute('aria-invalid', 'true');
    await widget.expectOutputSize(3, 3);
    await widget.picker.set('h', 9);
    await expect(widget.picker.problems).toHaveCount(0);
    await widget.expectOutputSize(5, 3);

    expect(await axeProblems(page, '[data-testid=conv-basics]')).toEqual([]);
  });

  test(`${lang}: im2col copies patches into columns, then fills the GEMM, with the engine's memory figures`, async ({
    page,
  }) => {
    await new CoursePage(page).openLesson(lesson(lang, 'im2col'));
    const widget = new Im2colWidget(page);
    // The default layer is the first of digits-cnn, loaded and parsed in a Worker.
    await expect(widget.stepper.stage).toBeVisible({ timeout: 30_000 });
    await expect(widget.memory).toHaveAttribute(
      'data-lowered',
      String(engineIm2colElements('/block1/block1.0/Conv')),
    );
    await expect(widget.memory).toHaveAttribute('data-lowered', '576');
    await expect(widget.memory).toHaveAttribute('data-input', '64');
    await expect(widget.memory).toHaveAttribute('data-copied', '9');

    await expect(widget.columnPanel).toContainText(lang === 'zh' ? '第 0 列' : 'Column 0');
    await widget.stepper.press('ArrowRight');
    await widget.stepper.expectStep(1);
    await expect(widget.columnPanel).toContainText(lang === 'zh' ? '第 1 列' : 'Column 1');
    await expect(widget.memory).toHaveAttribute('data-copied', '18');
    await widget.stepper.press('ArrowLeft');
    await expect(widget.columnPanel).toContainText(lang === 'zh' ? '第 0 列' : 'Column 0');

    // After the 64 patches, one GEMM step per output channel (16).
    await widget.stepper.press('End');
    await widget.stepper.expectStep(64 + 16 - 1);
    await expect(widget.stepper.stage).toHaveAttribute('data-phase', 'gemm');
    await expect(widget.memory).toHaveAttribute('data-copied', '576');
    await widget.stepper.press('ArrowLeft');
    await expect(widget.stepper.stage).toHaveAttribute('data-phase', 'gemm');

    // The second layer: 16 channels, so 144 × 64.
    await widget.picker.chooseLayer('/block2/block2.0/Conv');
    await expect(widget.memory).toHaveAttribute(
      'data-lowered',
      String(engineIm2colElements('/block2/block2.0/Conv')),
    );
    await expect(widget.memory).toHaveAttribute('data-lowered', '9216');
    await widget.stepper.expectStep(0);

    expect(await axeProblems(page, '[data-testid=im2col-stepper]')).toEqual([]);
  });

  test(`${lang}: Winograd shows 1.5×, 2.25× and 4× fewer multiplications and the fp16 error`, async ({
    page,
  }) => {
    await new CoursePage(page).openLesson(lesson(lang, 'winograd'));
    const oneD = new WinogradWidget(page, 0);
    await expect(oneD.root).toHaveAttribute('data-mode', '1d');
    const signal = new Float32Array(10).fill(1);
    const ratio1d =
      conv1dDirect(signal, [1, 1, 1]).counts.mults / conv1dWinograd(signal, [1, 1, 1]).counts.mults;
    await expect(oneD.counts).toHaveAttribute('data-ratio', String(ratio1d));
    await expect(oneD.counts).toHaveAttribute('data-ratio', '1.5');
    await expect(oneD.stepper.stage).toHaveAttribute('data-kind', 'filter');
    await oneD.stepper.press('ArrowRight');
    await expect(oneD.stepper.stage).toHaveAttribute('data-kind', 'tile');
    await expect(oneD.counts).toHaveAttribute('data-running-winograd', '4');
    await expect(oneD.counts).toHaveAttribute('data-running-direct', '6');
    await oneD.stepper.press('ArrowLeft');
    await expect(oneD.stepper.stage).toHaveAttribute('data-kind', 'filter');

    const twoD = new WinogradWidget(page, 1);
    await expect(twoD.root).toHaveAttribute('data-mode', 'F(2,3)');
    await expect(twoD.stepper.stage).toBeVisible();
    expect(await twoD.ratio()).toBe(engineWinogradRatio('F(2,3)'));
    expect(await twoD.ratio()).toBe(2.25);
    await expect(twoD.stepper.stage).toHaveAttribute('data-kind', 'filter');
    await expect(twoD.root.getByTestId('U')).toBeVisible();
    await twoD.stepper.press('ArrowRight');
    await twoD.stepper.press('ArrowRight');
    await expect(twoD.stepper.stage).toHaveAttribute('data-kind', 'input');
    await expect(twoD.root.getByTestId('V')).toBeVisible();
    await twoD.stepper.press('End');
    await expect(twoD.stepper.stage).toHaveAttribute('data-kind', 'output');
    await expect(twoD.root.getByTestId('Y')).toBeVisible();
    // At the end the running counts are channel 0's half of the layer's (2 output channels).
    await expect(twoD.counts).toHaveAttribute('data-running-winograd', '512');
    await expect(twoD.counts).toHaveAttribute('data-running-direct', '1152');

    await twoD.chooseMode('F(4,3)');
    expect(await twoD.ratio()).toBe(engineWinogradRatio('F(4,3)'));
    expect(await twoD.ratio()).toBe(4);

    // Errors: larger tiles err more; rounding the transforms to float16 far more.
    const f2 = await twoD.errors(lang === 'zh' ? '二维 F(2×2, 3×3)' : '2-D F(2×2, 3×3)');
    const f4 = await twoD.errors(lang === 'zh' ? '二维 F(4×4, 3×3)' : '2-D F(4×4, 3×3)');
    expect(f2.fp32).toBeGreaterThan(0);
    expect(f4.fp32).toBeGreaterThan(f2.fp32);
    expect(f2.fp16).toBeGreaterThan(100 * f2.fp32);
    expect(f4.fp16).toBeGreaterThan(f2.fp16);
    await twoD.root.getByTestId('fp16').check();
    await expect(twoD.root).toHaveAttribute('data-fp16', 'true');
    await twoD.stepper.expectStep(0);

    // A strided layer of a model is offered but marked as not usable here.
    await twoD.picker.useModel();
    const strided = twoD.picker.root.locator('[data-testid=picker-layer] option', { hasText: 's2' });
    await twoD.picker.root.getByTestId('picker-model').selectOption('digits-mobilenet');
    await expect(strided.first()).toBeDisabled({ timeout: 30_000 });

    expect(await axeProblems(page, '[data-testid=winograd-stepper]')).toEqual([]);
  });
}

test('the steppers play and pause with the Space key', async ({ page }) => {
  await new CoursePage(page).openLesson(lesson('en', 'convolution-basics'));
  const widget = new ConvBasicsWidget(page);
  await widget.stepper.press(' ');
  await expect(widget.stepper.playButton).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => widget.stepper.step(), { timeout: 10_000 }).toBeGreaterThan(1);
  await widget.stepper.press(' ');
  await expect(widget.stepper.playButton).toHaveAttribute('aria-pressed', 'false');
  const stopped = await widget.stepper.step();
  await page.waitForTimeout(1200);
  expect(await widget.stepper.step()).toBe(stopped);
});

test('a narrow screen keeps the steppers usable', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await new CoursePage(page).openLesson(lesson('en', 'winograd'));
  const widget = new WinogradWidget(page, 1);
  await expect(widget.stepper.stage).toBeVisible();
  const box = await widget.root.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(375);
  const overflow = await widget.root.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});
