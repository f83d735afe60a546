// onnxruntime-node as an independent reference for tests and scripts: runs ONNX bytes on engine tensors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Tensor } from '../../src/engine/index';

export function toOrt(t: Tensor): ort.Tensor {
  switch (t.dtype) {
    case 'int64':
      return new ort.Tensor(
        'int64',
        BigInt64Array.from(t.data as Float64Array, (v) => BigInt(v)),
        t.dims,
      );
    case 'uint64':
      return new ort.Tensor(
        'uint64',
        BigUint64Array.from(t.data as Float64Array, (v) => BigInt(v)),
        t.dims,
      );
    case 'float16':
      throw new Error('float16 feeds are not converted here');
    default:
      return new ort.Tensor(t.dtype as 'float32', t.data as Float32Array, t.dims);
  }
}

export function fromOrt(t: ort.Tensor): Tensor {
  const dims = [...t.dims];
  if (t.type === 'int64' || t.type === 'uint64')
    return { dtype: t.type, dims, data: Float64Array.from(t.data as BigInt64Array, (v) => Number(v)) };
  return { dtype: t.type as 'float32', dims, data: (t.data as Float32Array).slice() };
}

/**
 * Runs the model in onnxruntime and returns its outputs. `optimization` 'disabled' runs the plain kernels
 * of each node; 'all' is what an application gets by default (fusions and layout changes included).
 */
export async function runOrt(
  model: Uint8Array,
  feeds: Record<string, Tensor>,
  optimization: 'disabled' | 'all' = 'disabled',
): Promise<Record<string, Tensor>> {
  // errors only: models straight out of a single pass may keep initializers nobody reads, which it warns about
  const session = await ort.InferenceSession.create(model, {
    graphOptimizationLevel: optimization,
    logSeverityLevel: 3,
  });
  try {
    const inputs = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, toOrt(v)]));
    const outputs = await session.run(inputs);
    return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, fromOrt(v)]));
  } finally {
    await session.release();
  }
}

/**
 * The model as onnxruntime-node's graph optimizer leaves it at `level` (its `optimizedModelFilePath`, written
 * to a temporary directory and read back): the reference for node counts after optimization.
 */
export async function ortOptimized(model: Uint8Array, level: 'basic' | 'extended'): Promise<Uint8Array> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ort-optimized-'));
  const file = path.join(dir, 'model.onnx');
  try {
    const session = await ort.InferenceSession.create(model, {
      graphOptimizationLevel: level,
      optimizedModelFilePath: file,
      logSeverityLevel: 3,
    });
    await session.release();
    return new Uint8Array(fs.readFileSync(file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
