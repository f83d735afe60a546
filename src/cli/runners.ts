// What `quantize` runs the float and quantized models with. By default onnxruntime-web's Node build — the same
// WebAssembly runtime, behind the same createOrtRunner, that the quantization Worker runs in the page — so the
// command line and the page calibrate on identical activations and write identical files. `interpreter` is the
// engine's reference interpreter: the oracle, slower, and different from onnxruntime in the last bits of a sum.
// This file is the one place the CLI reaches beyond the engine (see eslint.config.js).
import * as ort from 'onnxruntime-web';
import { interpreterRunner, type ModelRunner } from '../engine/index';
import { createOrtRunner } from '../workers/ortRunner';
import { CliError } from './command';

export const RUNNERS = ['ort', 'interpreter'] as const;
export type RunnerKind = (typeof RUNNERS)[number];

export function runnerKind(value: string | undefined): RunnerKind {
  const kind = value ?? 'ort';
  if (!(RUNNERS as readonly string[]).includes(kind))
    throw new CliError(`--runner must be one of ${RUNNERS.join(', ')}, got "${kind}"`);
  return kind as RunnerKind;
}

/** The runner of that kind (onnxruntime-web starts its WebAssembly runtime on the first model it loads). */
export function createRunner(kind: RunnerKind): ModelRunner {
  return kind === 'interpreter' ? interpreterRunner() : createOrtRunner(ort);
}
