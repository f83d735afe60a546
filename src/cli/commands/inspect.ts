// `inspect <model.onnx> [--json] [--dim name=value …]`: operators, inputs and outputs, parameters and MACs.
import path from 'node:path';
import { analyzeModel, type ModelSummary, type ValueSummary } from '../../engine/index';
import { CliError, parseArgs, type Command } from '../command';
import { explainModelErrors, printJson, readModel } from '../io';

/** "batch=8" → ["batch", 8]. */
function parseDim(spec: string): [string, number] {
  const m = /^([^=]+)=(\d+)$/.exec(spec);
  if (!m)
    throw new CliError(`--dim wants name=value with a whole number, e.g. --dim batch=8 (got "${spec}")`);
  return [m[1], Number(m[2])];
}

/** 3475008 → "3.48 M". */
function formatCount(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) if (n >= size) return `${(n / size).toPrecision(3)} ${unit}`;
  return String(n);
}

const formatBytes = (n: number) => (n < 1000 ? `${n} B` : `${formatCount(n)}B`);
/** 3475008 → "3,475,008 (3.48 M)". */
const exactAndShort = (n: number) =>
  n < 1000 ? String(n) : `${n.toLocaleString('en-US')} (${formatCount(n)})`;
const formatShape = (v: ValueSummary) => (v.shape ? `[${v.shape.join(', ')}]` : '?');

/** Rows as aligned columns (text aligned left, numbers right). */
function columns(rows: (string | number)[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) =>
    r
      .map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

function text(file: string, s: ModelSummary): string {
  const opsets = Object.entries(s.opsets)
    .map(([domain, v]) => `${domain || 'ai.onnx'} ${v}`)
    .join(', ');
  const at = Object.entries(s.symbols)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const values = [
    ...s.inputs.map((v) => ['input', v.name, v.dtype ?? '?', formatShape(v)]),
    ...s.outputs.map((v) => ['output', v.name, v.dtype ?? '?', formatShape(v)]),
  ];
  return [
    `${path.basename(file)} — ${s.producer || 'unknown producer'}, IR ${s.irVersion}, opset ${opsets}`,
    '',
    ...columns([
      ['nodes', String(s.nodes)],
      ['initializers', String(s.initializers)],
      ['parameters', `${exactAndShort(s.params)}, ${formatBytes(s.weightBytes)} of constants`],
      ['MACs', `${exactAndShort(s.macs)}${at ? ` at ${at}` : ''}, FLOPs ${formatCount(s.flops)}`],
    ]),
    '',
    ...columns(values),
    '',
    ...columns([['operator', 'count'], ...Object.entries(s.opCounts)]),
    '',
  ].join('\n');
}

export const inspect: Command = {
  name: 'inspect',
  usage: 'inspect <model.onnx> [--json] [--dim name=value …]',
  summary: 'operators, inputs/outputs, parameters and MACs of a model (symbolic dims = 1 unless --dim)',
  async run(args) {
    const { positional, flags, options } = parseArgs(args, ['dim']);
    if (positional.length !== 1) throw new CliError(`usage: npm run cli -- ${this.usage}`);
    const [file] = positional;
    const symbols = Object.fromEntries((options.get('dim') ?? []).map(parseDim));
    const model = readModel(file);
    const { summary } = explainModelErrors(file, () => analyzeModel(model, { symbols }));
    for (const warning of summary.warnings) process.stderr.write(`warning: ${warning}\n`);
    if (flags.has('json')) printJson(summary);
    else process.stdout.write(text(file, summary));
    return 0;
  },
};
