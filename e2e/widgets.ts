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
