// The im2col stepper's timeline, from the engine's im2col + GEMM run: first each receptive-field patch of
// image 0, group 0 becomes a column of the lowered matrix (the engine's 'patch' events), then the GEMM
// W · lowered fills the output one output channel (row) at a time. Values and counts are the engine's.
import { convIm2col, Recorder, type Im2colEvent, type OpCounts } from '../../engine';
import type { PickedLayer } from '../kernels-common/layerSpec';

/** Patches kept in the trace (one column each); a larger layer is shown in part. */
export const PATCH_LIMIT = 4096;

type PatchEvent = Extract<Im2colEvent, { kind: 'patch' }>;

export interface Im2colRun {
  /** Columns of the lowered matrix of image 0, group 0, in the order the engine wrote them. */
  patches: PatchEvent['data'][];
  /** Rows of the lowered matrix ((C/g)·Kh·Kw) and columns (Ho·Wo). */
  rows: number;
  cols: number;
  /** Output channels of group 0 (rows of the GEMM's result) and their values (M/g × Ho·Wo), bias included. */
  gemmRows: number;
  output: Float32Array;
  counts: OpCounts;
  /** Elements of the engine's im2col buffer (from its counters) and of the input slice one group reads. */
  loweredElements: number;
  inputElements: number;
}

export function runIm2col(layer: PickedLayer): Im2colRun {
  const recorder = new Recorder<Im2colEvent>(PATCH_LIMIT + 1, (e) => e.data.n === 0 && e.data.g === 0);
  const { output, counts, shape: s } = convIm2col(layer.x, layer.w, layer.bias, layer.params, { recorder });
  // The recorder has room for one more event, the GEMM, after PATCH_LIMIT patches.
  const patches = recorder.events.flatMap((e) => (e.kind === 'patch' ? [e.data] : [])).slice(0, PATCH_LIMIT);
  const gemm = recorder.events.find((e) => e.kind === 'gemm');
  const cols = s.oh * s.ow;
  const buffer = counts.buffers.find((b) => b.name === 'im2col matrix');
  return {
    patches,
    rows: s.cg * s.kh * s.kw,
    cols,
    gemmRows: s.mg,
    // The GEMM event's output when the trace holds it; for a layer too large for the trace, the same values
    // from the run's output tensor (image 0, the first M/g channels).
    output: gemm?.kind === 'gemm' ? Float32Array.from(gemm.data.output) : output.data.slice(0, s.mg * cols),
    counts,
    loweredElements: buffer?.elements ?? 0,
    inputElements: s.cg * s.h * s.w,
  };
}

export type Im2colStep = { phase: 'patch'; p: number } | { phase: 'gemm'; row: number };

/** Step i of the timeline: the patches first, then one GEMM step per output channel of the group. */
export function stepAt(run: Im2colRun, i: number): Im2colStep {
  return i < run.patches.length ? { phase: 'patch', p: i } : { phase: 'gemm', row: i - run.patches.length };
}

export const stepCount = (run: Im2colRun) => run.patches.length + run.gemmRows;

/** Lowered-matrix value (r, column p) as the trace recorded it, or null when column p is not copied yet at step i. */
export function loweredAt(run: Im2colRun, step: Im2colStep, r: number, p: number): number | null {
  const copied = step.phase === 'gemm' || p <= step.p;
  return copied && p < run.patches.length ? run.patches[p].column[r] : null;
}

/** The (channel, kh, kw) a lowered-matrix row stands for: row r = (c·Kh + kh)·Kw + kw (the engine's order). */
export const rowTap = (r: number, kh: number, kw: number) => ({
  c: Math.floor(r / (kh * kw)),
  kh: Math.floor(r / kw) % kh,
  kw: r % kw,
});
