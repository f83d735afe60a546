// `plan-memory <model.onnx> [--batch N] [--json]`: tensor lifetimes and three answers to "how much activation
// memory does one inference need": no reuse, the greedy-by-size arena, and the lower bound.
import path from 'node:path';
import { planMemory, type MemoryPlan } from '../../engine/index';
import { CliError, parseArgs, type Command } from '../command';
import { explainModelErrors, printJson, readModel } from '../io';
import { modelFile } from './kernels';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '–');

function text(file: string, plan: MemoryPlan): string {
  const at = Object.entries(plan.symbols)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const width = Math.max(4, ...plan.tensors.map((t) => t.name.length));
  const rows = [...plan.tensors]
    .sort((a, b) => a.offset - b.offset || a.start - b.start)
    .map(
      (t) =>
        `  ${t.name.padEnd(width)}  ${String(t.bytes).padStart(10)}  ${String(t.start).padStart(5)}  ${String(t.end).padStart(5)}  ${String(t.offset).padStart(10)}`,
    );
  const inPlaceBytes = plan.inPlace.reduce((s, p) => s + p.bytes, 0);
  return [
    `${path.basename(file)} — ${plan.tensors.length} activations over ${plan.order.length} steps${at ? ` at ${at}` : ''}, offsets aligned to ${plan.alignment} B`,
    '',
    `  naive (no reuse)     ${String(plan.naiveBytes).padStart(12)} B  ${kib(plan.naiveBytes)}`,
    `  greedy by size       ${String(plan.plannedBytes).padStart(12)} B  ${kib(plan.plannedBytes)}  (${percent(plan.plannedBytes, plan.naiveBytes)} of naive)`,
    `  lower bound          ${String(plan.lowerBoundBytes).padStart(12)} B  ${kib(plan.lowerBoundBytes)}`,
    `  in-place candidates  ${plan.inPlace.length} nodes, ${inPlaceBytes} B`,
    ...(plan.unsized.length ? [`  unknown sizes (counted as 0): ${plan.unsized.join(', ')}`] : []),
    '',
    `  ${'name'.padEnd(width)}  ${'bytes'.padStart(10)}  ${'start'.padStart(5)}  ${'end'.padStart(5)}  ${'offset'.padStart(10)}`,
    ...rows,
    '',
  ].join('\n');
}

export const planMemoryCommand: Command = {
  name: 'plan-memory',
  usage: 'plan-memory <model.onnx|zoo id> [--batch N] [--json]',
  summary: 'activation memory: tensor lifetimes, no reuse vs greedy-by-size arena vs lower bound',
  async run(args) {
    const { positional, flags, option } = parseArgs(args, ['batch']);
    if (positional.length !== 1) throw new CliError(`usage: npm run cli -- ${this.usage}`);
    const batchText = option('batch') ?? '1';
    if (!/^\d+$/.test(batchText) || Number(batchText) < 1)
      throw new CliError(`--batch wants a whole number ≥ 1 (got "${batchText}")`);
    const file = modelFile(positional[0]);
    const model = readModel(file);
    const plan = explainModelErrors(file, () => planMemory(model, { batch: Number(batchText) }));
    if (plan.unsized.length)
      process.stderr.write(`warning: unknown size (counted as 0 bytes): ${plan.unsized.join(', ')}\n`);
    if (flags.has('json')) printJson(plan);
    else process.stdout.write(text(file, plan));
    return 0;
  },
};
