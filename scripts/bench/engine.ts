// Engine core on a real-world CNN file (issue 3): decode (parse) + validate + shape inference + cost model,
// and the interpreter's time for one inference. Model: the zoo's MobileNetV2 (public/models/mobilenetv2-224.onnx,
// ~14 MB), or the file named by ENGINE_BENCH_MODEL.
import fs from 'node:fs';
import path from 'node:path';
import {
  seededRandom,
  decodeModel,
  inferShapes,
  modelCost,
  randomTensor,
  run,
  validate,
  type Tensor,
} from '../../src/engine/index';
import type { Benchmark } from './harness';
import { formatNumber, table, time } from './harness';

const DEFAULT_MODEL = 'public/models/mobilenetv2-224.onnx';
/** Target of issue 3: parsing a 15 MB model in under 300 ms. */
const PARSE_TARGET = { mb: 15, ms: 300 };

export default async function engine(): Promise<Benchmark> {
  const file = path.resolve(process.env.ENGINE_BENCH_MODEL ?? DEFAULT_MODEL);
  return {
    title: 'parse, validate, shape inference and cost of a real CNN file; one inference in the interpreter',
    async run() {
      if (!fs.existsSync(file)) {
        console.log(
          `skipped: ${path.relative(process.cwd(), file)} is missing (the model zoo ships it; or set ENGINE_BENCH_MODEL=<file.onnx>)`,
        );
        return;
      }
      const bytes = new Uint8Array(fs.readFileSync(file));
      const mb = bytes.length / 1e6;
      const cold = performance.now();
      const model = decodeModel(bytes);
      const coldMs = performance.now() - cold;
      const inference = inferShapes(model);
      const stages: [string, () => unknown][] = [
        ['decode (parse)', () => decodeModel(bytes)],
        ['validate', () => validate(model)],
        ['inferShapes', () => inferShapes(model)],
        ['modelCost', () => modelCost(model, inference)],
        [
          'all four',
          () => {
            const m = decodeModel(bytes);
            validate(m);
            modelCost(m, inferShapes(m));
          },
        ],
      ];
      const rows: (string | number)[][] = [['decode, first call (cold)', coldMs, coldMs, coldMs, 1]];
      let parseMs = 0;
      for (const [stage, fn] of stages) {
        const t = await time(fn, { warmup: 2, minRuns: 10, minMs: 1000 });
        if (stage.startsWith('decode')) parseMs = t.median;
        rows.push([stage, t.median, t.min, t.p90, t.runs]);
      }
      console.log(
        `${path.relative(process.cwd(), file)}: ${mb.toFixed(1)} MB, ${model.graph.nodes.length} nodes`,
      );
      table(['stage', 'median ms', 'min ms', 'p90 ms', 'runs'], rows);
      const per15 = (parseMs * PARSE_TARGET.mb) / mb;
      console.log(
        `parse: ${formatNumber(mb / (parseMs / 1000))} MB/s → ${formatNumber(per15)} ms per ${PARSE_TARGET.mb} MB; ` +
          `target < ${PARSE_TARGET.ms} ms: ${per15 < PARSE_TARGET.ms ? 'met' : 'NOT met'} (${formatNumber(per15 / PARSE_TARGET.ms)}× the budget)`,
      );

      const cost = modelCost(model, inference);
      const unknown = new Set(inference.unknownOps.map((u) => u.opType));
      console.log(
        `cost at ${JSON.stringify(cost.symbols)}: ${formatNumber(cost.params / 1e6)} M params, ${formatNumber(cost.macs / 1e6)} M MACs, ` +
          `${formatNumber(cost.flops / 1e6)} M FLOPs, intensity ${formatNumber(cost.intensity)} FLOP/byte` +
          (unknown.size ? ` — incomplete: no shape inference for ${[...unknown].join(', ')}` : ''),
      );

      // one inference in the reference interpreter, on seeded random inputs (symbolic dims = 1)
      const rng = seededRandom(0);
      const feeds: Record<string, Tensor> = {};
      for (const v of model.graph.inputs)
        if (!model.graph.initializers.has(v.name) && v.type?.shape && v.type.dtype !== 'string')
          feeds[v.name] = randomTensor(
            v.type.dtype,
            v.type.shape.map((d) => (typeof d === 'number' ? d : 1)),
            rng,
          );
      const t = await time(() => run(model, feeds), { warmup: 1, minRuns: 3, minMs: 0 });
      table(
        ['interpreter, one inference', 'median ms', 'min ms', 'runs', 'GMAC/s'],
        [
          [
            `batch 1, random ${Object.keys(feeds).join(', ')}`,
            t.median,
            t.min,
            t.runs,
            cost.macs / 1e9 / (t.median / 1000),
          ],
        ],
      );
    },
  };
}
