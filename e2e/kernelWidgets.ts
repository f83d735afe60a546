// Page objects of the chapter-5 kernel steppers (ConvBasics, Im2colStepper, WinogradStepper) and of their
// shared layer picker, named the way a reader would describe what they do.
import { expect, type Locator, type Page } from '@playwright/test';

/** <LayerPicker>: a real layer of a zoo model, or a shape of one's own. */
export class LayerPickerPart {
  readonly root: Locator;
  constructor(widget: Locator) {
    this.root = widget.getByTestId('layer-picker');
  }

  async useModel() {
    await this.root.locator('button[data-mode=model]').click();
  }

  /** Switches to model layers and picks a zoo model (its layers then load in a Worker). */
  async chooseModel(id: string) {
    await this.useModel();
    await this.root.getByTestId('picker-model').selectOption(id);
  }

  async useOwnShape() {
    await this.root.locator('button[data-mode=custom]').click();
  }

  /** Waits until the model's layers have loaded, then picks one by name. */
  async chooseLayer(name: string) {
    const select = this.root.getByTestId('picker-layer');
    await expect(select.locator(`option[value="${name}"]`)).toHaveCount(1, { timeout: 30_000 });
    await select.selectOption(name);
  }

  field(name: string) {
    return this.root.locator(`input[data-field=${name}]`);
  }

  async set(name: string, value: number | string) {
    await this.field(name).fill(String(value));
  }

  get problems() {
    return this.root.getByTestId('picker-problems');
  }

  get summary() {
    return this.root.getByTestId('picker-summary');
  }
}

/** A stepper: the focusable stage with its step controls (StepControls). */
export class StepperPart {
  readonly stage: Locator;
  constructor(widget: Locator) {
    this.stage = widget.getByTestId('stepper');
  }

  async step(): Promise<number> {
    return Number(await this.stage.getAttribute('data-step'));
  }

  async expectStep(step: number) {
    await expect(this.stage).toHaveAttribute('data-step', String(step));
  }

  /** Focuses the stage and presses a key there (←/→, Home, End, Space). */
  async press(key: string) {
    await this.stage.focus();
    await this.stage.press(key);
  }

  get nextButton() {
    return this.stage.locator('.step-controls button').nth(3);
  }

  get prevButton() {
    return this.stage.locator('.step-controls button').nth(1);
  }

  get playButton() {
    return this.stage.locator('.step-controls button.primary');
  }
}

export class ConvBasicsWidget {
  readonly root: Locator;
  readonly picker: LayerPickerPart;
  readonly stepper: StepperPart;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('conv-basics').first();
    this.picker = new LayerPickerPart(this.root);
    this.stepper = new StepperPart(this.root);
  }

  async expectOutputSize(oh: number, ow: number) {
    await expect(this.root).toHaveAttribute('data-oh', String(oh));
    await expect(this.root).toHaveAttribute('data-ow', String(ow));
  }

  get dotProduct() {
    return this.root.getByTestId('dot-product');
  }

  get outputShape() {
    return this.root.getByTestId('output-shape');
  }

  formula(dim: 'h' | 'w') {
    return this.root.getByTestId(`formula-${dim}`);
  }
}

export class Im2colWidget {
  readonly root: Locator;
  readonly picker: LayerPickerPart;
  readonly stepper: StepperPart;
  constructor(readonly page: Page) {
    this.root = page.getByTestId('im2col-stepper').first();
    this.picker = new LayerPickerPart(this.root);
    this.stepper = new StepperPart(this.root);
  }

  get memory() {
    return this.root.getByTestId('memory');
  }

  get columnPanel() {
    return this.root.getByTestId('column-panel');
  }
}

export class WinogradWidget {
  readonly root: Locator;
  readonly picker: LayerPickerPart;
  readonly stepper: StepperPart;
  constructor(
    readonly page: Page,
    index = 0,
  ) {
    this.root = page.getByTestId('winograd-stepper').nth(index);
    this.picker = new LayerPickerPart(this.root);
    this.stepper = new StepperPart(this.root);
  }

  async chooseMode(mode: '1d' | 'F(2,3)' | 'F(4,3)') {
    await this.root.locator(`.wg-modes button[data-mode="${mode}"]`).click();
    await expect(this.root).toHaveAttribute('data-mode', mode);
  }

  get counts() {
    return this.root.getByTestId('mult-counts');
  }

  async ratio(): Promise<number> {
    return Number(await this.counts.getAttribute('data-ratio'));
  }

  get errorTable() {
    return this.root.getByTestId('error-table');
  }

  /** Max abs errors of a row of the error table (raw values), by column. */
  async errors(row: string): Promise<{ fp32: number; fp16: number }> {
    const tr = this.errorTable.locator(`tr[data-row="${row}"]`);
    return {
      fp32: Number(await tr.locator('[data-key=fp32]').getAttribute('data-value')),
      fp16: Number(await tr.locator('[data-key=fp16]').getAttribute('data-value')),
    };
  }
}
