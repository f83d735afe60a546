// The chapter-5 lab widgets on their lessons, in both languages: the layout viewer's highlighting follows the
// layout and the steps, the indirect-convolution stepper replays the engine's trace (and its uint8 path agrees
// with the integer reference), and the loop lab measures in its Worker, stays responsive and can be cancelled.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { CoursePage, type Lang } from './pages';
import { IndirectConvWidget, LayoutViewerWidget, LoopLabWidget } from './kernelLabs';

const langs: Lang[] = ['en', 'zh'];
const lesson = (lang: Lang, slug: string) => `/${lang}/kernels/${slug}`;

async function axeProblems(page: Page, selector: string) {
  const scan = await new AxeBuilder({ page }).include(selector).analyze();
  return scan.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const lang of langs) {
  test(`${lang}: the layout viewer highlights different addresses per layout, and stepping moves the highlight`, async ({
    page,
  }) => {
    await new CoursePage(page).openLesson(lesson(lang, 'memory-layouts'));
    const viewer = new LayoutViewerWidget(page);
    await expect(viewer.root.getByTestId('memory').locator('svg .lv-cell').first()).toBeVisible();

    // 6 channels of 4×4, 3×3 kernel at pixel (1, 1): 54 reads, all shown.
    await expect(viewer.steps.text).toContainText('54');
    const nchw = await viewer.highlightedAddresses();
    expect(nchw).toHaveLength(54);
    await viewer.chooseLayout('NHWC');
    const nhwc = await viewer.highlightedAddresses();
    expect(nhwc).toHaveLength(54);
    expect(new Set(nhwc)).not.toEqual(new Set(nchw));
    // NHWC reads one kernel row of pixels, all channels, as one run: 3 runs against NCHW's 18.
    expect(await viewer.runs('NHWC')).toBe(3);
    expect(await viewer.runs('NCHW')).toBe(18);

    const before = await viewer.steps.text.textContent();
    await viewer.steps.button('prev').click();
    await expect(viewer.steps.text).not.toHaveText(before!);
    expect(await viewer.highlightedAddresses()).toHaveLength(53);
    await viewer.steps.button('first').click();
    expect(await viewer.highlightedAddresses()).toHaveLength(1);

    // Keyboard: the drawing takes focus and the arrow keys step.
    await viewer.root.locator('.lv-figures').focus();
    await page.keyboard.press('ArrowRight');
    expect(await viewer.highlightedAddresses()).toHaveLength(2);

    await viewer.chooseMode('pack');
    const first = await viewer.steps.text.textContent();
    await viewer.steps.button('next').click();
    await expect(viewer.steps.text).not.toHaveText(first!);
    await expect(viewer.root.locator('.lv-arrow')).toHaveCount(1);
    expect(await axeProblems(page, '[data-testid=layout-viewer]')).toEqual([]);
  });

  test(`${lang}: NC4HW4 shows its padding and the viewer runs on a real digits-cnn activation`, async ({
    page,
  }) => {
    await new CoursePage(page).openLesson(lesson(lang, 'nc4hw4'));
    const viewer = new LayoutViewerWidget(page);
    await expect(viewer.root).toHaveAttribute('data-layout', 'NC4HW4');
    await expect(viewer.storage).toHaveAttribute('data-slots', '128');
    await expect(viewer.paddingSlots).toHaveCount(2 * 16);
    await viewer.chooseLayout('NHWC');
    await expect(viewer.paddingSlots).toHaveCount(0);

    await viewer.chooseSource('conv1');
    await expect(
      viewer.root.getByText(lang === 'zh' ? 'digits-cnn 在第一张测试数字' : 'An activation of digits-cnn'),
    ).toBeVisible();
    await expect(viewer.storage).toHaveAttribute('data-slots', String(16 * 8 * 8));
    await viewer.chooseLayout('NC4HW4');
    await expect(viewer.storage).toHaveAttribute('data-slots', String(16 * 8 * 8));
    expect(await viewer.runs('NC4HW4')).toBe(12);
  });

  test(`${lang}: the indirect stepper replays the buffer build and the outputs; uint8 agrees with the integer reference`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await new CoursePage(page).openLesson(lesson(lang, 'qnnpack'));
    const fp32 = new IndirectConvWidget(page, 0);
    await fp32.waitForLayer();
    await expect(fp32.stepper).toHaveAttribute('data-phase', 'build');
    // digits-cnn block2: 16 input channels, so im2col stores 16× as many values as the buffer has entries.
    await expect(fp32.memoryRatio).toHaveAttribute('data-ratio', '16');
    const entry0 = await fp32.steps.text.textContent();
    await fp32.steps.button('next').click();
    await expect(fp32.steps.text).not.toHaveText(entry0!);
    await expect(fp32.arrows).toHaveCount(2);
    // Play advances on its own; pause stops it.
    const playing = await fp32.steps.text.textContent();
    await fp32.steps.button('play').click();
    await expect(fp32.steps.text).not.toHaveText(playing!, { timeout: 5_000 });
    await fp32.steps.button('play').click();
    await expect(fp32.steps.button('play')).toHaveAttribute('aria-pressed', 'false');
    await fp32.steps.button('last').click();
    await expect(fp32.stepper).toHaveAttribute('data-phase', 'compute');
    await expect(fp32.arrows).toHaveCount(9);
    await expect(fp32.root.getByTestId('pixel-table').locator('tbody tr')).toHaveCount(16);

    const q = new IndirectConvWidget(page, 1);
    await q.waitForLayer();
    await expect(q.root).toHaveAttribute('data-precision', 'uint8');
    const total = Number(await q.agreement.getAttribute('data-total'));
    expect(total).toBe(32 * 8 * 8);
    await expect(q.agreement).toHaveAttribute('data-equal', String(total));
    await q.steps.button('last').click();
    const rows = q.root.getByTestId('pixel-table').locator('tbody tr');
    await expect(rows).toHaveCount(16);
    // Every shown output equals the reference computed independently.
    const pairs = await rows.evaluateAll((trs) =>
      trs.map((tr) => [
        tr.querySelector('[data-col=y]')!.textContent,
        tr.querySelector('[data-col=reference]')!.textContent,
      ]),
    );
    for (const [y, ref] of pairs) expect(ref).toContain(y!);
    expect(await axeProblems(page, '[data-testid=indirect-conv]')).toEqual([]);
  });

  test(`${lang}: the loop lab measures in its Worker and shows times from the run`, async ({ page }) => {
    test.setTimeout(120_000);
    await new CoursePage(page).openLesson(lesson(lang, 'loop-optimization'));
    const lab = new LoopLabWidget(page);
    await expect(lab.runButton).toBeEnabled();
    await expect(lab.root.locator('[data-testid=loop-table] tbody tr')).toHaveCount(0);
    await lab.typeSize(48, 96, 64);
    await lab.chooseVariants(['ijk', 'ikj', 'tiled', 'unrolled-4', 'blocked']);
    await lab.chooseRuns(3);
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await lab.runButton.click();
    await lab.waitForPhase('done');
    expect(workers.some((u) => u.includes('kernels.worker'))).toBe(true);
    await expect(lab.status).toContainText(lang === 'zh' ? '完成' : 'Done');
    const rows = await lab.rows();
    expect(rows.map((r) => r.key)).toEqual(['ijk', 'ikj', 'tiled-16x256x128', 'unrolled-4', 'blocked-4x4']);
    for (const r of rows) {
      expect(r.median).toBeGreaterThan(0);
      expect(r.min).toBeLessThanOrEqual(r.median);
      expect(r.gflops).toBeCloseTo((2 * 48 * 96 * 64) / (r.median * 1e6), 6);
      expect(r.diff).toBeLessThan(1e-3);
    }
    await expect(lab.root.locator('svg .ll-bar rect')).toHaveCount(5);
    expect(await axeProblems(page, '[data-testid=loop-lab]')).toEqual([]);
  });
}

