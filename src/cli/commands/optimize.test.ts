import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeModel } from '../../engine/index';
import { CliError } from '../command';
import { optimize } from './optimize';

const root = path.resolve(__dirname, '../../..');
const raw = path.join(root, 'public/models/digits-cnn-raw.onnx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'optimize-'));
afterAll(() => fs.rmSync(tmp, { recursive: true }));

let stdout = '';
beforeEach(() => {
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

async function rejection(args: string[]): Promise<CliError> {
  const error = await optimize.run(args).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('optimize', () => {
  it('--json: before and after, each pass with its rewrites and time, sweeps; writes the optimized model', async () => {
    const out = path.join(tmp, 'fused.onnx');
    expect(await optimize.run([raw, out, '--json'])).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['before', 'after', 'passes', 'iterations', 'converged', 'ms']);
    expect(Object.keys(report.before)).toEqual(['nodes', 'opCounts', 'params', 'macs', 'peakBytes']);
    expect(report.before).toMatchObject({ nodes: 27, macs: 616_064 });
    expect(report.after.nodes).toBe(8);
    expect(report.after.macs).toBe(616_064);
    expect(report.passes.find((p: { name: string }) => p.name === 'fold-batchnorm')).toMatchObject({
      rewrites: 3,
    });
    expect(report.passes.map((p: { name: string }) => p.name)).toContain('dead-code');
    expect(report).toMatchObject({ iterations: 2, converged: true });
    const written = decodeModel(new Uint8Array(fs.readFileSync(out)));
    expect(written.graph.nodes.length).toBe(8);
    expect(written.opsets['com.microsoft']).toBe(1);
  });

  it('--standard-onnx keeps to the standard operators; --level basic and --passes choose the passes', async () => {
    const standard = path.join(tmp, 'standard.onnx');
    await optimize.run([raw, standard, '--standard-onnx', '--json']);
    const written = decodeModel(new Uint8Array(fs.readFileSync(standard)));
    expect(written.graph.nodes.every((n) => n.domain === '')).toBe(true);
    expect(written.graph.nodes.length).toBe(12);

    stdout = '';
    await optimize.run([raw, path.join(tmp, 'basic.onnx'), '--level', 'basic', '--json']);
    expect(JSON.parse(stdout).passes.map((p: { name: string }) => p.name)).toEqual([
      'eliminate-redundant',
      'constant-folding',
      'cse',
      'dead-code',
    ]);
    stdout = '';
    await optimize.run([
      'digits-cnn-raw',
      path.join(tmp, 'two.onnx'),
      '--passes',
      'dead-code,eliminate-redundant',
      '--json',
    ]);
    expect(JSON.parse(stdout).passes).toMatchObject([
      { name: 'eliminate-redundant', rewrites: 2 },
      { name: 'dead-code', rewrites: 1 }, // the Constant that fed Dropout's ratio
    ]);
  });

  it('prints a readable table without --json', async () => {
    expect(await optimize.run([raw, path.join(tmp, 'text.onnx')])).toBe(0);
    expect(stdout).toMatch(
      /^digits-cnn-raw\.onnx → .*text\.onnx: 27 → 8 nodes in 2 sweeps \(converged\), [\d.]+ ms$/m,
    );
    expect(stdout).toMatch(/^ {2}MACs +616,064 +616,064$/m);
    expect(stdout).toMatch(/^ {2}fold-batchnorm +3 +[\d.]+$/m);
    expect(stdout).toMatch(/operators after: com\.microsoft::FusedConv 3, MaxPool 2/);
  });

  it('bad usage exits 2, a bad model 1, each with the reason', async () => {
    expect((await rejection([raw])).exitCode).toBe(2);
    expect((await rejection([raw, 'x.onnx', '--level', 'max'])).message).toMatch(
      /--level wants one of basic, extended, all/,
    );
    const unknown = await rejection([raw, 'x.onnx', '--passes', 'cse,fold-everything']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.message).toMatch(/no pass named fold-everything; the passes are eliminate-redundant, /);
    expect((await rejection([raw, 'x.onnx', '--max-iterations', '0'])).message).toMatch(/--max-iterations/);
    const truncated = path.join(tmp, 'truncated.onnx');
    fs.writeFileSync(truncated, fs.readFileSync(raw).subarray(0, 4000));
    const bad = await rejection([truncated, path.join(tmp, 'never.onnx')]);
    expect(bad.exitCode).toBe(1);
    expect(fs.existsSync(path.join(tmp, 'never.onnx'))).toBe(false);
  });
});
