// The chapter-5 steppers run the engine in the kernels Worker: real MobileNetV2-224 layers are usable (the
// counters and checks cover the whole layer, the stepped part is labelled), the page stays responsive while a
// large layer computes, and Cancel stops the run and keeps the previous one on screen.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CoursePage } from './pages';
import { IndirectConvWidget } from './kernelLabs';
import { Im2colWidget, WinogradWidget } from './kernelWidgets';

const MOBILENET = 'mobilenetv2-224';

/** Milliseconds until the page paints its next frame: large when the main thread is blocked. */
const frameDelay = (page: Page) =>
  page.evaluate(() => {
    const t0 = performance.now();
    return new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0)));
  });

test('im2col and the indirect stepper run a real MobileNetV2-224 layer in the Worker and label the part they show', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await new CoursePage(page).openLesson('/en/kernels/im2col');
  const im2col = new Im2colWidget(page);
  await im2col.picker.chooseModel(MOBILENET);
  await im2col.picker.chooseLayer('/features/features.0/features.0.0/Conv');
  // 3×224×224 → 32×112×112, 3×3, stride 2: 27 rows × 12,544 columns, for the whole layer.
  await expect(im2col.memory).toHaveAttribute('data-lowered', String(27 * 112 * 112), { timeout: 60_000 });
  await expect(im2col.memory).toHaveAttribute('data-input', String(3 * 224 * 224));
  expect(workers.some((u) => u.includes('kernels.worker'))).toBe(true);
  await expect(im2col.root.getByTestId('trace-window')).toContainText('12,544 patches');
  await im2col.stepper.press('End');
  await expect(im2col.stepper.stage).toHaveAttribute('data-phase', 'gemm');

  await new CoursePage(page).openLesson('/en/kernels/qnnpack');
  const q = new IndirectConvWidget(page, 1);
  await q.picker.chooseModel(MOBILENET);
  await q.picker.chooseLayer('/features/features.2/conv/conv.0/conv.0.0/Conv');
  // Every one of the 96 × 112 × 112 uint8 outputs is compared with the integer reference.
  await expect(q.agreement).toHaveAttribute('data-total', String(96 * 112 * 112), { timeout: 60_000 });
  await expect(q.agreement).toHaveAttribute('data-equal', String(96 * 112 * 112));
  await expect(q.root.getByTestId('trace-window')).toContainText('top-left 12×12 of the 112×112');
  await q.steps.button('last').click();
  await expect(q.stepper).toHaveAttribute('data-phase', 'compute');
  await expect(q.root.locator('[data-col=reference].ok')).toHaveCount(16);
  const scan = await new AxeBuilder({ page }).include('[data-testid=indirect-conv]').analyze();
  expect(scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('the page stays responsive while a large layer computes, and Cancel stops the run', async ({ page }) => {
  test.setTimeout(120_000);
  await new CoursePage(page).openLesson('/en/kernels/winograd');
  const widget = new WinogradWidget(page, 1);
  await expect(widget.stepper.stage).toBeVisible();
  // 32 → 32 channels on 56×56: 29 M multiply-adds per run, six runs for the error table.
  for (const [field, value] of [
    ['c', 32],
    ['k', 32],
    ['h', 56],
    ['w', 56],
  ] as const)
    await widget.picker.set(field, value);
  const errorsStatus = widget.root.getByTestId('errors-area').getByTestId('job-status');
  await expect(errorsStatus).toHaveAttribute('data-status', 'running');
  expect(await frameDelay(page)).toBeLessThan(1000);
  await errorsStatus.getByTestId('job-cancel').click();
  await expect(errorsStatus).toHaveAttribute('data-status', 'cancelled');
  await expect(errorsStatus).toContainText('Cancelled');
  // The error table of the previous layer stays, marked as stale.
  await expect(widget.errorTable).toBeVisible();

  // The stepper's own run finishes with the whole layer's counts: 54×54 outputs, 27×27 tiles of 2×2.
  await expect(widget.counts).toHaveAttribute('data-direct', String(32 * 32 * 54 * 54 * 9), {
    timeout: 60_000,
  });
  await expect(widget.counts).toHaveAttribute('data-winograd', String(16 * 32 * 32 * 27 * 27));
  await errorsStatus.getByTestId('job-retry').click();
  await expect(errorsStatus).toHaveCount(0, {
    timeout: 60_000,
  });
  const f2 = await widget.errors('2-D F(2×2, 3×3)');
  expect(f2.fp16).toBeGreaterThan(f2.fp32);
});
