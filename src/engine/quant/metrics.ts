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

/** SQNR in dB: Infinity when identical, -Infinity when the reference is all zeros but the approximation is not. */
export function sqnrDb(reference: ArrayLike<number>, approx: ArrayLike<number>): number {
  checkPair(reference, approx, 'SQNR');
  let signal = 0,
    noise = 0;
  for (let i = 0; i < reference.length; i++) {
    signal += reference[i] * reference[i];
    const d = reference[i] - approx[i];
    noise += d * d;
  }
  if (noise === 0) return Infinity;
  return 10 * Math.log10(signal / noise);
}

/** Cosine similarity: 1 for two all-zero tensors, 0 when only one of them is all zeros. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkPair(a, b, 'cosine similarity');
  let dot = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  if (aa === 0 && bb === 0) return 1;
  if (aa === 0 || bb === 0) return 0;
  return dot / Math.sqrt(aa * bb);
}
