// Checks the outputs of `npm run cli -- run` against onnxruntime-node on the same inputs:
//
//   npm run cli -- run model.onnx --input random --seed 0 --out-dir out/
//   npx tsx scripts/testing/compare-ort.ts model.onnx out/ --input random --seed 0
//
// The inputs are rebuilt exactly as the CLI builds them (same files, or the same seeded random values);
// prints, per output, the max relative error max|ours − ort| / max|ort| and onnxruntime's time.
import fs from 'node:fs';
import path from 'node:path';
import { decodeModel, readNpy, relativeError } from '../../src/engine/index';
import { parseArgs } from '../../src/cli/command';
import { loadInputs } from '../../src/cli/inputs';
import { runOrt } from './ort';

const { positional, options, option } = parseArgs(process.argv.slice(2), ['input', 'seed']);
const [modelFile, outDir] = positional;
if (!modelFile || !outDir) {
  console.error(
    'usage: npx tsx scripts/testing/compare-ort.ts <model.onnx> <outputs-dir> [--input …] [--seed S]',
  );
  process.exit(2);
}
const bytes = new Uint8Array(fs.readFileSync(modelFile));
const model = decodeModel(bytes);
const { feeds } = loadInputs(model.graph, options.get('input') ?? [], Number(option('seed') ?? 0));
const start = performance.now();
const expected = await runOrt(bytes, feeds, 'all');
const ms = performance.now() - start;
let worst = 0;
for (const [name, t] of Object.entries(expected)) {
  const ours = readNpy(
    new Uint8Array(fs.readFileSync(path.join(outDir, `${name.replace(/[^\w.-]/g, '_')}.npy`))),
  );
  const error = relativeError(ours, t);
  worst = Math.max(worst, error);
  console.log(`${name}: shape [${t.dims.join(', ')}], max relative error ${error.toExponential(2)}`);
}
console.log(`onnxruntime-node (session creation + run): ${ms.toFixed(0)} ms`);
process.exit(worst <= 1e-4 ? 0 : 1);
