import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeModel } from '../../engine/index';
import { layoutCommand, type LayoutReport } from './layout';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'layout-'));
afterAll(() => fs.rmSync(tmp, { recursive: true }));

let stdout = '';
beforeEach(() => {
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('layout', () => {
  it('--json reports the transposes before and after, onnxruntime-web support and the NC4HW4 cost', async () => {
    expect(await layoutCommand.run(['digits-cnn', '--batch', '2', '--json'])).toBe(0);
    const report = JSON.parse(stdout) as LayoutReport;
    expect(report.batch).toBe(2);
    expect(report.before.transposes).toEqual([]);
    // one transpose left, before Flatten: 64 channels of 2×2 at batch 2, float32
    expect(report.after.transposes.map((t) => t.bytes)).toEqual([2 * 64 * 2 * 2 * 4]);
    expect(report.after.movedBytes).toBe(2 * 2 * 64 * 2 * 2 * 4);
    expect(report.ortWeb.runs).toBe(false);
    expect(report.ortWeb.blockers.map((b) => b.opType)).toEqual(['NhwcConv', 'NhwcConv', 'NhwcConv']);
    expect(report.nc4hw4.blockedBytes - report.nc4hw4.bytes).toBe(report.nc4hw4.extraBytes);
    expect(report.rewrites.length).toBeGreaterThan(0);
  });

  it('--out writes the converted model, which decodes and runs its convolutions as NhwcConv', async () => {
    const out = path.join(tmp, 'nhwc.onnx');
    expect(await layoutCommand.run(['digits-cnn', '--out', out])).toBe(0);
    const model = decodeModel(new Uint8Array(fs.readFileSync(out)));
    expect(model.opsets['com.microsoft']).toBe(1);
    expect(model.graph.nodes.filter((n) => n.opType === 'NhwcConv')).toHaveLength(3);
    expect(stdout).toMatch(/onnxruntime-web: cannot run the converted model \(3 nodes\)/);
  });

  it('prints all of a long --json report through a slow pipe (it waits for stdout before exiting)', async () => {
    const root = path.resolve(__dirname, '../../..');
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      [path.join(root, 'src/cli/main.ts'), 'layout', 'mobilenetv2-224', '--json'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
    // a reader that lets the pipe fill up (64 KiB) for a while, as `| python3 …` did; 'close' is awaited from
    // the start, since the child may be done before the pause ends
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdout.pause();
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((resolve) => setTimeout(resolve, 4000));
    child.stdout.resume();
    expect(await closed, stderr).toBe(0);
    const piped = Buffer.concat(chunks).toString();
    expect(piped.length).toBeGreaterThan(1 << 16);
    expect((JSON.parse(piped) as LayoutReport).after.transposes).toHaveLength(1);
  }, 30_000);

  it('refuses a bad batch and a missing model', async () => {
    await expect(layoutCommand.run(['digits-cnn', '--batch', '0'])).rejects.toThrow(/--batch/);
    await expect(layoutCommand.run(['nope'])).rejects.toThrow(/no zoo model/);
    await expect(layoutCommand.run([])).rejects.toThrow(/usage/);
  });
});
