// The chapter-5 steppers run the engine in the kernels Worker: real MobileNetV2-224 layers are usable (the
// counters and checks cover the whole layer, the stepped part is labelled), the page stays responsive while a
// large layer computes, and Cancel stops the run and keeps the previous one on screen.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { CoursePage } from './pages';
import { IndirectConvWidget } from './kernelLabs';
import { Im2colWidget, WinogradWidget } from './kernelWidgets';

const MOBILENET = 'mobilenetv2-224';

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
  const errorsStatus = widget.root.getByTestId('errors-area').getByTestId('job-status');
  // A small layer first (32 → 2 channels on 56×56), computed to the end.
  for (const [field, value] of [
    ['c', 32],
    ['h', 56],
    ['w', 56],
  ] as const)
    await widget.picker.set(field, value);
  await expect(widget.counts).toHaveAttribute('data-direct', String(2 * 32 * 54 * 54 * 9), {
    timeout: 60_000,
  });
  await expect(errorsStatus).toHaveCount(0, { timeout: 60_000 });

  // In the page: the frames painted while a run is in progress and the longest gap between two, and a click on
  // the error table's Cancel once three frames have been painted during its run (a scripted click from outside
  // the page could come too late on a fast machine).
  await page.evaluate(() => {
    const widget = document.querySelectorAll('[data-testid=winograd-stepper]')[1];
    const probe = { frames: 0, maxGap: 0, errorFrames: 0 };
    (window as unknown as { probe: typeof probe }).probe = probe;
    let last = performance.now();
    const tick = (t: number) => {
      if (widget.querySelector('[data-testid=job-status][data-status=running]')) {
        probe.frames++;
        probe.maxGap = Math.max(probe.maxGap, t - last);
      }
      // looked up each frame: the error area is re-rendered when the layer changes
      const cancel = widget.querySelector<HTMLButtonElement>(
        '[data-testid=errors-area] [data-testid=job-cancel]',
      );
      if (cancel && ++probe.errorFrames === 3) cancel.click();
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // 32 → 32 channels: 29 M multiply-adds per run, six runs for the error table.
  await widget.picker.set('k', 32);
  await expect(errorsStatus).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
  await expect(errorsStatus).toContainText('Cancelled');
  // The error table of the previous layer stays, marked as stale.
  await expect(widget.errorTable).toBeVisible();

  // The stepper's own run finishes with the whole layer's counts: 54×54 outputs, 27×27 tiles of 2×2.
  await expect(widget.counts).toHaveAttribute('data-direct', String(32 * 32 * 54 * 54 * 9), {
    timeout: 60_000,
  });
  await expect(widget.counts).toHaveAttribute('data-winograd', String(16 * 32 * 32 * 27 * 27));
  // Frames kept coming while the Worker computed.
  const probe = await page.evaluate(
    () => (window as unknown as { probe: { frames: number; maxGap: number } }).probe,
  );
  expect(probe.frames).toBeGreaterThanOrEqual(3);
  expect(probe.maxGap).toBeLessThan(1000);

  await errorsStatus.getByTestId('job-retry').click();
  await expect(errorsStatus).toHaveCount(0, { timeout: 60_000 });
  const f2 = await widget.errors('2-D F(2×2, 3×3)');
  expect(f2.fp16).toBeGreaterThan(f2.fp32);
});
