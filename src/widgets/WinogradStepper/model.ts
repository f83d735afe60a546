// What the Winograd stepper replays, all from engine runs: the 1-D F(2,3) trace (filter, then tiles) next to
// the traced 1-D direct correlation, and the 2-D F(2×2,3×3) / F(4×4,3×3) trace of output channel 0 (filter
// transforms, input-tile transforms, the α² GEMMs, output transforms) next to the traced direct convolution;
// multiplication counts from the engine's counters, errors against its float64 reference.
import {
  conv1dDirect,
  conv1dReference64,
  conv1dWinograd,
  convDirect,
  convReference64,
  convWinograd,
  numericError,
  Recorder,
  seededRandom,
  WINOGRAD,
  type DirectEvent,
  type EventProbe,
  type Direct1dEvent,
  type NumericError,
  type OpCounts,
  type Winograd1dEvent,
  type WinogradEvent,
  type WinogradMatrices,
  type WinogradVariant,
} from '../../engine';
import type { PickedLayer } from '../kernels-common/layerSpec';

/** Tiles of channel 0 kept in the 2-D trace: a large layer is shown in part. */
export const MAX_TILES = 64;

export interface ErrorRow {
  fp32: NumericError;
  fp16: NumericError;
}

// ---- 1-D F(2,3) ----

export interface Run1d {
  signal: Float32Array;
  filter: number[];
  matrices: WinogradMatrices;
  events: Winograd1dEvent[];
  direct: Direct1dEvent[];
  winogradCounts: OpCounts;
  directCounts: OpCounts;
  output: Float32Array;
  errors: { direct: NumericError; winograd: ErrorRow };
}

/** A seeded signal of `length` samples and a seeded 3-tap filter, uniform in [−1, 1). */
export function run1d(length: number, seed: number, fp16: boolean): Run1d {
  const random = seededRandom(seed);
  const signal = Float32Array.from({ length }, () => random() * 2 - 1);
  const filter = Array.from({ length: 3 }, () => Math.fround(random() * 2 - 1));
  const recorder = new Recorder<Winograd1dEvent>();
  const directRecorder = new Recorder<Direct1dEvent>();
  const winograd = conv1dWinograd(signal, filter, { fp16, recorder });
  const direct = conv1dDirect(signal, filter, { recorder: directRecorder });
  const ref = conv1dReference64(signal, filter);
  const other = conv1dWinograd(signal, filter, { fp16: !fp16 });
  const [fp32Out, fp16Out] = fp16 ? [other.output, winograd.output] : [winograd.output, other.output];
  return {
    signal,
    filter,
    matrices: WINOGRAD['F(2,3)'],
    events: recorder.events,
    direct: directRecorder.events,
    winogradCounts: winograd.counts,
    directCounts: direct.counts,
    output: winograd.output,
    errors: {
      direct: numericError(direct.output, ref),
      winograd: { fp32: numericError(fp32Out, ref), fp16: numericError(fp16Out, ref) },
    },
  };
}

/** Multiplications done up to step i: Winograd's element-wise products of the tiles so far, and the direct
 * correlation's for the same outputs (3 per output, as its trace lists them). */
export function running1d(run: Run1d, i: number): { winograd: number; direct: number } {
  let winograd = 0;
  let outputs = 0;
  for (const e of run.events.slice(0, i + 1))
    if (e.kind === 'tile') {
      winograd += e.data.p.length;
      outputs += e.data.count;
    }
  const direct = run.direct.slice(0, outputs).reduce((s, e) => s + e.data.d.length, 0);
  return { winograd, direct };
}

// ---- 2-D F(m×m, 3×3) ----

export interface Run2d {
  variant: WinogradVariant;
  matrices: WinogradMatrices;
  events: WinogradEvent[];
  /** The direct convolution's trace of output channel 0 (its taps give the direct multiplications per output). */
  direct: DirectEvent[];
  winogradCounts: OpCounts;
  directCounts: OpCounts;
  /** Output tiles per row and column, and how many tiles the layer has (image 0). */
  tilesH: number;
  tilesW: number;
  tiles: number;
}

