// The Winograd jobs. `runWinograd`: the engine's 2-D F(2×2, 3×3) or F(4×4, 3×3) over the whole layer
// (counters), with the trace of output channel 0 of image 0 — its filter transforms, the input tiles of its
// group's channels, the α² GEMMs of group 0, its first MAX_TILES output tiles — and the direct convolution's
// multiplications for the same outputs. `winogradErrors`: every algorithm's error on the whole layer against
// the float64 reference.
import {
  convDirect,
  convReference64,
  convShape,
  convWinograd,
  numericError,
  Recorder,
  WINOGRAD,
  type ConvShape,
  type DirectEvent,
  type EventProbe,
  type NumericError,
  type OpCounts,
  type WinogradEvent,
  type WinogradVariant,
} from '../../engine';
import { stageReporter, type JobProgress, type LayerInput } from './stages';

/** Tiles of channel 0 kept in the 2-D trace: a large layer is shown in part. */
export const MAX_TILES = 64;

/** Direct multiplications of one output element of channel 0 (the taps of its trace event). */
export interface DirectMults {
  oh: number;
  ow: number;
  mults: number;
}

export interface WinogradRun {
  variant: WinogradVariant;
  fp16: boolean;
  events: WinogradEvent[];
  /** The direct convolution's multiplications for the output elements of the traced tiles. */
  direct: DirectMults[];
  winogradCounts: OpCounts;
  directCounts: OpCounts;
  /** Output tiles per row and column, and how many tiles the layer has (image 0). */
  tilesH: number;
  tilesW: number;
  tiles: number;
}

export interface ErrorRow {
  fp32: NumericError;
  fp16: NumericError;
}

export type WinogradErrors = { direct: NumericError } & Record<WinogradVariant, ErrorRow>;

/** Output channel 0 of image 0, its first MAX_TILES tiles; the input tiles of every channel of its group. */
const keep =
  (s: ConvShape) =>
  (e: EventProbe<WinogradEvent>): boolean => {
    switch (e.kind) {
      case 'filter':
        return e.data.m === 0;
      case 'gemm':
        return e.data.g === 0;
      case 'input':
        return e.data.n === 0 && e.data.c! < s.cg && e.data.t! < MAX_TILES;
      case 'output':
        return e.data.m === 0 && e.data.n === 0 && e.data.t! < MAX_TILES;
    }
  };

export function runWinograd(
  layer: LayerInput,
  variant: WinogradVariant,
  fp16: boolean,
  onProgress?: (p: JobProgress) => void,
): WinogradRun {
  const { x, w, bias, params } = layer;
  const s = convShape(x.dims, w.dims, params);
  const tile = WINOGRAD[variant].m;
  const tilesH = Math.ceil(s.oh / tile);
  const tilesW = Math.ceil(s.ow / tile);
  const traced = (oh: number, ow: number) =>
    Math.floor(oh / tile) * tilesW + Math.floor(ow / tile) < MAX_TILES;
  const recorder = new Recorder<WinogradEvent>(100_000, keep(s));
  const directRecorder = new Recorder<DirectEvent>(
    MAX_TILES * tile * tile,
    ({ data: d }) => d.m === 0 && d.n === 0 && traced(d.oh!, d.ow!),
  );
  const stage = stageReporter(2, onProgress);
  stage('winograd');
  const winograd = convWinograd(x, w, bias, params, { variant, fp16, recorder });
  stage('direct');
  const direct = convDirect(x, w, bias, params, { recorder: directRecorder });
  return {
    variant,
    fp16,
    events: recorder.events,
    direct: directRecorder.events.map(({ data }) => ({ oh: data.oh, ow: data.ow, mults: data.taps.length })),
    winogradCounts: winograd.counts,
    directCounts: direct.counts,
    tilesH,
    tilesW,
    tiles: tilesH * tilesW,
  };
}

/** Errors against the float64 reference: direct, and each Winograd variant in float32 and with float16 transforms. */
export function winogradErrors(layer: LayerInput, onProgress?: (p: JobProgress) => void): WinogradErrors {
  const { x, w, bias, params } = layer;
  const stage = stageReporter(6, onProgress);
  stage('reference');
  const ref = convReference64(x, w, bias, params);
  const err = (variant: WinogradVariant, fp16: boolean) => {
    stage('winograd');
    return numericError(convWinograd(x, w, bias, params, { variant, fp16 }).output.data, ref);
  };
  stage('direct');
  const direct = numericError(convDirect(x, w, bias, params).output.data, ref);
  return {
    direct,
    'F(2,3)': { fp32: err('F(2,3)', false), fp16: err('F(2,3)', true) },
    'F(4,3)': { fp32: err('F(4,3)', false), fp16: err('F(4,3)', true) },
  };
}
