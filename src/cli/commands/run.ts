// `run`: the reference interpreter on a model, with inputs from files or a seeded generator.
import fs from 'node:fs';
import path from 'node:path';
import { decodeModel, run, writeNpy } from '../../engine/index';
import { CliError, parseArgs, type Command } from '../command';
import { loadInputs } from '../inputs';
import { summarize } from '../summary';

/** A file name for an output value (ONNX names may hold '/' or ':'). */
const fileName = (name: string) => `${name.replace(/[^\w.-]/g, '_')}.npy`;

export const runCommand: Command = {
  name: 'run',
  usage: 'run <model.onnx> [--input name=file.npy|file.pb|random …] [--seed S] [--out-dir DIR] [--json]',
  summary: 'run a model with the reference interpreter; write outputs as .npy',
  async run(args) {
    const { positional, flags, options, option } = parseArgs(args, ['input', 'seed', 'out-dir']);
    const file = positional[0];
    if (!file || positional.length > 1) throw new CliError(`usage: npm run cli -- ${this.usage}`);
    if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`);
    const seed = Number(option('seed') ?? 0);
    if (!Number.isInteger(seed)) throw new CliError(`--seed ${option('seed')}: expected an integer`);
    const model = decodeModel(new Uint8Array(fs.readFileSync(file)));
    const { feeds, sources } = loadInputs(model.graph, options.get('input') ?? [], seed);

    const start = performance.now();
    const outputs = run(model, feeds);
    const ms = performance.now() - start;

    const outDir = option('out-dir');
    const files: Record<string, string> = {};
    if (outDir) {
      fs.mkdirSync(outDir, { recursive: true });
      for (const [name, t] of Object.entries(outputs)) {
        files[name] = path.join(outDir, fileName(name));
        fs.writeFileSync(files[name], writeNpy(t));
      }
    }
    const report = {
      model: file,
      inputs: sources.map(({ name, source }) => ({
        name,
        source,
        dtype: feeds[name].dtype,
        shape: feeds[name].dims,
      })),
      outputs: Object.entries(outputs).map(([name, t]) => ({
        ...summarize(name, t),
        ...(files[name] ? { file: files[name] } : {}),
      })),
      ms: Math.round(ms * 10) / 10,
    };
    if (flags.has('json')) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return 0;
    }
    const lines = [`${file}: ran ${model.graph.nodes.length} nodes in ${report.ms} ms`];
    for (const i of report.inputs)
      lines.push(`  input  ${i.name} ${i.dtype}[${i.shape.join(', ')}] from ${i.source}`);
    for (const o of report.outputs) {
      const stats =
        o.min === null
          ? ''
          : ` min ${o.min.toPrecision(5)} max ${o.max!.toPrecision(5)} mean ${o.mean!.toPrecision(5)}`;
      const argmax = o.argmax
        ? ` argmax [${o.argmax.slice(0, 10).join(', ')}${o.argmax.length > 10 ? ', …' : ''}]`
        : '';
      lines.push(
        `  output ${o.name} ${o.dtype}[${o.shape.join(', ')}]${stats}${argmax}${'file' in o ? ` → ${o.file}` : ''}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