/** Output channel 0 of image 0, its first MAX_TILES tiles; the input tiles of every channel they sum over. */
function keep(e: EventProbe<WinogradEvent>): boolean {
  switch (e.kind) {
    case 'filter':
      return e.data.m === 0;
    case 'gemm':
      return e.data.g === 0;
    case 'input':
      return e.data.n === 0 && e.data.t! < MAX_TILES;
    case 'output':
      return e.data.m === 0 && e.data.n === 0 && e.data.t! < MAX_TILES;
  }
}

export function run2d(layer: PickedLayer, variant: WinogradVariant, fp16: boolean): Run2d {
  const recorder = new Recorder<WinogradEvent>(50_000, keep);
  const directRecorder = new Recorder<DirectEvent>(50_000, (e) => e.data.m === 0 && e.data.n === 0);
  const winograd = convWinograd(layer.x, layer.w, layer.bias, layer.params, { variant, fp16, recorder });
  const direct = convDirect(layer.x, layer.w, layer.bias, layer.params, { recorder: directRecorder });
  const tile = WINOGRAD[variant].m;
  const tilesH = Math.ceil(layer.shape.oh / tile);
  const tilesW = Math.ceil(layer.shape.ow / tile);
  return {
    variant,
    matrices: WINOGRAD[variant],
    events: recorder.events,
    direct: directRecorder.events,
    winogradCounts: winograd.counts,
    directCounts: direct.counts,
    tilesH,
    tilesW,
    tiles: tilesH * tilesW,
  };
}

/** Errors against the float64 reference: direct, and each Winograd variant in float32 and with float16 transforms. */
export function errors2d(layer: PickedLayer): { direct: NumericError } & Record<WinogradVariant, ErrorRow> {
  const { x, w, bias, params } = layer;
  const ref = convReference64(x, w, bias, params);
  const err = (variant: WinogradVariant, fp16: boolean) =>
    numericError(convWinograd(x, w, bias, params, { variant, fp16 }).output.data, ref);
  return {
    direct: numericError(convDirect(x, w, bias, params).output.data, ref),
    'F(2,3)': { fp32: err('F(2,3)', false), fp16: err('F(2,3)', true) },
    'F(4,3)': { fp32: err('F(4,3)', false), fp16: err('F(4,3)', true) },
  };
}

/** Multiplications up to step i for output channel 0: Winograd's (the output events' own counts) and the
 * direct convolution's for the same output elements (the taps of its trace). */
export function running2d(run: Run2d, i: number, ow: number): { winograd: number; direct: number } {
  let winograd = 0;
  const covered = new Set<number>();
  for (const e of run.events.slice(0, i + 1))
    if (e.kind === 'output') {
      winograd += e.data.mults;
      for (let r = 0; r < e.data.rows; r++)
        for (let c = 0; c < e.data.cols; c++) covered.add((e.data.oh0 + r) * ow + e.data.ow0 + c);
    }
  const direct = run.direct.reduce(
    (s, e) => s + (covered.has(e.data.oh * ow + e.data.ow) ? e.data.taps.length : 0),
    0,
  );
  return { winograd, direct };
}

/** The finished output elements of channel 0 at step i: value by flat index oh·Wo + ow. */
export function outputsAt(run: Run2d, i: number, ow: number): Map<number, number> {
  const done = new Map<number, number>();
  const tile = run.matrices.m;
  for (const e of run.events.slice(0, i + 1))
    if (e.kind === 'output')
      for (let r = 0; r < e.data.rows; r++)
        for (let c = 0; c < e.data.cols; c++)
          done.set((e.data.oh0 + r) * ow + e.data.ow0 + c, e.data.y[r * tile + c]);
  return done;
}
