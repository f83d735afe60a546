// `layout <model.onnx|zoo id> [--batch N] [--out file.onnx] [--json]`: the NHWC conversion (pass layout-nhwc)
// of a model — the transposes before and after and the bytes they move, whether onnxruntime-web can run the
// result — and what the blocked NC4HW4 layout would cost its feature maps.
import fs from 'node:fs';
import path from 'node:path';
import {
  blockedLayoutReport, convertToNhwc, encodeModel, ortWebBlockers, transposeReport,
  type BlockedLayoutReport, type OrtWebBlocker, type TransposeReport,
} from '../../engine/index'; // prettier-ignore
import { CliError, parseArgs, type Command } from '../command';
import { explainModelErrors, printJson, readModel } from '../io';
import { modelFile } from './kernels';

export interface LayoutReport {
  batch: number;
  rewrites: string[];
  before: TransposeReport;
  after: TransposeReport;
  ortWeb: { runs: boolean; blockers: OrtWebBlocker[] };
  nc4hw4: Omit<BlockedLayoutReport, 'otherActivations'> & { otherActivations: number };
}

const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;

function text(file: string, r: LayoutReport): string {
  const transposes = (t: TransposeReport) =>
    t.transposes.map((x) => `    ${x.node}  perm [${x.perm?.join(', ') ?? '?'}]  ${bytes(x.bytes)}`);
  const blockedBy = [...new Set(r.ortWeb.blockers.map((b) => b.reason))];
  const percent = r.nc4hw4.bytes > 0 ? ((100 * r.nc4hw4.extraBytes) / r.nc4hw4.bytes).toFixed(1) : '0';
  return [
    `${path.basename(file)} — NHWC conversion at batch ${r.batch}: ${r.rewrites.length} rewrites`,
    '',
    `  transposes before  ${r.before.transposes.length}, moving ${bytes(r.before.movedBytes)} per inference`,
    `  transposes after   ${r.after.transposes.length}, moving ${bytes(r.after.movedBytes)} per inference (read + write)`,
    ...transposes(r.after),
    '',
    r.ortWeb.runs
      ? '  onnxruntime-web: runs the converted model'
      : `  onnxruntime-web: cannot run the converted model (${r.ortWeb.blockers.length} node${r.ortWeb.blockers.length > 1 ? 's' : ''}): ${blockedBy.join('; ')}`,
    '',
    `  NC4HW4 what-if: ${r.nc4hw4.activations.length} feature maps, ${bytes(r.nc4hw4.bytes)} → ${bytes(r.nc4hw4.blockedBytes)} (+${bytes(r.nc4hw4.extraBytes)}, +${percent}%)`,
    '',
  ].join('\n');
}

export const layoutCommand: Command = {
  name: 'layout',
  usage: 'layout <model.onnx|zoo id> [--batch N] [--out converted.onnx] [--json]',
  summary: 'NHWC conversion: transposes before/after and their bytes, onnxruntime-web support, NC4HW4 cost',
  async run(args) {
    const { positional, flags, option } = parseArgs(args, ['batch', 'out']);
    if (positional.length !== 1) throw new CliError(`usage: npm run cli -- ${this.usage}`);
    const batchText = option('batch') ?? '1';
    if (!/^\d+$/.test(batchText) || Number(batchText) < 1)
      throw new CliError(`--batch wants a whole number ≥ 1 (got "${batchText}")`);
    const batch = Number(batchText);
    const file = modelFile(positional[0]);
    const model = readModel(file);
    const report = explainModelErrors(file, (): LayoutReport => {
      const { model: converted, rewrites } = convertToNhwc(model);
      const blockers = ortWebBlockers(converted);
      const nc4hw4 = blockedLayoutReport(model, { batch });
      const out = option('out');
      if (out) fs.writeFileSync(out, encodeModel(converted));
      return {
        batch,
        rewrites: rewrites.map((r) => r.summary),
        before: transposeReport(model, { batch }),
        after: transposeReport(converted, { batch }),
        ortWeb: { runs: blockers.length === 0, blockers },
        nc4hw4: { ...nc4hw4, otherActivations: nc4hw4.otherActivations.length },
      };
    });
    if (flags.has('json')) printJson(report);
    else process.stdout.write(text(file, report));
    return 0;
  },
};
