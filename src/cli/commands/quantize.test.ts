import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  decodeModel,
  digitsToModelInput,
  encodeModel,
  parseDigitSet,
  quantizeModel,
  writeNpy,
  type DigitsPreprocessing,
} from '../../engine/index';
import { readCalibration } from '../calibration';
import { CliError } from '../command';
import { createRunner } from '../runners';
import { quantize, type QuantizeCliReport } from './quantize';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-quantize-'));
afterAll(() => fs.rmSync(tmp, { recursive: true }));
afterEach(() => vi.restoreAllMocks());

const cnn = 'public/models/digits-cnn.onnx';
const preprocessing: DigitsPreprocessing = {
  kind: 'digits',
  layout: 'NCHW',
  size: 8,
  divideBy: 16,
  upsample: 1,
};

/** Two batches of four test digits, as .npy files of the model's input. */
function calibrationDir(): string {
  const dir = path.join(tmp, 'calib');
  fs.mkdirSync(dir, { recursive: true });
  const test = parseDigitSet(new Uint8Array(fs.readFileSync('public/data/digits-test.bin')));
  for (const k of [0, 1]) {
    const images = {
      ...test.images,
      dims: [4, 8, 8],
      data: test.images.data.subarray(k * 256, (k + 1) * 256),
    };
    fs.writeFileSync(path.join(dir, `input_${k}.npy`), writeNpy(digitsToModelInput(images, preprocessing)));
  }
  return dir;
}

async function runJson(args: string[]): Promise<QuantizeCliReport> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  expect(await quantize.run([...args, '--json'])).toBe(0);
  vi.restoreAllMocks();
  return JSON.parse(out) as QuantizeCliReport;
}

