// Page objects of the lesson widgets, named the way a reader would describe what they do.
import { expect, type Locator, type Page } from '@playwright/test';

export interface MeasuredRow {
  batch: number;
  median: number;
  p90: number;
  min: number;
  throughput: number;
}

/** <BatchLatency>: choose batch sizes and runs, measure, cancel, read the measured table. */
export class BatchLatencyWidget {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('batch-latency').first();
  }

  batchButton(batch: number) {
    return this.root.getByRole('group').getByRole('button', { name: String(batch), exact: true });
  }

  /** Leaves exactly these batch sizes selected. */
  async chooseBatches(batches: number[]) {
    // all() does not wait: make sure the (lazily loaded) widget is there first.
    await expect(this.root.getByRole('group').getByRole('button')).toHaveCount(9);
    for (const button of await this.root.getByRole('group').getByRole('button').all()) {
      const wanted = String(batches.includes(Number(await button.textContent())));
      if ((await button.getAttribute('aria-pressed')) !== wanted) await button.click();
      await expect(button).toHaveAttribute('aria-pressed', wanted);
    }
  }

  async chooseRuns(runs: number) {
    await this.root.locator('.bl-runs select').first().selectOption(String(runs));
  }

  get measureButton() {
    return this.root.getByTestId('measure');
  }

  get cancelButton() {
    return this.root.getByTestId('cancel');
  }

  get status() {
    return this.root.getByTestId('status');
  }

  async phase() {
    return this.root.getAttribute('data-phase');
  }

  async waitForPhase(phase: 'measuring' | 'done' | 'cancelled' | 'error', timeout = 90_000) {
    await expect(this.root).toHaveAttribute('data-phase', phase, { timeout });
  }

  /** The numbers of the table as measured (raw values from data attributes, not the rounded text). */
  async rows(): Promise<MeasuredRow[]> {
    return this.root.locator('[data-testid=latency-table] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const value = (key: string) =>
          Number(tr.querySelector<HTMLElement>(`[data-key=${key}]`)!.dataset.value);
        return {
          batch: Number((tr as HTMLElement).dataset.batch),
          median: value('median'),
          p90: value('p90'),
          min: value('min'),
          throughput: value('throughput'),
        };
      }),
    );
  }
}

/** <ArchitectureExplorer>: boxes that open a panel. */
export class ArchitectureExplorerWidget {
  readonly root: Locator;
  constructor(
    readonly page: Page,
    view: 'system' | 'engine',
  ) {
    this.root = page.locator(`[data-testid=architecture-explorer][data-view=${view}]`).first();
  }

  box(id: string) {
    return this.root.locator(`[data-node="${id}"]`);
  }

  get panel() {
    return this.root.getByTestId('explorer-panel');
  }

  get panelTitle() {
    return this.panel.locator('h4');
  }
}

/** <GraphOptimizer>: load a model, step through the passes, verify, edit the graph as text. */
export class GraphOptimizerWidget {
  readonly root: Locator;
  constructor(
    readonly page: Page,
    index = 0,
  ) {
    this.root = page.getByTestId('graph-optimizer').nth(index);
  }

  /** Waits until the model is loaded and the pipeline has run on it. */
  async waitUntilOptimized(timeout = 60_000) {
    await expect(this.root).toHaveAttribute('data-load', 'ready', { timeout });
    await expect(this.root).toHaveAttribute('data-run', 'done', { timeout });
  }

  get status() {
    return this.root.getByTestId('status');
  }

  tab(name: 'graph' | 'memory' | 'text') {
    return this.root.locator(`[role=tab][data-tab=${name}]`);
  }

  pane(side: 'left' | 'right') {
    return this.root.getByTestId(`pane-${side}`);
  }

  /** The zoom factor of a pane's drawing (the two panes share one viewport). */
  async zoomIn(side: 'left' | 'right'): Promise<number> {
    return Number(await this.pane(side).getByTestId('graph-view').getAttribute('data-zoom'));
  }

  /** Node count of the graph drawn in a pane. */
  async nodesIn(side: 'left' | 'right'): Promise<number> {
    return Number(await this.pane(side).getAttribute('data-nodes'));
  }

  /** The node counts of the stats table (before, after), once both analyses are in. */
  async statNodes(): Promise<{ before: number; after: number }> {
    const row = this.root.locator('[data-testid=stats-table] tr[data-key=nodes]');
    await expect(row).toHaveAttribute('data-after', /\d/);
    await expect(row).toHaveAttribute('data-before', /\d/);
    return {
      before: Number(await row.getAttribute('data-before')),
      after: Number(await row.getAttribute('data-after')),
    };
  }

  get summary() {
    return this.root.getByTestId('step-summary');
  }

  async position(): Promise<number> {
    return Number(await this.summary.getAttribute('data-position'));
  }

  /** The step controls of the timeline (shared StepControls), by their accessible names. */
  stepButton(name: RegExp) {
    return this.root.getByTestId('timeline').getByRole('button', { name });
  }

  async goToLastStep() {
    await this.stepButton(/Last step/).click();
    const last = Number(await this.root.getAttribute('data-positions')) - 1;
    expect(last).toBeGreaterThan(0);
    await expect(this.summary).toHaveAttribute('data-position', String(last));
  }

  async openFile(name: string, bytes: Buffer) {
    await this.root
      .getByTestId('file-input')
      .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  }

  get verifyButton() {
    return this.root.getByTestId('verify-button');
  }

  async waitForVerify(timeout = 90_000) {
    await expect(this.root.getByTestId('verify')).toHaveAttribute('data-phase', /done|error|cannot/, {
      timeout,
    });
  }

