import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeModel, planMemory } from '../../engine/index';
import { CliError } from '../command';
import { planMemoryCommand } from './planMemory';

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

describe('plan-memory', () => {
  it('--json prints the plan: totals and every tensor with its lifetime and offset', async () => {
    expect(await planMemoryCommand.run([tinyCnn, '--batch', '4', '--json'])).toBe(0);
    const printed = JSON.parse(stdout);
    const model = decodeModel(new Uint8Array(fs.readFileSync(tinyCnn)));
    expect(printed).toEqual(JSON.parse(JSON.stringify(planMemory(model, { batch: 4 }))));
    expect(Object.keys(printed)).toEqual(
      expect.arrayContaining(['naiveBytes', 'plannedBytes', 'lowerBoundBytes', 'tensors']),
    );
    expect(Object.keys(printed.tensors[0]).sort()).toEqual(['bytes', 'end', 'name', 'offset', 'start']);
    // the image input [4, 3, 16, 16] float32
    expect(printed.tensors.find((t: { name: string }) => t.name === 'image').bytes).toBe(4 * 3 * 16 * 16 * 4);
    expect(stderr).toBe('');
  });

  it('prints the three totals as text, and takes a zoo id', async () => {
    expect(await planMemoryCommand.run(['digits-cnn'])).toBe(0);
    expect(stdout).toMatch(/naive \(no reuse\)\s+\d+ B/);
    expect(stdout).toMatch(/greedy by size\s+\d+ B/);
    expect(stdout).toMatch(/lower bound\s+\d+ B/);
    expect(stdout).toContain('at batch=1');
  });

  it('fails clearly on a bad batch, a missing file and a file that is not a model', async () => {
    await expect(planMemoryCommand.run([tinyCnn, '--batch', '0'])).rejects.toThrow(/--batch/);
    await expect(planMemoryCommand.run([tinyCnn, '--batch', 'many'])).rejects.toThrow(CliError);
    await expect(planMemoryCommand.run([tinyCnn, '--batch', '99999999'])).rejects.toThrow(/batch must be/);
    await expect(planMemoryCommand.run([])).rejects.toThrow(/usage/);
    await expect(planMemoryCommand.run(['no-such-model'])).rejects.toThrow(/no zoo model/);
    await expect(planMemoryCommand.run([path.join(root, 'package.json')])).rejects.toThrow(CliError);
  });
});
