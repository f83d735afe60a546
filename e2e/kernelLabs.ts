// Page objects of the chapter-5 lab widgets (layout viewer, loop-order lab, indirect-convolution stepper),
// named the way a reader would describe what they do.
import { expect, type Locator, type Page } from '@playwright/test';
import { LayerPickerPart } from './kernelWidgets';

/** The shared step controls inside a widget. */
export class Steps {
  constructor(readonly root: Locator) {}
  get text() {
    return this.root.getByTestId('step-text');
  }
  button(name: 'first' | 'prev' | 'play' | 'next' | 'last') {
    const index = { first: 0, prev: 1, play: 2, next: 3, last: 4 }[name];
    return this.root.locator('.step-controls button').nth(index);
  }
  get scrub() {
    return this.root.locator('.step-controls input[type=range]');
  }
}

/** <LayoutViewer>: a tensor as logical grid and linear memory, inner-loop reads, pack/unpack. */
export class LayoutViewerWidget {
  readonly root: Locator;
  readonly steps: Steps;
  constructor(
    readonly page: Page,
    index = 0,
  ) {
    this.root = page.getByTestId('layout-viewer').nth(index);
    this.steps = new Steps(this.root);
  }
  async chooseLayout(layout: 'NCHW' | 'NHWC' | 'NC4HW4') {
    await this.root.locator(`button[data-layout=${layout}]`).click();
    await expect(this.root).toHaveAttribute('data-layout', layout);
  }
  async chooseMode(mode: 'reads' | 'pack') {
    await this.root.locator(`button[data-mode=${mode}]`).click();
    await expect(this.root).toHaveAttribute('data-mode', mode);
  }
  /** Memory addresses drawn as read so far (and the current one). */
  async highlightedAddresses(): Promise<number[]> {
    return this.root
      .locator('[data-testid=memory] .lv-cell.read, [data-testid=memory] .lv-cell.current')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-address'))));
  }
  get paddingSlots() {
    return this.root.locator('[data-testid=memory] .lv-cell.pad');
  }
  get storage() {
    return this.root.getByTestId('storage');
  }
  /** The contiguous runs the reads table reports for a layout. */
  async runs(layout: string): Promise<number> {
    return Number(
      await this.root
        .locator(`[data-testid=reads-table] tr[data-layout=${layout}] [data-col=runs]`)
        .textContent(),
    );
  }
  async chooseSource(value: string) {
    await this.root.getByTestId('tensor-source').selectOption(value);
  }
}

export interface LabRow {
  key: string;
  median: number;
  min: number;
  gflops: number;
  diff: number;
}

/** <LoopLab>: choose a GEMM and loop variants, run them in the Worker, read the measured table. */
export class LoopLabWidget {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('loop-lab').first();
  }
  async typeSize(m: number, n: number, k: number) {
    await this.root.locator('button[data-size-from=custom]').click();
    for (const [dim, v] of [
      ['m', m],
      ['n', n],
      ['k', k],
    ] as const)
      await this.root.locator(`input[data-dim=${dim}]`).fill(String(v));
  }
  variant(key: string) {
    return this.root.locator(`button[data-variant="${key}"]`);
  }
  /** Leaves exactly these variants selected (loop orders, 'tiled', 'unrolled-N', 'blocked'). */
  async chooseVariants(keys: string[]) {
    for (const button of await this.root.locator('button[data-variant]').all()) {
      const key = await button.getAttribute('data-variant');
      const wanted = String(keys.includes(key!));
      if ((await button.getAttribute('aria-pressed')) !== wanted) await button.click();
      await expect(button).toHaveAttribute('aria-pressed', wanted);
    }
  }
  async chooseRuns(runs: number) {
    await this.root.locator('.ll-actions select').selectOption(String(runs));
  }
  get runButton() {
    return this.root.getByTestId('run');
  }
  get cancelButton() {
    return this.root.getByTestId('cancel');
  }
  get status() {
    return this.root.getByTestId('status');
  }
  async waitForPhase(phase: 'measuring' | 'done' | 'cancelled' | 'error', timeout = 120_000) {
    await expect(this.root).toHaveAttribute('data-phase', phase, { timeout });
  }
  async rows(): Promise<LabRow[]> {
    return this.root.locator('[data-testid=loop-table] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const value = (col: string) =>
          Number(tr.querySelector<HTMLElement>(`[data-col=${col}]`)!.dataset.value);
        return {
          key: (tr as HTMLElement).dataset.key!,
          median: value('median'),
          min: value('min'),
          gflops: value('gflops'),
          diff: value('diff'),
        };
      }),
    );
  }
}

/** <IndirectConv>: the indirection buffer stepped through, memory vs im2col, the uint8 path. */
export class IndirectConvWidget {
  readonly root: Locator;
  readonly steps: Steps;
  readonly picker: LayerPickerPart;
  constructor(
    readonly page: Page,
    index = 0,
  ) {
    this.root = page.getByTestId('indirect-conv').nth(index);
    this.steps = new Steps(this.root);
    this.picker = new LayerPickerPart(this.root);
  }
  get stepper() {
    return this.root.getByTestId('stepper');
  }
  async waitForLayer() {
    await expect(this.stepper).toBeVisible({ timeout: 30_000 });
  }
  get arrows() {
    return this.root.locator('.ic-arrow');
  }
  get memoryRatio() {
    return this.root.getByTestId('memory-ratio');
  }
  get agreement() {
    return this.root.getByTestId('agreement');
  }
  async choosePrecision(p: 'fp32' | 'uint8') {
    await this.root.locator(`button[data-precision=${p}]`).click();
    await expect(this.root).toHaveAttribute('data-precision', p);
  }
}