  /** Largest differences per output and the measured latencies, as numbers. */
  async verifyFigures() {
    const errors = await this.root.locator('[data-testid=errors-table] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        output: (tr as HTMLElement).dataset.output!,
        maxAbs: Number((tr as HTMLElement).dataset.maxAbs),
        maxRel: Number((tr as HTMLElement).dataset.maxRel),
      })),
    );
    const latencies = await this.root
      .locator('[data-testid=latency-table] td[data-ms]')
      .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.ms)));
    return { errors, latencies };
  }

  get editor() {
    return this.root.locator('.monaco-editor');
  }

  /** Replaces the whole text in the Monaco editor (as a paste would: no auto-closed brackets). */
  async replaceText(text: string) {
    await this.editor.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.insertText(text);
  }

  get parseStatus() {
    return this.root.getByTestId('parse-status');
  }
}

/** <QuantExplorer>: a real tensor under the four calibration methods, with bits and mapping controls. */
export class QuantExplorerWidget {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('quant-explorer').first();
  }

  get bits() {
    return this.root.getByTestId('qe-bits');
  }

  get table() {
    return this.root.getByTestId('qe-table');
  }

  /** Waits until the engine's numbers for the current settings are on screen. */
  async settled() {
    await expect(this.root).toHaveAttribute('aria-busy', 'false', { timeout: 60_000 });
    await expect(this.table).toBeVisible();
  }

  /** The SQNR (dB) of each method, as computed (raw values, not the rounded text). */
  async sqnr(): Promise<Record<string, number>> {
    return this.table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        Object.fromEntries(
          trs.map((tr) => [
            (tr as HTMLElement).dataset.method!,
            Number(tr.querySelector<HTMLElement>('[data-key=sqnr]')!.dataset.value),
          ]),
        ),
      );
  }
}

/** <FloatVsInt8>: quantize a model in the page, then compare float and int8 run by onnxruntime-web. */
export class FloatVsInt8Widget {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('float-vs-int8').first();
  }

  get startButton() {
    return this.root.getByTestId('fv-start');
  }

  get cancelButton() {
    return this.root.getByTestId('fv-cancel');
  }

  get status() {
    return this.root.getByTestId('fv-status');
  }

  async choose(model: string, options: { method?: string; runs?: number } = {}) {
    await this.root.getByTestId('fv-model').selectOption(model);
    if (options.method) await this.root.getByTestId('fv-method').selectOption(options.method);
    if (options.runs) await this.root.getByTestId('fv-runs').selectOption(String(options.runs));
  }

  /** Chooses "your own model" and gives it a file with these bytes. */
  async upload(name: string, bytes: Buffer) {
    await this.root.getByTestId('fv-model').selectOption('own');
    await this.root
      .getByTestId('fv-file')
      .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  }

  async waitForPhase(phase: 'running' | 'done' | 'cancelled' | 'error', timeout = 120_000) {
    await expect(this.root).toHaveAttribute('data-phase', phase, { timeout });
  }

  /** A measured cell of the summary table: the raw value behind the text. */
  async value(row: string, column: 1 | 2 | 3): Promise<number> {
    const cell = this.root.locator(`[data-testid=fv-summary] tr[data-key="${row}"] td`).nth(column - 1);
    return Number(await cell.getAttribute('data-value'));
  }

  /** The confusion matrix of one variant, as counts [label][prediction]. */
  async confusion(variant: 'float' | 'int8'): Promise<number[][]> {
    return this.root
      .getByTestId(`fv-confusion-${variant}`)
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))),
      );
  }
}

/** <Int8LayerKinds>: four layer kinds timed float vs int8 in onnxruntime-web. */
export class Int8LayerKindsWidget {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('int8-layer-kinds').first();
  }

  get startButton() {
    return this.root.getByTestId('lk-start');
  }

  get cancelButton() {
    return this.root.getByTestId('lk-cancel');
  }

  get status() {
    return this.root.getByTestId('lk-status');
  }

  async waitForPhase(phase: 'running' | 'done' | 'cancelled' | 'error', timeout = 180_000) {
    await expect(this.root).toHaveAttribute('data-phase', phase, { timeout });
  }

  /** int8 ÷ float time per layer kind, as measured (the raw values behind the table). */
  async ratios(): Promise<Record<string, number>> {
    const rows = await this.root
      .locator('[data-testid=lk-table] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-kind'), tr.getAttribute('data-ratio')]));
    return Object.fromEntries(rows.map(([kind, ratio]) => [kind, Number(ratio)]));
  }
}

/** <DrawDigit>: a canvas to draw on, test digits to pick, and both models' predictions. */
export class DrawDigitWidget {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('draw-digit').first();
  }

  get canvas() {
    return this.root.getByTestId('dd-canvas');
  }

  /** Draws a polyline with the mouse; points are fractions of the canvas (0–1). */
  async stroke(points: [number, number][]) {
    await this.canvas.scrollIntoViewIfNeeded();
    const box = (await this.canvas.boundingBox())!;
    const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
    await this.page.mouse.move(...at(points[0]));
    await this.page.mouse.down();
    for (const p of points.slice(1)) await this.page.mouse.move(...at(p), { steps: 4 });
    await this.page.mouse.up();
  }

  async clear() {
    await this.root.getByTestId('dd-clear').click();
  }

  prediction(variant: 'float' | 'int8') {
    return this.root.getByTestId(`dd-pred-${variant}`);
  }

  /** Both models' probabilities for digits 0–9, as computed. */
  async probabilities(): Promise<{ float: number[]; int8: number[] }> {
    const column = (variant: string) =>
      this.root
        .locator(`[data-testid=dd-probs] td.${variant}`)
        .evaluateAll((tds) => tds.map((td) => Number((td as HTMLElement).dataset.value)));
    return { float: await column('float'), int8: await column('int8') };
  }
}
