import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../command';
import { inspect } from './inspect';

const root = path.resolve(__dirname, '../../..');
const tinyCnn = path.join(root, 'test-data/models/tiny-cnn.onnx');

let stdout = '';
let stderr = '';
beforeEach(() => {
  stdout = stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

async function rejection(args: string[]): Promise<CliError> {
  const error = await inspect.run(args).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('inspect', () => {
  it('--json prints one object with the counts of the model', async () => {
    expect(await inspect.run([tinyCnn, '--json'])).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      nodes: 18,
      opCounts: {
        Constant: 5,
        Conv: 3,
        Clip: 1,
        Concat: 1,
        Gather: 1,
        Gemm: 1,
        MaxPool: 1,
        Relu: 1,
        Reshape: 1,
        Shape: 1,
        Softmax: 1,
        Unsqueeze: 1,
      },
      inputs: [{ name: 'image', dtype: 'float32', shape: ['batch', 3, 16, 16] }],
      outputs: [{ name: 'probabilities', dtype: 'float32', shape: ['batch', 10] }],
      initializers: 8,
      // conv 8·3·3·3 + bias 8 (BatchNorm folded in), depthwise 8·3·3 + 8, pointwise 16·8 + 16, fc 10·256 + 10
      params: 216 + 8 + 72 + 8 + 128 + 16 + 2560 + 10,
    });
    // at batch 1: conv 8·16·16·3·3·3 + depthwise 8·8·8·3·3 + pointwise 16·8·8·8 + fc 10·256
    expect(summary.macs).toBe(55_296 + 4_608 + 8_192 + 2_560);
    expect(summary.symbols).toEqual({ batch: 1 });
    expect(summary.warnings).toEqual([]);
  });

  it('prints a readable summary without --json', async () => {
    expect(await inspect.run([tinyCnn])).toBe(0);
    expect(stdout).toMatch(/^tiny-cnn\.onnx — pytorch 1\.13\.0, IR 7, opset ai\.onnx 13/);
    expect(stdout).toMatch(/^parameters +3,018 \(3\.02 k\), 12\.1 kB of constants$/m);
    expect(stdout).toMatch(/^input +image +float32 +\[batch, 3, 16, 16\]$/m);
    expect(stdout).toMatch(/^Conv +3$/m);
    expect(stdout).toMatch(/^MACs +70,656 \(70\.7 k\) at batch=1, FLOPs 145 k$/m);
  });

  it('a file that is not a model, a missing file or an invalid graph: exit 1 with the reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspect-'));
    const truncated = path.join(dir, 'truncated.onnx');
    fs.writeFileSync(truncated, fs.readFileSync(tinyCnn).subarray(0, 5000));
    const notModel = await rejection([truncated]);
    expect(notModel.exitCode).toBe(1);
    expect(notModel.message).toMatch(/truncated\.onnx: not a valid ONNX model: .*\(byte \d+\)/);

    const missing = await rejection([path.join(dir, 'nothing.onnx')]);
    expect([missing.exitCode, missing.message]).toEqual([
      1,
      `cannot read ${path.join(dir, 'nothing.onnx')}: no such file`,
    ]);

    const { onnx } = await import('../../engine/onnx/proto');
    const proto = onnx.ModelProto.decode(fs.readFileSync(tinyCnn));
    proto.graph!.node![0].input = ['nowhere', ...proto.graph!.node![0].input!.slice(1)];
    const invalid = path.join(dir, 'invalid.onnx');
    fs.writeFileSync(invalid, onnx.ModelProto.encode(proto).finish());
    const broken = await rejection([invalid]);
    expect(broken.exitCode).toBe(1);
    expect(broken.message).toMatch(
      /invalid\.onnx: the graph is not valid \(1 problem\):\n {2}- \/stem\/stem\.0\/Conv \(Conv\) reads "nowhere"/,
    );
    fs.rmSync(dir, { recursive: true });
  });

  it('warnings go to stderr, the summary still to stdout', async () => {
    const { onnx } = await import('../../engine/onnx/proto');
    const proto = onnx.ModelProto.decode(fs.readFileSync(tinyCnn));
    proto.graph!.node![1].name = proto.graph!.node![0].name;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspect-'));
    const file = path.join(dir, 'same-names.onnx');
    fs.writeFileSync(file, onnx.ModelProto.encode(proto).finish());
    expect(await inspect.run([file, '--json'])).toBe(0);
    expect(JSON.parse(stdout).nodes).toBe(18);
    expect(stderr).toContain('warning: nodes #0 and #1 are both named "/stem/stem.0/Conv"\n');
    fs.rmSync(dir, { recursive: true });
  });

  it('bad usage: exit 2', async () => {
    expect((await rejection([])).exitCode).toBe(2);
    expect((await rejection([tinyCnn, '--dim', 'batch'])).message).toMatch(/--dim wants name=value/);
  });

  it('through the real CLI: the message goes to stderr and the exit code is non-zero', async () => {
    const run = promisify(execFile);
    const cli = [path.join(root, 'node_modules/.bin/tsx'), path.join(root, 'src/cli/main.ts'), 'inspect'];
    const failure = await run(cli[0], [...cli.slice(1), path.join(root, 'package.json')]).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failure).toMatchObject({ code: 1, stdout: '' });
    expect(failure!.stderr).toMatch(/package\.json: not a valid ONNX model/);
  });
});
