// The graph-optimization playground on the chapter-4 lessons: it renders on each, its timeline steps
// through real rewrites, Verify runs both graphs in onnxruntime-web, a malformed file is refused without
// losing the model, the text editor (Monaco) rebuilds the graph and marks syntax errors — and none of
// Monaco or the onnxruntime WebAssembly is downloaded on a page that does not use them.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures';
import { CoursePage, type Lang } from './pages';
import { GraphOptimizerWidget } from './widgets';

const langs: Lang[] = ['en', 'zh'];
const lesson = (lang: Lang, slug: string) => `/${lang}/conversion-optimization/${slug}`;
const LESSONS = ['graph-ir', 'optimization-strategy', 'constant-folding', 'operator-fusion', 'layout-memory'];
const isHeavy = (url: string) => /monaco|editor\.worker|\.wasm$|ort-wasm/.test(url);

for (const lang of langs) {
  for (const slug of LESSONS)
    test(`${lang}: ${slug} shows the playground on its model, optimized`, async ({ page }) => {
      await new CoursePage(page).openLesson(lesson(lang, slug));
      const widget = new GraphOptimizerWidget(page);
      await widget.waitUntilOptimized();
      await expect(widget.status).not.toHaveText('');
      await expect(widget.root.locator('[role=tab][aria-selected=true]')).toHaveCount(1);
    });

  test(`${lang}: Monaco and the onnxruntime wasm are not requested on a chapter-1 lesson`, async ({
    page,
  }) => {
    const heavy: string[] = [];
    page.on('request', (r) => isHeavy(r.url()) && heavy.push(r.url()));
    await new CoursePage(page).openLesson(`/${lang}/inference-systems/training-vs-inference`);
    await page.waitForLoadState('networkidle');
    expect(heavy).toEqual([]);
  });
}

test('zh: stepping through the timeline changes the node counts', async ({ page }) => {
  await new CoursePage(page).openLesson(lesson('zh', 'optimization-strategy'));
  const widget = new GraphOptimizerWidget(page);
  await widget.waitUntilOptimized();
  const end = await widget.position();
  expect(end).toBeGreaterThan(0);
  const optimized = await widget.statNodes();
  expect(optimized.after).toBeLessThan(optimized.before);

  await widget.stepButton(/第一步/).click();
  await expect(widget.summary).toHaveAttribute('data-position', '0');
  await expect.poll(() => widget.nodesIn('right')).toBe(optimized.before);
  expect((await widget.statNodes()).after).toBe(optimized.before);

  // one rewrite forward, then one pass forward: the counts follow
  await widget.stepButton(/下一步/).click();
  await expect(widget.summary).toHaveAttribute('data-position', '1');
  // the rewrite is described in Chinese too (its operator and node names stay as they are)
  await expect(widget.summary).toContainText(/删除|折叠|融合|合并|移到|改/);
  await expect(widget.summary).not.toContainText(/\b(removed|folded|became|into|the)\b/);
  await widget.root.getByTestId('next-pass').click();
  const position = await widget.position();
  expect(position).toBeGreaterThan(1);
  expect(position).toBeLessThanOrEqual(end);
  await expect.poll(async () => (await widget.statNodes()).after).toBeLessThan(optimized.before);
  await widget.stepButton(/最后一步/).click();
  await expect.poll(() => widget.nodesIn('right')).toBe(optimized.after);
});