test('the loop lab stays responsive while it runs, and Cancel stops the worker', async ({ page }) => {
  test.setTimeout(120_000);
  await new CoursePage(page).openLesson(lesson('en', 'loop-optimization'));
  const lab = new LoopLabWidget(page);
  // The largest GEMM the lab allows, every loop order, 15 runs: minutes of work if it were not cancelled.
  await lab.typeSize(256, 1024, 512);
  await lab.chooseVariants(['ijk', 'ikj', 'jik', 'jki', 'kij', 'kji']);
  await lab.chooseRuns(15);
  await lab.runButton.click();
  await lab.waitForPhase('measuring', 10_000);
  // The page answers at once while the worker computes.
  const t0 = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  expect(Date.now() - t0).toBeLessThan(1000);
  await lab.cancelButton.click();
  await lab.waitForPhase('cancelled', 5_000);
  await expect(lab.status).toContainText('Cancelled');
  await expect(lab.root.locator('[data-testid=loop-table] tbody tr')).toHaveCount(0);

  await lab.typeSize(16, 32, 16);
  await lab.chooseVariants(['ijk', 'blocked']);
  await lab.chooseRuns(1);
  await lab.runButton.click();
  await lab.waitForPhase('done');
  expect((await lab.rows()).map((r) => r.key)).toEqual(['ijk', 'blocked-4x4']);
});

test('the loop lab refuses a GEMM over its limit with a clear message', async ({ page }) => {
  await new CoursePage(page).openLesson(lesson('en', 'loop-optimization'));
  const lab = new LoopLabWidget(page);
  await lab.typeSize(4096, 4096, 4096);
  await expect(lab.status).toContainText("over this lab's limit");
  await expect(lab.runButton).toBeDisabled();
  await lab.typeSize(0, 8, 8);
  await expect(lab.status).toContainText('whole number');
});
