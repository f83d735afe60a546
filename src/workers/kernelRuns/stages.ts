// What every kernel-widget job shares: the layer it runs (tensors and attributes, sent to the Worker by
// structured clone) and its progress, reported before each engine run of the job as "stage `done` + 1 of
// `total` is `key`".
import type { ConvParams, Tensor } from '../../engine';

export interface LayerInput {
  x: Tensor<'float32'>;
  w: Tensor<'float32'>;
  bias: Tensor<'float32'> | null;
  params: ConvParams;
}

/** The engine runs a job can make, named so that the page can word them in the reader's language. */
export const CONV_STAGES = [
  'direct',
  'im2col',
  'winograd',
  'indirect',
  'reference',
  'quantize',
  'integer-reference',
  'errors',
] as const;
export type ConvStage = (typeof CONV_STAGES)[number];

export interface JobProgress {
  done: number;
  total: number;
  key: string;
}

/** Reports the stages of a job in order: call it with each stage just before running it. */
export function stageReporter(total: number, onProgress?: (p: JobProgress) => void) {
  let done = 0;
  return (key: ConvStage) => onProgress?.({ done: done++, total, key });
}
