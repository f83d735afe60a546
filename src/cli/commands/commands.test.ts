import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { decodeTensor, mismatch, ModelError, readNpy } from '../../engine/index';
import { CliError } from '../command';
import { conformanceCommand } from './conformance';
import { runCommand } from './run';

const suite = path.resolve(__dirname, '../../../test-data/onnx-node');
const data = (name: string, file: string) => path.join(suite, name, 'test_data_set_0', file);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true }));

/** Runs a command and returns what it printed on stdout. */
async function capture(run: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await run(), out };
  } finally {
    spy.mockRestore();
  }
}

describe('run', () => {
  it('runs a model on .pb inputs and writes outputs that match the expected ones', async () => {
    const name = 'test_conv_with_strides_padding';
    const dir = path.join(tmp, 'conv');
    const args = [
      path.join(suite, name, 'model.onnx'),
      '--input',
      `x=${data(name, 'input_0.pb')}`,
      '--input',
      `W=${data(name, 'input_1.pb')}`,
    ];
    const { code, out } = await capture(() => runCommand.run([...args, '--out-dir', dir]));
    expect(code).toBe(0);
    expect(out).toMatch(/output y float32\[1, 1, 4, 3\]/);
    const written = readNpy(new Uint8Array(fs.readFileSync(path.join(dir, 'y.npy'))));
    expect(
      mismatch(written, decodeTensor(new Uint8Array(fs.readFileSync(data(name, 'output_0.pb')))).tensor),
    ).toBeNull();
  });

  it('--json reports shapes, summary numbers and the argmax of each row of a 2-D output', async () => {
    const name = 'test_gemm_default_no_bias';
    const { out } = await capture(() =>
      runCommand.run([path.join(suite, name, 'model.onnx'), '--input', 'random', '--seed', '5', '--json']),
    );
    const report = JSON.parse(out);
    expect(report.inputs.map((i: { source: string }) => i.source)).toEqual(['random', 'random']);
    const [y] = report.outputs;
    expect(y.shape).toEqual([2, 3]);
    expect(y.argmax).toHaveLength(2);
    expect(y.min).toBeLessThanOrEqual(y.mean);
    expect(y.mean).toBeLessThanOrEqual(y.max);
  });

  it('random inputs repeat for a seed and change with it', async () => {
    const model = path.join(suite, 'test_relu', 'model.onnx');
    const mean = async (seed: string) =>
      JSON.parse(
        (await capture(() => runCommand.run([model, '--input', 'x=random', '--seed', seed, '--json']))).out,
      ).outputs[0].mean;
    expect(await mean('1')).toBe(await mean('1'));
    expect(await mean('1')).not.toBe(await mean('2'));
  });

  it('fails clearly on missing inputs, unknown inputs and bad files', async () => {
    const model = path.join(suite, 'test_add', 'model.onnx');
    await expect(runCommand.run([model, '--input', 'x=random'])).rejects.toThrow(/no value for input "y"/);
    await expect(runCommand.run([model, '--input', 'nope=random'])).rejects.toThrow(CliError);
    await expect(runCommand.run([path.join(tmp, 'missing.onnx')])).rejects.toThrow(/no such file/);
    const junk = path.join(tmp, 'junk.onnx');
    fs.writeFileSync(junk, 'definitely not protobuf');
    await expect(runCommand.run([junk, '--input', 'random'])).rejects.toThrow(ModelError);
  });
});

describe('conformance', () => {
  it('reports totals and the failing cases with reasons', async () => {
    const dir = path.join(tmp, 'suite');
    for (const name of ['test_abs', 'test_relu', 'test_split_to_sequence_1'])
      fs.cpSync(path.join(suite, name), path.join(dir, name), { recursive: true });
    const { code, out } = await capture(() => conformanceCommand.run([dir, '--json']));
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      total: 3,
      passed: 2,
      failed: [
        {
          name: 'test_split_to_sequence_1',
          reason: expect.stringMatching(/SplitToSequence is not supported/),
        },
      ],
    });
    await expect(conformanceCommand.run([path.join(tmp, 'nowhere')])).rejects.toThrow(/not a directory/);
  });
});