test('en: Verify runs both graphs in onnxruntime-web: errors below tolerance, latencies measured', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await new CoursePage(page).openLesson(lesson('en', 'operator-fusion'));
  const widget = new GraphOptimizerWidget(page);
  await widget.waitUntilOptimized();
  // this playground opens on the input graph: go to the fully optimized one
  await widget.goToLastStep();
  await widget.verifyButton.click();
  await widget.waitForVerify();
  await expect(widget.root.getByTestId('verify')).toHaveAttribute('data-phase', 'done');
  const { errors, latencies } = await widget.verifyFigures();
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) expect(e.maxRel).toBeLessThan(1e-4);
  expect(latencies).toHaveLength(4);
  for (const ms of latencies) expect(ms).toBeGreaterThan(0);
  const scan = await new AxeBuilder({ page }).include('[data-testid=graph-optimizer]').analyze();
  const serious = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('zh: a malformed file gives a clear error and the model stays loaded', async ({ page }) => {
  await new CoursePage(page).openLesson(lesson('zh', 'optimization-strategy'));
  const widget = new GraphOptimizerWidget(page);
  await widget.waitUntilOptimized();
  const nodes = await widget.nodesIn('left');
  await widget.openFile('broken.onnx', Buffer.from('this is not a protobuf at all \u0000\u0001\u0002'));
  await expect(widget.root).toHaveAttribute('data-load', 'error');
  await expect(widget.status).toContainText('无法加载 broken.onnx');
  // the engine's kind of problem in Chinese, its own (English) details after it
  await expect(widget.status).toContainText('这不是有效的 ONNX 文件');
  await expect(widget.status).toContainText('仍保留已加载的 digits-cnn-raw');
  await expect(widget.root).toHaveAttribute('data-model', 'digits-cnn-raw');
  expect(await widget.nodesIn('left')).toBe(nodes);
});

test('en: the text editor (Monaco) rebuilds the graph as it is edited and marks a syntax error', async ({
  page,
}) => {
  await new CoursePage(page).openLesson(lesson('en', 'graph-ir'));
  const widget = new GraphOptimizerWidget(page);
  await widget.waitUntilOptimized();
  await expect(widget.editor).toBeVisible({ timeout: 30_000 });
  await expect(widget.parseStatus).toHaveAttribute('data-state', 'ok');

  const text = `<ir_version: 8, opset_import: ["" : 17]>
g (float[1, 4] x) => (float[1, 4] y)
{
  a = Sigmoid (x)
  y = Identity (a)
}`;
  await widget.replaceText(text);
  await expect(widget.parseStatus).toHaveAttribute('data-state', 'ok');
  await widget.tab('graph').click();
  await expect(widget.root.locator('[data-testid=stats-table] tr[data-op=Sigmoid]')).toHaveCount(1, {
    timeout: 30_000,
  });
  await expect.poll(() => widget.nodesIn('left')).toBe(2);

  await widget.tab('text').click();
  await expect(widget.editor).toBeVisible();
  await widget.replaceText(text.replace('Sigmoid (x)', 'Sigmoid (x'));
  await expect(widget.parseStatus).toHaveAttribute('data-state', 'error');
  await expect(widget.parseStatus).toContainText('Line 5');
  await expect(widget.editor.locator('.squiggly-error')).not.toHaveCount(0);
  // the last good graph stays
  await widget.tab('graph').click();
  await expect.poll(() => widget.nodesIn('left')).toBe(2);
});

test('en: selecting the fused node rings, in the other pane, the nodes it replaced', async ({ page }) => {
  await new CoursePage(page).openLesson(lesson('en', 'operator-fusion'));
  const widget = new GraphOptimizerWidget(page);
  await widget.waitUntilOptimized();
  await widget.goToLastStep();
  await expect.poll(() => widget.nodesIn('right')).toBe(1);
  // keyboard only: focus the right pane's drawing and Tab through its boxes to the one node
  await widget.pane('right').getByTestId('graph-canvas').focus();
  for (
    let i = 0;
    i < 4 && !/FusedConv|Conv/.test((await widget.pane('right').getAttribute('data-selected')) ?? '');
    i++
  )
    await page.keyboard.press('Tab');
  await expect(widget.pane('right')).toHaveAttribute('data-selected', /Conv/);
  await expect(widget.pane('left')).toHaveAttribute('data-related', '3');
});

