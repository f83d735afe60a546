import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeModel, seededRandom, randomUniformTensor, type Model } from '../../engine/index';
import { CliError } from '../command';
import { kernels, measureKernels, modelFile, type KernelsReport } from './kernels';

/** Runs the command with --json and returns the parsed report. */
async function runJson(args: string[]): Promise<KernelsReport> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  try {
    expect(await kernels.run([...args, '--json'])).toBe(0);
  } finally {
    log.mockRestore();
  }
  return JSON.parse(out.join('\n')) as KernelsReport;
}

const measured = (r: KernelsReport) =>
  Object.fromEntries(r.results.flatMap((row) => ('mults' in row ? [[row.algo, row]] : [])));

describe('cli kernels', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports every algorithm with counts, time and error; Winograd shows 2.25× and 4× on an aligned layer', async () => {
    const report = await runJson(['--shape', '1,4,10,10,3,3,3']);
    expect(report.layer.output).toEqual([1, 3, 8, 8]);
    const rows = measured(report);
    expect(Object.keys(rows)).toHaveLength(9);
    for (const row of Object.values(rows)) {
      expect(row).toEqual(
        expect.objectContaining({
          mults: expect.any(Number),
          adds: expect.any(Number),
          transformOps: expect.any(Number),
          extraBytes: expect.any(Number),
        }),
      );
      expect(row.ms).toBeGreaterThan(0);
      expect(row.maxAbsErr).toBeLessThan(
        row.algo === 'indirect-uint8' ? 0.2 : row.algo.endsWith('fp16') ? 0.05 : 1e-5,
      );
    }
    expect(rows.direct.mults / rows['winograd-F(2x2,3x3)'].mults).toBe(2.25);
    expect(rows.direct.mults / rows['winograd-F(4x4,3x3)'].mults).toBe(4);
    expect(rows['im2col+gemm-blocked'].extraBytes).toBeGreaterThan(4 * 4 * 9 * 64);
  });

  it('reports Winograd as not applicable to a strided layer', async () => {
    const report = await runJson(['--shape', '1,2,9,9,2,3,3', '--stride', '2', '--pad', '1']);
    expect(report.layer.params).toMatchObject({ strides: [2, 2], pads: [1, 1, 1, 1] });
    const skipped = report.results.filter((r) => 'notApplicable' in r).map((r) => r.algo);
    expect(skipped).toEqual([
      'winograd-F(2x2,3x3)',
      'winograd-F(4x4,3x3)',
      'winograd-F(2x2,3x3)-fp16',
      'winograd-F(4x4,3x3)-fp16',
    ]);
  });

  it('takes a layer with its real weights from a model file', async () => {
    const random = seededRandom(5);
    const w = randomUniformTensor(random, [4, 3, 3, 3]);
    const model: Model = {
      irVersion: 8, opsets: { '': 17 }, producerName: 'test', producerVersion: '', metadata: {},
      graph: {
        name: 'g', valueInfo: new Map(), initializers: new Map([['w', w]]),
        inputs: [{ name: 'x', type: { dtype: 'float32', shape: [1, 3, 12, 12] } }],
        outputs: [{ name: 'y', type: { dtype: 'float32', shape: null } }],
        nodes: [{ name: 'stem', opType: 'Conv', domain: '', inputs: ['x', 'w'], outputs: ['y'], attributes: { pads: { type: 'ints', value: [1, 1, 1, 1] } } }],
      },
    }; // prettier-ignore
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kernels-')), 'one.onnx');
    fs.writeFileSync(file, encodeModel(model));
    const report = await runJson(['--model', file, '--layer', 'stem']);
    expect(report.layer).toMatchObject({
      input: [1, 3, 12, 12],
      weight: [4, 3, 3, 3],
      bias: false,
      output: [1, 4, 12, 12],
    });
    expect(report.layer.source).toContain('real weights');
    await expect(kernels.run(['--model', file])).rejects.toThrow(
      /needs --layer; the Conv layers of .*: stem/,
    );
    await expect(kernels.run(['--model', file, '--layer', 'nope'])).rejects.toThrow(CliError);
  });

  it('runs a layer of a zoo model, found by its id, with its real weights', async () => {
    expect(modelFile('digits-cnn')).toBe(path.join('public', 'models', 'digits-cnn.onnx'));
    expect(() => modelFile('no-such-model')).toThrow(/the zoo has .*digits-cnn/);
    const report = await runJson(['--model', 'digits-cnn', '--layer', '/block1/block1.0/Conv']);
    expect(report.layer).toMatchObject({ input: [1, 1, 8, 8], weight: [16, 1, 3, 3], output: [1, 16, 8, 8] });
    expect(Object.keys(measured(report))).toHaveLength(9);
    // A layer deep in the network: its input shape comes from shape inference.
    const deep = await runJson(['--model', 'digits-cnn', '--layer', '/block3/block3.0/Conv']);
    expect(deep.layer).toMatchObject({ input: [1, 32, 4, 4], weight: [64, 32, 3, 3], output: [1, 64, 4, 4] });
  });

  it('rejects malformed flags with a message', async () => {
    await expect(kernels.run(['--shape', '1,2,3'])).rejects.toThrow(/--shape takes 7/);
    await expect(kernels.run(['--pad', '1,2'])).rejects.toThrow(/--pad takes 1 or 4/);
    await expect(kernels.run(['--frobnicate'])).rejects.toThrow(/unexpected --frobnicate/);
    await expect(kernels.run(['--seed', 'abc'])).rejects.toThrow(/--seed takes 1/);
    await expect(kernels.run(['--shape', '1,8,6,6,8,3,3', '--group', '3'])).rejects.toThrow(/group=3/);
    await expect(kernels.run(['--shape', '1,2,3,3,2,5,5'])).rejects.toThrow(/does not fit/);
  });

  it('measureKernels times every applicable algorithm', () => {
    const random = seededRandom(6);
    const report = measureKernels({
      x: randomUniformTensor(random, [1, 2, 6, 6]), w: randomUniformTensor(random, [2, 2, 3, 3]), bias: null, params: {}, source: 'test', rounds: 2,
    }); // prettier-ignore
    expect(report.results.every((r) => 'ms' in r && r.ms >= 0)).toBe(true);
  });
});
