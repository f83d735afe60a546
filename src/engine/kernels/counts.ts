// Operation counters. Every kernel returns its counts, tallied by the loops that do the work (a loop adds
// its own trip count where it runs), never by a closed formula next to the code: the tests compare these
// tallies with the published formulas and with the operations listed in the kernel's trace.

/** A scratch buffer a kernel allocates besides its input, weights and output. */
export interface BufferUse {
  name: string;
  elements: number;
  bytes: number;
}

export interface OpCounts {
  /** Multiplications of the main computation (MACs of the dot products, or Winograd's element-wise products). */
  mults: number;
  /** Additions of the main computation (one per MAC, plus one per output when a bias is added). */
  adds: number;
  /** Arithmetic of the Winograd transforms (filter, input, output), reported apart from the main work. */
  transformOps: number;
  /** Bytes of all scratch buffers (the sum over `buffers`). */
  extraBytes: number;
  buffers: BufferUse[];
}

export const emptyCounts = (): OpCounts => ({
  mults: 0,
  adds: 0,
  transformOps: 0,
  extraBytes: 0,
  buffers: [],
});

/** Notes a scratch buffer in the counts and returns it, so allocation and accounting happen in one place. */
export function scratch<T extends { length: number; BYTES_PER_ELEMENT: number }>(
  counts: OpCounts,
  name: string,
  buffer: T,
): T {
  noteBuffer(counts, name, buffer.length, buffer.length * buffer.BYTES_PER_ELEMENT);
  return buffer;
}

export function noteBuffer(counts: OpCounts, name: string, elements: number, bytes: number): void {
  counts.buffers.push({ name, elements, bytes });
  counts.extraBytes += bytes;
}
