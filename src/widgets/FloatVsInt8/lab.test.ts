// The whole lab in Node: the quantization service (calibrating with onnxruntime-web) and the onnxruntime
// service, both in process, on digits-cnn with the real data.
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { findModel, parseDigitSet, parseManifest } from '../../engine';
import { OrtClient } from '../../workers/ortClient';
import { inProcessQuantClient } from '../../workers/testing/quantInProcess';
import { inProcessWorker } from '../../workers/testing/tinyModel';
import { runLab, type LabProgress } from './lab';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => new Uint8Array(fs.readFileSync(path.join(root, file)));
const manifest = parseManifest(
  JSON.parse(fs.readFileSync(path.join(root, 'public/models/manifest.json'), 'utf8')),
);

describe('runLab', () => {
  it('quantizes digits-cnn and compares it with the float model on the 360 test digits', async () => {
    const zoo = findModel(manifest, 'digits-cnn');
    const digits = {
      calibration: parseDigitSet(read('public/data/digits-calib.bin')),
      test: parseDigitSet(read('public/data/digits-test.bin')),
    };
    const phases = new Set<string>();
    const result = await runLab(
      { quant: inProcessQuantClient(), ort: new OrtClient(() => inProcessWorker(ort)) },
      { bytes: read('public/models/digits-cnn.onnx').buffer, zoo, digits },
      { method: 'entropy', perChannel: true, runs: 3 },
      (p: LabProgress) =>
        phases.add(p.phase === 'quantize' || p.phase === 'compare' ? `${p.phase}:${p.stage}` : p.phase),
    );
    expect([...phases]).toEqual([
      'open',
      'quantize:calibrate',
      'quantize:rewrite',
      'quantize:analyze',
      'compare:load',
      'compare:evaluate',
      'compare:latency',
    ]);
    const { comparison: c, report } = result;
    expect(c.float.score).toMatchObject({ correct: 358, total: 360 });
    // int8 loses at most a few of the 360 digits
    expect(c.int8.score!.correct).toBeGreaterThanOrEqual(354);
    expect(c.disagree.length).toBeLessThanOrEqual(6);
    expect(result.int8.byteLength).toBe(report.bytesAfter);
    expect(report.method).toBe('entropy');
    expect(c.int8.latency.map((l) => l.batch)).toEqual([1, 32]);
    expect(result.evalCount).toBe(360);
  });

  it('feeds synthetic images to a CNN the reader brings, and measures agreement instead of accuracy', async () => {
    const result = await runLab(
      { quant: inProcessQuantClient(), ort: new OrtClient(() => inProcessWorker(ort)) },
      { bytes: read('test-data/models/small-cnn.onnx').buffer, zoo: null, digits: null },
      { method: 'minmax', perChannel: true, runs: 1 },
      () => undefined,
    );
    expect(result.plan.preprocessing).toMatchObject({ kind: 'synthetic', channels: 3 });
    expect(result.comparison.float.score).toBeNull();
    expect(result.evalCount).toBe(16);
    expect(result.analysisCount).toBe(2);
    expect(result.comparison.float.predictions).toHaveLength(16);
    expect(result.report.layers.length).toBeGreaterThan(0);
  });
});
