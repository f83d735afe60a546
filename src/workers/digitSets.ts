// The digits data sets served next to the model zoo (public/data, listed in the manifest's `datasets`),
// and the feeds a zoo model takes: real digits prepared as the model expects them, or, for a model whose
// weights are random (preprocessing 'synthetic'), seeded Gaussian images of its input shape.
import {
  ModelError,
  digitsToModelInput,
  parseDigitSet,
  sampleTensor,
  type DigitSet,
  type Tensor,
  type ZooManifest,
  type ZooModel,
} from '../engine';

export type DigitSplit = 'test' | 'calibration';

/** Fetches and parses one split of a model's data set; `base` is the app's base URL. */
export async function loadDigitSet(
  manifest: ZooManifest,
  model: ZooModel,
  split: DigitSplit,
  base: string,
  signal?: AbortSignal,
): Promise<DigitSet> {
  const dataset = model.dataset ? manifest.datasets[model.dataset] : undefined;
  if (!dataset)
    throw new ModelError('input', `${model.id} has no data set: its weights are not trained on real data`);
  const url = new URL(dataset[split], new URL(`${base}models/manifest.json`, location.href)).href;
  const response = await fetch(url, { signal });
  if (!response.ok) throw new ModelError('parse', `could not fetch ${url}: HTTP ${response.status}`);
  return parseDigitSet(new Uint8Array(await response.arrayBuffer()));
}

/** Digits (uint8 [N, 8, 8]) as the feeds of a digits model. */
export function digitFeeds(model: ZooModel, images: Tensor<'uint8'>): Record<string, Tensor> {
  if (model.preprocessing.kind !== 'digits')
    throw new ModelError(
      'input',
      `${model.id} does not take digits (its inputs are ${model.preprocessing.kind})`,
    );
  return { [model.inputs[0].name]: digitsToModelInput(images, model.preprocessing) };
}

/** `count` seeded standard-normal images of a synthetic model's input shape, as one batch. */
export function syntheticFeeds(model: ZooModel, count: number, seed: number): Record<string, Tensor> {
  const p = model.preprocessing;
  if (p.kind !== 'synthetic')
    throw new ModelError('input', `${model.id} takes real digits, not synthetic images`);
  const dims = [count, p.channels, p.size, p.size];
  const data = sampleTensor(
    dims.reduce((a, b) => a * b),
    'gaussian',
    seed,
  );
  return { [model.inputs[0].name]: { dtype: 'float32', dims, data } };
}
