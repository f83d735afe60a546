// `optimize <in.onnx> <out.onnx> [--level basic|extended|all] [--passes a,b,…] [--standard-onnx] [--json]`:
// the graph-optimization pipeline of chapter 4 on a model file, written back as ONNX, with what each pass did.
import fs from 'node:fs';
import path from 'node:path';
import {
  encodeModel,
  PASSES,
  runPipeline,
  type GraphStats,
  type PassLevel,
  type PassName,
  type PipelineResult,
} from '../../engine/index';
import { CliError, parseArgs, type Command } from '../command';
import { explainModelErrors, printJson, readModel } from '../io';
import { modelFile } from './kernels';

const LEVELS: PassLevel[] = ['basic', 'extended', 'all'];

/** Rewrites and time of each pass, over all the sweeps, in pipeline order. */
function perPass(result: PipelineResult): { name: PassName; rewrites: number; ms: number }[] {
  const rows = new Map<PassName, { name: PassName; rewrites: number; ms: number }>();
  for (const run of result.runs) {
    const row = rows.get(run.pass) ?? { name: run.pass, rewrites: 0, ms: 0 };
    row.rewrites += run.rewrites.length;
    row.ms += run.ms;
    rows.set(run.pass, row);
  }
  return [...rows.values()].map((r) => ({ ...r, ms: Math.round(r.ms * 10) / 10 }));
}

function report(result: PipelineResult) {
  const stats = ({ nodes, opCounts, params, macs, peakBytes }: GraphStats) => ({
    nodes,
    opCounts,
    params,
    macs,
    peakBytes,
  });
  return {
    before: stats(result.before),
    after: stats(result.after),
    passes: perPass(result),
    iterations: result.iterations,
    converged: result.converged,
    ms: Math.round(result.ms * 10) / 10,
  };
}

const number = (n: number) => n.toLocaleString('en-US');

function text(input: string, output: string, r: ReturnType<typeof report>): string {
  const row = (label: string, a: number, b: number, unit = '') =>
    `  ${label.padEnd(12)}${number(a).padStart(14)}${number(b).padStart(14)}${unit}`;
  const width = Math.max(...r.passes.map((p) => p.name.length));
  const ops = Object.entries(r.after.opCounts)
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  const sweeps = `${r.iterations} sweep${r.iterations === 1 ? '' : 's'}`;
  return [
    `${path.basename(input)} → ${output}: ${r.before.nodes} → ${r.after.nodes} nodes in ${sweeps} ` +
      `(${r.converged ? 'converged' : 'stopped at --max-iterations, not converged'}), ${r.ms} ms`,
    '',
    `  ${''.padEnd(12)}${'before'.padStart(14)}${'after'.padStart(14)}`,
    row('nodes', r.before.nodes, r.after.nodes),
    row('parameters', r.before.params, r.after.params),
    row('MACs', r.before.macs, r.after.macs),
    row('peak memory', r.before.peakBytes, r.after.peakBytes, ' B'),
    '',
    `  ${'pass'.padEnd(width)}  rewrites        ms`,
    ...r.passes.map(
      (p) => `  ${p.name.padEnd(width)}  ${String(p.rewrites).padStart(8)}  ${p.ms.toFixed(1).padStart(8)}`,
    ),
    '',
    `  operators after: ${ops}`,
    '',
  ].join('\n');
}

export const optimize: Command = {
  name: 'optimize',
  usage:
    'optimize <in.onnx|zoo id> <out.onnx> [--level basic|extended|all] [--passes a,b,…] [--standard-onnx] [--max-iterations N] [--json]',
  summary: 'graph optimization to a fixed point (constant folding, fusion, …); writes the optimized model',
  async run(args) {
    const { positional, flags, option } = parseArgs(args, ['level', 'passes', 'max-iterations']);
    if (positional.length !== 2) throw new CliError(`usage: npm run cli -- ${this.usage}`);
    const [input, output] = positional;
    const level = (option('level') ?? 'extended') as PassLevel;
    if (!LEVELS.includes(level))
      throw new CliError(`--level wants one of ${LEVELS.join(', ')} (got "${level}")`);
    const names = option('passes')?.split(',').filter(Boolean);
    const known = PASSES.map((p) => p.name as string);
    const unknown = names?.filter((n) => !known.includes(n)) ?? [];
    if (unknown.length > 0)
      throw new CliError(`--passes: no pass named ${unknown.join(', ')}; the passes are ${known.join(', ')}`);
    const maxText = option('max-iterations') ?? '10';
    if (!/^\d+$/.test(maxText) || Number(maxText) < 1)
      throw new CliError(`--max-iterations wants a whole number ≥ 1 (got "${maxText}")`);

    const file = modelFile(input);
    const model = readModel(file);
    const result = explainModelErrors(file, () =>
      runPipeline(model, {
        level,
        passes: names as PassName[] | undefined,
        contribOps: !flags.has('standard-onnx'),
        maxIterations: Number(maxText),
      }),
    );
    try {
      fs.writeFileSync(output, encodeModel(result.model));
    } catch (e) {
      throw new CliError(`cannot write ${output}: ${(e as Error).message}`, 1);
    }
    const summary = report(result);
    if (flags.has('json')) printJson(summary);
    else process.stdout.write(text(file, output, summary));
    return 0;
  },
};