describe('cli quantize', () => {
  it('writes the same model bytes as the library call on onnxruntime-web, and reports sizes and per-layer SQNR', async () => {
    const dir = calibrationDir();
    const out = path.join(tmp, 'cnn-int8.onnx');
    const report = await runJson([cnn, out, '--calibration', dir, '--method', 'percentile']);
    const model = decodeModel(new Uint8Array(fs.readFileSync(cnn)));
    const { batches } = readCalibration(dir, new Uint8Array(fs.readFileSync(cnn)), model.graph);
    expect(batches.map((b) => b.input.dims)).toEqual([
      [4, 1, 8, 8],
      [4, 1, 8, 8],
    ]);
    const library = await quantizeModel(model, batches, { method: 'percentile' }, createRunner('ort'));
    expect(new Uint8Array(fs.readFileSync(out))).toEqual(new Uint8Array(encodeModel(library.model)));
    expect(report).toMatchObject({
      runner: 'ort',
      bytesBefore: library.report.bytesBefore,
      bytesAfter: fs.statSync(out).size,
      inputFileBytes: fs.statSync(cnn).size,
      method: 'percentile',
      quantizedNodes: 8,
      calibrationBatches: 2,
    });
    expect(report.layers.map((l) => l.name)).toEqual(library.report.layers.map((l) => l.name));
    report.layers.forEach((l, i) => expect(l.sqnrDb).toBe(library.report.layers[i].sqnrDb));
    expect(report.ms).toBeGreaterThan(0);
  });

  it('--runner interpreter calibrates on the reference interpreter, the library default', async () => {
    const dir = calibrationDir();
    const out = path.join(tmp, 'cnn-int8-interpreter.onnx');
    const report = await runJson([cnn, out, '--calibration', dir, '--runner', 'interpreter']);
    expect(report.runner).toBe('interpreter');
    const model = decodeModel(new Uint8Array(fs.readFileSync(cnn)));
    const { batches } = readCalibration(dir, new Uint8Array(fs.readFileSync(cnn)), model.graph);
    const library = await quantizeModel(model, batches, { method: 'minmax' });
    expect(new Uint8Array(fs.readFileSync(out))).toEqual(new Uint8Array(encodeModel(library.model)));
  });

  it('passes the options on: per-tensor, symmetric, keep-float, compact names', async () => {
    const out = path.join(tmp, 'cnn-options.onnx');
    const args = [
      '--calibration',
      calibrationDir(),
      '--per-tensor',
      '--symmetric',
      '--keep-float',
      'first,last',
      '--compact-names',
    ];
    const report = await runJson([cnn, out, ...args]);
    expect(
      report.floatNodes.filter((n) => n.reason.startsWith('kept in float')).map((n) => n.opType),
    ).toEqual(['Conv', 'Gemm']);
    const q = decodeModel(new Uint8Array(fs.readFileSync(out)));
    // inserted values by short ids; the float layers kept (first and last) keep their own weights
    const names = [...q.graph.initializers.keys()];
    expect(names.filter((n) => !/^t\d+_(q|s|zp)$/.test(n)).sort()).toEqual(
      ['onnx::Conv_39', 'onnx::Conv_40', 'fc2.bias', 'fc2.weight'].sort(),
    );
    const dtypes = [...q.graph.initializers].filter(([n]) => n.endsWith('_zp')).map(([, t]) => t.dtype);
    expect(new Set(dtypes)).toEqual(new Set(['int8'])); // symmetric activations: int8 zero points
    expect(q.graph.nodes.some((n) => n.opType === 'DequantizeLinear' && 'axis' in n.attributes)).toBe(false);
  });

  it('builtin:digits follows the zoo recipe: the calibration subset, or seeded random inputs for a synthetic model', () => {
    const read = (file: string) => {
      const bytes = new Uint8Array(fs.readFileSync(file));
      return readCalibration('builtin:digits', bytes, decodeModel(bytes).graph);
    };
    const digits = read('public/models/digits-mobilenet.onnx');
    expect(digits.batches.map((b) => b.input.dims)).toEqual([
      [50, 1, 32, 32],
      [50, 1, 32, 32],
    ]);
    expect(digits.analysis).toBeUndefined();
    expect(digits.source).toMatch(/100 images of public\/data\/digits-calib\.bin/);
    const synthetic = read('public/models/mobilenetv2-224.onnx');
    expect(synthetic.batches.map((b) => b.input.dims)).toEqual([
      [2, 3, 224, 224],
      [2, 3, 224, 224],
    ]);
    expect(synthetic.analysis).toEqual([synthetic.batches[0]]);
    expect(synthetic.source).toMatch(/4 seeded standard-normal inputs .* no data set/);
  });

  it('fails clearly on bad usage', async () => {
    await expect(quantize.run([cnn])).rejects.toThrow(/needs <in.onnx> and <out.onnx>/);
    await expect(quantize.run([cnn, path.join(tmp, 'x.onnx'), '--method', 'kl'])).rejects.toThrow(
      /--method must be/,
    );
    await expect(quantize.run([cnn, path.join(tmp, 'x.onnx'), '--runner', 'onnx'])).rejects.toThrow(
      /--runner must be one of ort, interpreter/,
    );
    await expect(quantize.run([cnn, path.join(tmp, 'x.onnx'), '--keep-float', 'middle'])).rejects.toThrow(
      /--keep-float takes/,
    );
    await expect(quantize.run([cnn, path.join(tmp, 'x.onnx'), '--calibration', tmp])).rejects.toThrow(
      /no \.npy or \.pb files/,
    );
    const copy = path.join(tmp, 'not-in-zoo.onnx');
    fs.writeFileSync(
      copy,
      encodeModel({ ...decodeModel(new Uint8Array(fs.readFileSync(cnn))), producerName: 'x' }),
    );
    await expect(quantize.run([copy, path.join(tmp, 'x.onnx')])).rejects.toThrow(CliError);
    await expect(quantize.run([copy, path.join(tmp, 'x.onnx')])).rejects.toThrow(/needs a model of the zoo/);
  });
});
