// The engine on hostile input: mutated model files must end in a ModelError (or be accepted), never in another
// exception, a hang or an absurd allocation. Figures (count, time per file, worst time) are printed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { modelCost } from '../ir/cost';
import { inferShapes } from '../ir/infer';
import { validate } from '../ir/validate';
import { decodeModel } from './decode';
import { fuzz, fuzzCases, type FuzzOutcome } from './fuzz';

const root = path.resolve(__dirname, '../../..');
const read = (...p: string[]) => new Uint8Array(fs.readFileSync(path.join(root, ...p)));
const conformance = fs
  .readdirSync(path.join(root, 'test-data/onnx-node'))
  .filter((d) => d.startsWith('test_'))
  .map((d) => read('test-data/onnx-node', d, 'model.onnx'));
const exported = [read('test-data/models/tiny-cnn.onnx'), read('test-data/models/tiny-transformer.onnx')];
const zooModel = path.join(root, 'public/models/mobilenetv2-224.onnx');

/** What the app does with a file it is given: every stage, also on a model validate() objects to. */
function loadAndAnalyze(bytes: Uint8Array) {
  const model = decodeModel(bytes);
  validate(model);
  modelCost(model, inferShapes(model));
}

/** A case that did not end well: another exception than ModelError, or too slow (a hang, a huge allocation). */
const failures = (outcomes: FuzzOutcome[], maxMs: number) =>
  outcomes
    .filter((o) => (o.error !== undefined && !(o.error instanceof ModelError)) || o.ms > maxMs)
    .map(
      (o) =>
        `seed ${o.seed}, ${o.mutation}: ${o.error instanceof Error ? o.error.stack : String(o.error)} (${o.ms.toFixed(0)} ms)`,
    );

function summary(label: string, outcomes: FuzzOutcome[]) {
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const rejected = outcomes.filter((o) => o.error instanceof ModelError).length;
  const worst = outcomes.reduce((w, o) => (o.ms > w.ms ? o : w));
  console.log(
    `fuzz ${label}: ${outcomes.length} files, ${rejected} rejected with a ModelError, ${outcomes.length - rejected} accepted; ` +
      `median ${ms[ms.length >> 1].toFixed(2)} ms, mean ${(ms.reduce((s, x) => s + x, 0) / ms.length).toFixed(2)} ms, ` +
      `worst ${worst.ms.toFixed(1)} ms (${worst.mutation})`,
  );
}

// "Well under a second" per file; the bound is generous so that a busy machine does not fail the test,
// while a hang or a runaway allocation still does. The measured figures are printed.
const MAX_MS = 1000;

describe('mutation fuzzing: decode → validate → inferShapes → cost', () => {
  it('the fuzzer is reproducible from its seed', () => {
    const a = [...fuzzCases(exported, 20, 7)];
    const b = [...fuzzCases(exported, 20, 7)];
    expect(a.map((c) => c.mutation)).toEqual(b.map((c) => c.mutation));
    expect(a.map((c) => c.bytes)).toEqual(b.map((c) => c.bytes));
    expect([...fuzzCases(exported, 20, 8)].map((c) => c.mutation)).not.toEqual(a.map((c) => c.mutation));
  });

  it('600 mutations of the 327 conformance models each end in a ModelError or a model', async () => {
    const outcomes = await fuzz(fuzzCases(conformance, 600, 1), loadAndAnalyze);
    summary('conformance', outcomes);
    expect(failures(outcomes, MAX_MS)).toEqual([]);
    // the mutations must actually reach past the decoder, not only be rejected by it
    expect(outcomes.filter((o) => o.error === undefined).length).toBeGreaterThan(100);
  });

  it('400 mutations of PyTorch-exported models (CNN and Transformer block) each end in a ModelError or a model', async () => {
    const outcomes = await fuzz(fuzzCases(exported, 400, 2), loadAndAnalyze);
    summary('exported', outcomes);
    expect(failures(outcomes, MAX_MS)).toEqual([]);
    const kinds = new Set(outcomes.map((o) => o.mutation.split(/[: ]/)[0]));
    for (const kind of [
      'flip',
      'truncate',
      'splice',
      'huge',
      'cycle',
      'absurdTensorDims',
      'wrongAttributeType',
      'unknownOp',
      'nestedGraphs',
    ])
      expect(kinds).toContain(kind);
  });

  it.runIf(fs.existsSync(zooModel))("30 mutations of the zoo's MobileNetV2 (14 MB)", async () => {
    const outcomes = await fuzz(
      fuzzCases([new Uint8Array(fs.readFileSync(zooModel))], 30, 3),
      loadAndAnalyze,
    );
    summary('mobilenetv2', outcomes);
    expect(failures(outcomes, MAX_MS)).toEqual([]);
  });
});
