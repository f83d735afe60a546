// The digits data sets served next to the model zoo (public/data, listed in the manifest's `datasets`).
import { ModelError, parseDigitSet, type DigitSet, type ZooManifest } from '../engine';

export type DigitSplit = 'test' | 'calibration';

/** The zoo's handwritten digits, the data set every digits model was trained on. */
export const DIGITS_DATASET = 'uci-digits';

/** Fetches and parses one split of a data set of the manifest; `base` is the app's base URL. */
export async function loadDigitSet(
  manifest: ZooManifest,
  datasetKey: string,
  split: DigitSplit,
  base: string,
  signal?: AbortSignal,
): Promise<DigitSet> {
  const dataset = manifest.datasets[datasetKey];
  if (!dataset) throw new ModelError('input', `the model zoo has no data set "${datasetKey}"`);
  // Paths in the manifest are relative to the manifest itself.
  const url = new URL(dataset[split], new URL(`${base}models/manifest.json`, location.href)).href;
  const response = await fetch(url, { signal });
  if (!response.ok) throw new ModelError('parse', `could not fetch ${url}: HTTP ${response.status}`);
  return parseDigitSet(new Uint8Array(await response.arrayBuffer()));
}
