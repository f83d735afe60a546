// The im2col job: the engine's im2col + GEMM over the whole layer (counters, memory), with the trace of the
// first patches of image 0, group 0 — every one of a small layer — and the GEMM's output for those columns.
import { convIm2col, convShape, Recorder, type Im2colEvent, type OpCounts } from '../../engine';
import { stageReporter, type JobProgress, type LayerInput } from './stages';

/** Patches (columns) traced at most, and values of the traced columns at most. */
export const PATCH_LIMIT = 4096;
export const PATCH_VALUES = 150_000;

export type PatchData = Extract<Im2colEvent, { kind: 'patch' }>['data'];

export interface Im2colRun {
  /** Columns 0 … patches.length − 1 of the lowered matrix of image 0, group 0, as the engine wrote them. */
  patches: PatchData[];
  /** Rows of the lowered matrix ((C/g)·Kh·Kw) and columns (Ho·Wo). */
  rows: number;
  cols: number;
  /** Output channels of group 0 (rows of the GEMM's result). */
  gemmRows: number;
  /** The GEMM's result for the traced columns, bias included: gemmRows × patches.length, row-major. */
  output: Float32Array;
  counts: OpCounts;
  /** Elements of the engine's im2col buffer (from its counters) and of the input slice one group reads. */
  loweredElements: number;
  inputElements: number;
}

/** Columns traced for a lowered matrix of `rows` × `cols`: all of a small one, at least 64 of a tall one. */
export const tracedPatches = (rows: number, cols: number) =>
  Math.min(cols, PATCH_LIMIT, Math.max(64, Math.floor(PATCH_VALUES / rows)));

export function runIm2col(layer: LayerInput, onProgress?: (p: JobProgress) => void): Im2colRun {
  const { x, w, bias, params } = layer;
  const geometry = convShape(x.dims, w.dims, params);
  const rows = geometry.cg * geometry.kh * geometry.kw;
  const cols = geometry.oh * geometry.ow;
  const shown = tracedPatches(rows, cols);
  // Patches only: the GEMM's output is read from the result, for the traced columns.
  const recorder = new Recorder<Im2colEvent>(
    shown,
    (e) => e.kind === 'patch' && e.data.n === 0 && e.data.g === 0 && e.data.p! < shown,
  );
  stageReporter(1, onProgress)('im2col');
  const { output, counts, shape: s } = convIm2col(x, w, bias, params, { recorder });
  const gemm = new Float32Array(s.mg * shown);
  for (let m = 0; m < s.mg; m++) gemm.set(output.data.subarray(m * cols, m * cols + shown), m * shown);
  return {
    patches: recorder.events.flatMap((e) => (e.kind === 'patch' ? [e.data] : [])),
    rows,
    cols,
    gemmRows: s.mg,
    output: gemm,
    counts,
    loweredElements: counts.buffers.find((b) => b.name === 'im2col matrix')?.elements ?? 0,
    inputElements: s.cg * s.h * s.w,
  };
}
