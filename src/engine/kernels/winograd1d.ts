// 1-D Winograd F(2,3), the first step of the Winograd lesson: two outputs of a 3-tap filter from four inputs
// with four multiplications instead of six (Lavin & Gray 2016, section 4.1):
//   m1 = (d0 − d2) g0,  m2 = (d1 + d2)(g0 + g1 + g2)/2,  m3 = (d2 − d1)(g0 − g1 + g2)/2,  m4 = (d1 − d3) g2
//   y0 = m1 + m2 + m3,  y1 = m2 − m3 − m4
// computed here as y = Aᵀ [(G g) ⊙ (Bᵀ d)] on every tile of a signal ("valid" correlation, no padding).
import { ModelError } from '../errors';
import type { Recorder, TraceEvent } from '../trace/trace';
import { emptyCounts, type OpCounts } from './counts';
import { sparse, transform1d, WINOGRAD } from './winograd-transforms';

export type Winograd1dEvent =
  /** The filter g and its transform u = G g. */
  | TraceEvent<'filter', { g: number[]; u: number[] }>
  /**
   * Tile t: inputs d = signal[2t … 2t+3] (zeros past the end), v = Bᵀ d, products p = u ⊙ v, y = Aᵀ p; the first
   * `count` of y are outputs 2t, 2t+1.
   */
  | TraceEvent<'tile', { t: number; d: number[]; v: number[]; p: number[]; y: number[]; count: number }>;

/** Output i of the direct correlation: the three inputs signal[i … i+2] it multiplies with the filter, and its value. */
export type Direct1dEvent = TraceEvent<'output', { i: number; d: number[]; value: number }>;

export interface Conv1dResult {
  output: Float32Array;
  counts: OpCounts;
}

function check(signal: ArrayLike<number>, filter: ArrayLike<number>): number {
  if (filter.length !== 3)
    throw new ModelError('input', `F(2,3) needs a 3-tap filter, got ${filter.length} taps`);
  if (signal.length < 3)
    throw new ModelError('input', `the signal needs at least 3 samples, got ${signal.length}`);
  return signal.length - 2;
}

function direct1dInto(
  signal: Float32Array,
  filter: ArrayLike<number>,
  output: Float32Array | Float64Array,
  counts: OpCounts,
  recorder?: Recorder<Direct1dEvent>,
): void {
  for (let i = 0; i < output.length; i++) {
    let s = 0;
    for (let k = 0; k < 3; k++) s += signal[i + k] * filter[k];
    output[i] = s;
    counts.mults += 3;
    counts.adds += 3;
    if (recorder && !recorder.full)
      recorder.emit('output', { i, d: Array.from(signal.subarray(i, i + 3)), value: output[i] });
  }
}

/** y[i] = Σ_k signal[i + k] · filter[k] for i < length − 2: 3 multiplications and 3 additions per output. */
export function conv1dDirect(
  signal: Float32Array,
  filter: ArrayLike<number>,
  { recorder }: { recorder?: Recorder<Direct1dEvent> } = {},
): Conv1dResult {
  const output = new Float32Array(check(signal, filter));
  const counts = emptyCounts();
  direct1dInto(signal, filter, output, counts, recorder);
  return { output, counts };
}

/** The same correlation kept in float64: the reference the error of the 1-D Winograd kernel is measured against. */
export function conv1dReference64(signal: Float32Array, filter: ArrayLike<number>): Float64Array {
  const output = new Float64Array(check(signal, filter));
  direct1dInto(signal, filter, output, emptyCounts());
  return output;
}

export function conv1dWinograd(
  signal: Float32Array,
  filter: ArrayLike<number>,
  { fp16 = false, recorder }: { fp16?: boolean; recorder?: Recorder<Winograd1dEvent> } = {},
): Conv1dResult {
  const n = check(signal, filter);
  const { BT, G, AT } = WINOGRAD['F(2,3)'];
  const tiles = Math.ceil(n / 2);
  const counts = emptyCounts();
  const g = { data: Float32Array.from(filter), base: 0, stride: 1 };
  const u = new Float32Array(4);
  counts.transformOps += transform1d(sparse(G), g, { data: u, base: 0, stride: 1 }, 1, fp16);
  recorder?.emit('filter', { g: Array.from(g.data), u: Array.from(u) });

  // d[k][t] = signal[2t + k]: tiles overlap by two samples; the last tile reads zeros past the end.
  const d = new Float32Array(4 * tiles);
  for (let k = 0; k < 4; k++)
    for (let t = 0; t < tiles; t++) d[k * tiles + t] = 2 * t + k < signal.length ? signal[2 * t + k] : 0;
  const v = new Float32Array(4 * tiles);
  counts.transformOps += transform1d(
    sparse(BT),
    { data: d, base: 0, stride: tiles },
    { data: v, base: 0, stride: tiles },
    tiles,
    fp16,
  );
  const p = new Float32Array(4 * tiles);
  for (let k = 0; k < 4; k++) {
    for (let t = 0; t < tiles; t++) p[k * tiles + t] = u[k] * v[k * tiles + t];
    counts.mults += tiles;
  }
  const y = new Float32Array(2 * tiles);
  counts.transformOps += transform1d(
    sparse(AT),
    { data: p, base: 0, stride: tiles },
    { data: y, base: 0, stride: tiles },
    tiles,
    fp16,
  );

  const output = new Float32Array(n);
  for (let t = 0; t < tiles; t++) {
    const count = Math.min(2, n - 2 * t);
    for (let i = 0; i < count; i++) output[2 * t + i] = y[i * tiles + t];
    if (recorder && !recorder.full) {
      const column = (a: Float32Array, rows: number) =>
        Array.from({ length: rows }, (_, k) => a[k * tiles + t]);
      recorder.emit('tile', { t, d: column(d, 4), v: column(v, 4), p: column(p, 4), y: column(y, 2), count });
    }
  }
  return { output, counts };
}
