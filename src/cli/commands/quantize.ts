// `npm run cli -- quantize <in.onnx> <out.onnx>`: whole-model post-training quantization with the engine's
// quantizeModel, calibrated on onnxruntime-web as in the page (or on the reference interpreter with --runner
// interpreter), the QDQ model written to out.onnx, and a report of sizes and per-layer error.
import fs from 'node:fs';
import {
  CALIBRATION_METHODS,
  encodeModel,
  isModelError,
  quantizeModel,
  type QuantizeModelResult,
  type CalibrationMethod,
  type QuantizationReport,
} from '../../engine/index';
import { BUILTIN, readCalibration } from '../calibration';
import { CliError, parseArgs, type Command } from '../command';
import { BAD_MODEL_EXIT, explainModelErrors, printJson, readModel } from '../io';
import { createRunner, runnerKind, RUNNERS, type RunnerKind } from '../runners';
import { modelFile } from './kernels';

export interface QuantizeCliReport extends Omit<QuantizationReport, 'layers'> {
  /** Bytes of the input file as given (bytesBefore is the float model re-encoded by the engine, like bytesAfter). */
  inputFileBytes: number;
  output: string;
  calibration: string;
  /** What ran the models for calibration and analysis. */
  runner: RunnerKind;
  layers: { name: string; opType: string; sqnrDb: number; cosine: number }[];
}

const FLAGS = ['json', 'per-tensor', 'symmetric', 'compact-names'];

function keepFloat(value: string | undefined): { first: boolean; last: boolean } {
  const parts = value ? value.split(',') : [];
  const bad = parts.filter((p) => p !== 'first' && p !== 'last');
  if (bad.length) throw new CliError(`--keep-float takes first, last or first,last, got "${value}"`);
  return { first: parts.includes('first'), last: parts.includes('last') };
}

const db = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : v > 0 ? 'exact' : '-inf');

function printText(r: QuantizeCliReport): void {
  console.log(`calibration: ${r.calibration}; models run by ${r.runner}`);
  const width = Math.max(5, ...r.layers.map((l) => l.name.length));
  console.log(`${'layer'.padEnd(width)}  ${'op'.padEnd(17)}  SQNR dB  cosine`);
  for (const l of r.layers)
    console.log(
      `${l.name.padEnd(width)}  ${l.opType.padEnd(17)}  ${db(l.sqnrDb).padStart(7)}  ${l.cosine.toFixed(5)}`,
    );
  for (const n of r.floatNodes) console.log(`left in float: ${n.name} (${n.opType}): ${n.reason}`);
  const ratio = (r.bytesAfter / r.bytesBefore).toFixed(3);
  console.log(
    `${r.quantizedNodes} nodes quantized (${r.method}); ${r.bytesBefore} → ${r.bytesAfter} bytes (${ratio}×); ` +
      `${(r.ms / 1000).toFixed(1)} s; wrote ${r.output}`,
  );
}

export const quantize: Command = {
  name: 'quantize',
  usage: `quantize <in.onnx|zoo id> <out.onnx> [--calibration <dir>|${BUILTIN}] [--method ${CALIBRATION_METHODS.join('|')}] [--percentile p] [--per-tensor] [--symmetric] [--keep-float first,last] [--compact-names] [--runner ${RUNNERS.join('|')}] [--json]`,
  summary: 'post-training int8 quantization into the QDQ format, with per-layer SQNR and sizes',
  async run(args) {
    const a = parseArgs(args, ['calibration', 'method', 'percentile', 'keep-float', 'runner']);
    const unknown = [...a.flags].filter((f) => !FLAGS.includes(f));
    if (unknown.length || a.positional.length !== 2)
      throw new CliError(
        `quantize: ${unknown.length ? `unknown ${unknown.map((f) => `--${f}`).join(' ')}` : 'needs <in.onnx> and <out.onnx>'}\nusage: npm run cli -- ${quantize.usage}`,
      );
    const method = (a.option('method') ?? 'minmax') as CalibrationMethod;
    if (!CALIBRATION_METHODS.includes(method))
      throw new CliError(`--method must be one of ${CALIBRATION_METHODS.join(', ')}, got "${method}"`);
    const percentile = a.option('percentile') === undefined ? undefined : Number(a.option('percentile'));
    const runner = runnerKind(a.option('runner'));
    const [input, output] = a.positional;
    const file = modelFile(input);
    const model = readModel(file);
    const bytes = new Uint8Array(fs.readFileSync(file));
    const calibration = explainModelErrors(file, () =>
      readCalibration(a.option('calibration') ?? BUILTIN, bytes, model.graph),
    );
    const json = a.flags.has('json');
    let result: QuantizeModelResult;
    try {
      result = await quantizeModel(
        model,
        calibration.batches,
        {
          method,
          analysis: calibration.analysis,
          percentile,
          perChannel: !a.flags.has('per-tensor'),
          symmetric: a.flags.has('symmetric'),
          keepFloat: keepFloat(a.option('keep-float')),
          compactNames: a.flags.has('compact-names'),
          onProgress: ({ stage, done, total }) => {
            if (!json && done === total) process.stderr.write(`${stage}: done (${total})\n`);
          },
        },
        createRunner(runner),
      );
    } catch (e) {
      if (isModelError(e)) throw new CliError(`${file}: ${e.message}`, BAD_MODEL_EXIT);
      throw e;
    }
    fs.writeFileSync(output, encodeModel(result.model));
    const report: QuantizeCliReport = {
      ...result.report,
      inputFileBytes: bytes.length,
      output,
      calibration: calibration.source,
      runner,
      layers: result.report.layers.map(({ name, opType, sqnrDb, cosine }) => ({
        name,
        opType,
        sqnrDb,
        cosine,
      })),
    };
    if (json) printJson(report);
    else printText(report);
    return 0;
  },
};
