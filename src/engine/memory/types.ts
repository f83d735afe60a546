// The contract of memory planning (chapter 4.8, chapter 6.1): tensor lifetimes in execution order and
// three answers to "how much memory does one inference need": no reuse, a greedy arena, the lower bound.

/** One activation tensor: its size, the execution steps (node indices) it lives through, its arena slot. */
export interface TensorLifetime {
  name: string;
  bytes: number;
  /** Index (in execution order) of the node that produces it; -1 for a graph input. */
  start: number;
  /** Index of its last consumer; nodes.length for a graph output (it must survive the run). */
  end: number;
  /** Byte offset in the planned arena. */
  offset: number;
}

/** An output that could reuse an input's buffer: an element-wise node whose input dies at that node. */
export interface InPlaceOpportunity {
  node: string;
  input: string;
  output: string;
  bytes: number;
}

export interface MemoryPlan {
  /** Every tensor in its own buffer: the sum of all activation bytes. */
  naiveBytes: number;
  /** Arena size of the greedy-by-size plan. */
  plannedBytes: number;
  /** Max over steps of the bytes live at that step: no plan can do better. */
  lowerBoundBytes: number;
  tensors: TensorLifetime[];
  /** Node names in the execution order the steps refer to. */
  order: string[];
  inPlace: InPlaceOpportunity[];
  /** Bytes live at each step from -1 (graph inputs only) to order.length (outputs only): liveBytes[step + 1]. */
  liveBytes: number[];
  /** Offsets are multiples of this; every tensor counts at its size rounded up to it in all three totals. */
  alignment: number;
  /** The numbers symbolic dims were given (batch for the leading dims of the inputs, 1 for the rest). */
  symbols: Record<string, number>;
  /** Activations whose size is unknown (behind an unsupported op): counted as 0 bytes, so totals are low. */
  unsized: string[];
}
