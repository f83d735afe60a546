// The im2col stepper's timeline, from the engine's im2col + GEMM run in the kernels Worker
// (workers/kernelRuns/im2col.ts): first each traced receptive-field patch of image 0, group 0 becomes a column
// of the lowered matrix (the engine's 'patch' events), then the GEMM W · lowered fills the output one output
// channel (row) at a time. Values and counts are the engine's; this file only indexes them.
import type { Im2colRun } from '../../workers/kernelRuns/im2col';

export type Im2colStep = { phase: 'patch'; p: number } | { phase: 'gemm'; row: number };

/** Step i of the timeline: the patches first, then one GEMM step per output channel of the group. */
export function stepAt(run: Im2colRun, i: number): Im2colStep {
  return i < run.patches.length ? { phase: 'patch', p: i } : { phase: 'gemm', row: i - run.patches.length };
}

export const stepCount = (run: Im2colRun) => run.patches.length + run.gemmRows;

/** The GEMM's output (channel row, column p), or null for a column past the traced ones. */
export const outputAt = (run: Im2colRun, row: number, p: number): number | null =>
  p < run.patches.length ? run.output[row * run.patches.length + p] : null;

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
