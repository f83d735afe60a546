// A small seeded pseudo-random generator (mulberry32, a 32-bit state mixer by Tommy Ettinger), so that
// inputs, simulations and tests are reproducible from a seed. Not for cryptography.

/** Returns a function giving uniform floats in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills `out` with uniform values in [min, max) drawn from a generator seeded with `seed`. */
export function fillUniform(out: Float32Array, seed: number, min = 0, max = 1): Float32Array {
  const next = seededRandom(seed);
  for (let i = 0; i < out.length; i++) out[i] = min + (max - min) * next();
  return out;
}
