// How close a quantized tensor is to its float original, as one number each:
//  - SQNR (signal-to-quantization-noise ratio) in dB: 10·log10(Σx² / Σ(x − y)²). Every extra bit of a
//    uniform grid adds about 6.02 dB; int8 on well-calibrated activations is typically 30–40 dB.
//  - cosine similarity: x·y / (|x||y|), insensitive to scale, 1 when the directions agree.
// Used per layer to find the layers where quantization hurts.
import { ModelError } from '../errors';

function checkPair(reference: ArrayLike<number>, approx: ArrayLike<number>, what: string): void {
  if (reference.length !== approx.length)
    throw new ModelError(
      'input',
      `${what}: the tensors have ${reference.length} and ${approx.length} elements`,
      { field: what },
    );
}

/**
 * Running sums behind both metrics, so that a metric over many batches (a layer over a calibration set) is
 * the same number as over the batches concatenated: Σx², Σy², Σxy and Σ(x − y)² of reference x, approximation y.
 */
export interface ErrorSums {
  xx: number;
  yy: number;
  xy: number;
  noise: number;
}

export const emptySums = (): ErrorSums => ({ xx: 0, yy: 0, xy: 0, noise: 0 });

export function accumulate(
  sums: ErrorSums,
  reference: ArrayLike<number>,
  approx: ArrayLike<number>,
  what = 'SQNR',
) {
  checkPair(reference, approx, what);
  for (let i = 0; i < reference.length; i++) {
    const x = reference[i],
      y = approx[i];
    sums.xx += x * x;
    sums.yy += y * y;
    sums.xy += x * y;
    sums.noise += (x - y) * (x - y);
  }
  return sums;
}

/** SQNR in dB from sums: Infinity when identical, -Infinity when the reference is all zeros but the approximation is not. */
export function sqnrFromSums({ xx, noise }: ErrorSums): number {
  if (noise === 0) return Infinity;
  return 10 * Math.log10(xx / noise);
}

/** Cosine from sums: 1 for two all-zero tensors, 0 when only one of them is all zeros. */
export function cosineFromSums({ xx, yy, xy }: ErrorSums): number {
  if (xx === 0 && yy === 0) return 1;
  if (xx === 0 || yy === 0) return 0;
  return xy / Math.sqrt(xx * yy);
}

/** SQNR in dB: Infinity when identical, -Infinity when the reference is all zeros but the approximation is not. */
export const sqnrDb = (reference: ArrayLike<number>, approx: ArrayLike<number>): number =>
  sqnrFromSums(accumulate(emptySums(), reference, approx));

/** Cosine similarity: 1 for two all-zero tensors, 0 when only one of them is all zeros. */
export const cosineSimilarity = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  cosineFromSums(accumulate(emptySums(), a, b, 'cosine similarity'));