test('en: stepping through the timeline keeps the zoom the reader chose; the step icons are drawn', async ({
  page,
}) => {
  await new CoursePage(page).openLesson(lesson('en', 'optimization-strategy'));
  const widget = new GraphOptimizerWidget(page);
  await widget.waitUntilOptimized();
  await expect(widget.pane('right').getByTestId('graph-view')).toHaveAttribute('data-zoom', /\d/);
  const fitted = await widget.zoomIn('right');

  // zoom in twice with the keyboard, then step back two rewrites: the graphs change, the zoom stays
  await widget.pane('right').getByTestId('graph-canvas').focus();
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(() => widget.zoomIn('right')).toBeCloseTo(fitted * 1.25 * 1.25, 3);
  const zoomed = await widget.zoomIn('right');
  const nodes = await widget.nodesIn('right');
  const end = await widget.position();
  await widget.stepButton(/Previous step/).click();
  await widget.stepButton(/Previous step/).click();
  await expect(widget.summary).toHaveAttribute('data-position', String(end - 2));
  await expect.poll(() => widget.nodesIn('right')).not.toBe(nodes);
  await expect(widget.pane('right').locator('.go-pane-badge')).toHaveCount(0);
  expect(await widget.zoomIn('right')).toBeCloseTo(zoomed, 6);
  expect(await widget.zoomIn('left')).toBeCloseTo(zoomed, 6);

  // the transport icons are inline SVG with a size (the ⏮ ⏭ glyphs were empty boxes in many fonts)
  for (const name of [/First step/, /Previous step/, /Next step/, /Last step/]) {
    const box = await widget.stepButton(name).locator('svg').boundingBox();
    expect(box?.width).toBeGreaterThan(8);
  }
  await expect(widget.root.getByTestId('timeline').locator('.step-position')).toHaveText(
    /^Rewrite \d+ of \d+$/,
  );
  await widget.stepButton(/First step/).click();
  await expect(widget.root.getByTestId('timeline').locator('.step-position')).toHaveText(/^Input graph/);
});

test('zh: the text IR prints float32 weights in their shortest form and warns about an unknown operator', async ({
  page,
}) => {
  await new CoursePage(page).openLesson(lesson('zh', 'graph-ir'));
  const widget = new GraphOptimizerWidget(page);
  await widget.waitUntilOptimized();
  await widget.root.getByTestId('model-select').selectOption('digits-cnn-raw');
  await widget.waitUntilOptimized();
  await expect(widget.editor).toBeVisible({ timeout: 30_000 });
  const lines = widget.editor.locator('.view-lines');
  // the first BatchNormalization scale, a float32 printed as 1.0084039 rather than 1.0084038972854614
  await expect(lines).toContainText('model.block1.1.weight = {1.0084039, 0.95940846, 0.9338533,');
  await expect(lines).not.toContainText('1.0084038972854614');

  await widget.replaceText(`<ir_version: 8, opset_import: ["" : 17]>
g (float[1, 4] x) => (float[1, 4] y)
{
  a = Relu (x)
  y = Sigmiod (a)
}`);
  await expect(widget.parseStatus).toHaveAttribute('data-state', 'warning');
  await expect(widget.parseStatus).toContainText('第 5 行');
  await expect(widget.parseStatus).toContainText('Sigmiod');
  await expect(widget.editor.locator('.squiggly-warning')).not.toHaveCount(0);
});

test('en: the timeline by keyboard: one arrow press is one rewrite, and the focus survives reaching the end', async ({
  page,
}) => {
  await new CoursePage(page).openLesson(lesson('en', 'operator-fusion'));
  const widget = new GraphOptimizerWidget(page);
  await widget.waitUntilOptimized();
  await expect(widget.summary).toHaveAttribute('data-position', '0');
  const next = widget.stepButton(/Next step/);
  await next.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.summary).toHaveAttribute('data-position', '1');
  await page.keyboard.press('Enter'); // the focused button itself
  await expect(widget.summary).toHaveAttribute('data-position', '2');
  await page.keyboard.press('End');
  await expect(widget.summary).toHaveAttribute('data-position', '3');
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await expect(next).toBeFocused();
  await page.keyboard.press('Home');
  await expect(widget.summary).toHaveAttribute('data-position', '0');
  await page.keyboard.press('Enter');
  await expect(widget.summary).toHaveAttribute('data-position', '1');
});
