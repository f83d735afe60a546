// The digits data sets served next to the model zoo (public/data, listed in the manifest's `datasets`).
import { ModelError, parseDigitSet, type DigitSet, type ZooManifest, type ZooModel } from '../engine';

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
