// The page and the command line write the same int8 file. The page's side is the lab's own quantization step
// (quantizeInLab: the quantization Worker's service in process, calibrating on onnxruntime-web through
// createOrtRunner, on the engine's ZOO_CALIBRATION batches); the other is `npm run cli -- quantize <id> out`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { quantize, type QuantizeCliReport } from '../../cli/commands/quantize';
import { findModel, parseDigitSet, parseManifest, type CalibrationMethod } from '../../engine';
import { inProcessQuantClient } from '../../workers/testing/quantInProcess';
import { quantizeInLab } from './lab';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => new Uint8Array(fs.readFileSync(path.join(root, file)));
const manifest = parseManifest(
  JSON.parse(fs.readFileSync(path.join(root, 'public/models/manifest.json'), 'utf8')),
);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-parity-'));
afterAll(() => fs.rmSync(tmp, { recursive: true }));

async function cli(
  id: string,
  method: CalibrationMethod,
): Promise<{ bytes: Uint8Array; report: QuantizeCliReport }> {
  const out = path.join(tmp, `${id}-${method}.onnx`);
  let printed = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
  try {
    expect(await quantize.run([id, out, '--method', method, '--json'])).toBe(0);
  } finally {
    write.mockRestore();
  }
  return { bytes: new Uint8Array(fs.readFileSync(out)), report: JSON.parse(printed) as QuantizeCliReport };
}

function page(id: string, method: CalibrationMethod) {
  const zoo = findModel(manifest, id);
  const digits =
    zoo.preprocessing.kind === 'digits'
      ? {
          calibration: parseDigitSet(read('public/data/digits-calib.bin')),
          test: parseDigitSet(read('public/data/digits-test.bin')),
        }
      : null;
  const bytes = read(`public/models/${zoo.file}`);
  return quantizeInLab(
    inProcessQuantClient(),
    { bytes: bytes.buffer, zoo, digits },
    { method, perChannel: true },
    () => undefined,
  );
}

describe('the page and `cli quantize` write the same int8 model', () => {
  const cases: [string, CalibrationMethod][] = [
    ['digits-cnn', 'minmax'],
    ['digits-cnn', 'entropy'],
    ['digits-mobilenet', 'minmax'],
    ['mobilenetv2-224', 'minmax'],
  ];
  for (const [id, method] of cases)
    it(`${id}, ${method}: byte for byte, with the same per-layer error`, { timeout: 180_000 }, async () => {
      const fromCli = await cli(id, method);
      const fromPage = await page(id, method);
      expect(fromCli.report.runner).toBe('ort');
      expect(fromCli.bytes.length).toBe(fromPage.report.bytesAfter);
      expect(new Uint8Array(fromPage.int8)).toEqual(fromCli.bytes);
      expect(fromCli.report.analysisBatches).toBe(fromPage.report.analysisBatches);
      expect(fromCli.report.layers.map((l) => l.sqnrDb)).toEqual(fromPage.report.layers.map((l) => l.sqnrDb));
    });
});
