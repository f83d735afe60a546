// What the Winograd stepper replays, all from engine runs: the 1-D F(2,3) trace (filter, then tiles) next to
// the traced 1-D direct correlation — a signal of at most 32 samples, run here on the page — and the 2-D
// F(2×2,3×3) / F(4×4,3×3) trace of output channel 0 (filter transforms, input-tile transforms, the α² GEMMs,
// output transforms) next to the direct convolution's multiplications, run on the whole layer in the kernels
// Worker (workers/kernelRuns/winograd.ts). Counts come from the engine's counters, errors against its float64
// reference.
import {
  conv1dDirect,
  conv1dReference64,
  conv1dWinograd,
  numericError,
  Recorder,
  seededRandom,
  WINOGRAD,
  type Direct1dEvent,
  type NumericError,
  type OpCounts,
  type Winograd1dEvent,
  type WinogradMatrices,
} from '../../engine';
import type { ErrorRow, WinogradRun } from '../../workers/kernelRuns/winograd';

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

/** Multiplications up to step i for output channel 0: Winograd's (the output events' own counts) and the
 * direct convolution's for the same output elements (the taps of its trace). */
export function running2d(run: WinogradRun, i: number, ow: number): { winograd: number; direct: number } {
  let winograd = 0;
  const covered = new Set<number>();
  for (const e of run.events.slice(0, i + 1))
    if (e.kind === 'output') {
      winograd += e.data.mults;
      for (let r = 0; r < e.data.rows; r++)
        for (let c = 0; c < e.data.cols; c++) covered.add((e.data.oh0 + r) * ow + e.data.ow0 + c);
    }
  const direct = run.direct.reduce((s, d) => s + (covered.has(d.oh * ow + d.ow) ? d.mults : 0), 0);
  return { winograd, direct };
}

/** The finished output elements of channel 0 at step i: value by flat index oh·Wo + ow. */
export function outputsAt(run: WinogradRun, i: number, ow: number): Map<number, number> {
  const done = new Map<number, number>();
  const tile = WINOGRAD[run.variant].m;
  for (const e of run.events.slice(0, i + 1))
    if (e.kind === 'output')
      for (let r = 0; r < e.data.rows; r++)
        for (let c = 0; c < e.data.cols; c++)
          done.set((e.data.oh0 + r) * ow + e.data.ow0 + c, e.data.y[r * tile + c]);
  return done;
}
