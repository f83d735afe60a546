// `npm run cli -- kernels`: every convolution algorithm on one layer, side by side: operation counts, extra
// memory, time and error against the float64 direct reference, all measured in this run.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CONV_ALGORITHMS, convLayerFromModel, convLayerNames, convLayersOfModel, convReference64, convShape, decodeModel, isModelError,
  seededRandom, numericError, parseManifest, randomUniformTensor, type ConvParams, type Tensor,
} from '../../engine/index'; // prettier-ignore
import { CliError, parseArgs, type Command } from '../command';

export interface KernelsLayer {
  source: string;
  input: number[];
  weight: number[];
  bias: boolean;
  params: Required<ConvParams>;
  output: number[];
}

export type KernelsRow =
  | {
      algo: string;
      mults: number;
      adds: number;
      transformOps: number;
      extraBytes: number;
      ms: number;
      maxAbsErr: number;
      maxRelErr: number;
    }
  | { algo: string; notApplicable: string };

export interface KernelsReport {
  layer: KernelsLayer;
  results: KernelsRow[];
}

const DEFAULT_SHAPE = [1, 32, 30, 30, 32, 3, 3];

function numbers(flag: string, value: string, count?: number): number[] {
  const v = value.split(',').map(Number);
  if (!v.every((x) => Number.isInteger(x) && x >= 0) || (count !== undefined && v.length !== count))
    throw new CliError(
      `--${flag} takes ${count ?? 'one or more'} non-negative integers separated by commas, got "${value}"`,
    );
  return v;
}

/** --stride 2 means 2×2; --pad 1 means 1 on every side; --pad t,l,b,r gives them apart. */
function pairOrSame(flag: string, value: string | undefined, size: number): number[] | undefined {
  if (value === undefined) return undefined;
  const v = numbers(flag, value);
  if (v.length === 1) return new Array(size).fill(v[0]);
  if (v.length !== size) throw new CliError(`--${flag} takes 1 or ${size} integers, got "${value}"`);
  return v;
}

/** A file path, or the id of a zoo model in public/models/manifest.json. */
export function modelFile(idOrPath: string, dir = path.join('public', 'models')): string {
  if (fs.existsSync(idOrPath)) return idOrPath;
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile))
    throw new CliError(`--model: no file "${idOrPath}" and no zoo manifest ${manifestFile}`);
  const { models } = parseManifest(JSON.parse(fs.readFileSync(manifestFile, 'utf8')));
  const model = models.find((m) => m.id === idOrPath);
  if (!model)
    throw new CliError(
      `--model: no file "${idOrPath}" and no zoo model of that id; the zoo has ${models.map((m) => m.id).join(', ')}`,
    );
  return path.join(dir, model.file);
}

export interface KernelsOptions {
  x: Tensor<'float32'>;
  w: Tensor<'float32'>;
  bias: Tensor<'float32'> | null;
  params: ConvParams;
  source: string;
  /** Timed rounds; each round runs every algorithm once, so load on a shared machine falls on all alike. */
  rounds?: number;
}

/**
 * Runs every algorithm on the layer: counts and error from a first run, then the median time of `rounds`
 * interleaved rounds — all measured in this one run.
 */
export function measureKernels({ x, w, bias, params, source, rounds = 5 }: KernelsOptions): KernelsReport {
  const s = convShape(x.dims, w.dims, params);
  const ref = convReference64(x, w, bias, params);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of ref) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const runs = CONV_ALGORITHMS.map((algo) => {
    const reason = algo.notApplicable(s);
    if (reason) return { algo, reason };
    const run = algo.prepare(x, w, bias, params, [lo, hi]);
    const counts = run.run();
    return { algo, run, counts, err: numericError(run.output(), ref), samples: [] as number[] };
  });
  for (let round = 0; round < rounds; round++)
    for (const r of runs)
      if (r.run) {
        const t0 = performance.now();
        r.run.run();
        r.samples.push(performance.now() - t0);
      }
  const results: KernelsRow[] = runs.map((r) => {
    if (!r.run) return { algo: r.algo.name, notApplicable: r.reason };
    const { mults, adds, transformOps, extraBytes } = r.counts;
    const ms = [...r.samples].sort((a, b) => a - b)[Math.floor(r.samples.length / 2)];
    return {
      algo: r.algo.name,
      mults,
      adds,
      transformOps,
      extraBytes,
      ms,
      maxAbsErr: r.err.maxAbsErr,
      maxRelErr: r.err.maxRelErr,
    };
  });
  const layer: KernelsLayer = {
    source,
    input: x.dims,
    weight: w.dims,
    bias: bias !== null,
    params: {
      strides: [s.strideH, s.strideW],
      pads: [s.padTop, s.padLeft, s.padBottom, s.padRight],
      dilations: [s.dilationH, s.dilationW],
      group: s.group,
    },
    output: [s.n, s.m, s.oh, s.ow],
  };
  return { layer, results };
}

const fmt = (v: number) =>
  Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3)
    ? v.toExponential(2)
    : Number.isInteger(v)
      ? String(v)
      : v.toPrecision(3);

function printTable({ layer, results }: KernelsReport): void {
  const p = layer.params;
  console.log(
    `layer: ${layer.source}; input [${layer.input}], weight [${layer.weight}]${layer.bias ? ' + bias' : ''}, ` +
      `strides [${p.strides}], pads [${p.pads}], dilations [${p.dilations}], group ${p.group} → output [${layer.output}]`,
  );
  const direct = results.find((r) => r.algo === 'direct');
  const directMults = direct && 'mults' in direct ? direct.mults : NaN;
  const header = [
    'algo',
    'mults',
    'direct/mults',
    'adds',
    'transformOps',
    'extraBytes',
    'ms',
    'maxAbsErr',
    'maxRelErr',
  ];
  const rows = results.map((r) =>
    'notApplicable' in r
      ? [r.algo, `not applicable: ${r.notApplicable}`]
      : [
          r.algo,
          fmt(r.mults),
          (directMults / r.mults).toFixed(2),
          fmt(r.adds),
          fmt(r.transformOps),
          fmt(r.extraBytes),
          r.ms < 1 ? r.ms.toFixed(3) : r.ms.toFixed(1),
          fmt(r.maxAbsErr),
          fmt(r.maxRelErr),
        ],
  );
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.filter((r) => i === 0 || r.length > 2).map((r) => r[i].length)),
  );
  console.log(header.map((h, i) => h.padStart(widths[i])).join('  '));
  for (const r of rows)
    console.log(
      r.length === 2
        ? `${r[0].padStart(widths[0])}  ${r[1]}`
        : r.map((c, i) => c.padStart(widths[i])).join('  '),
    );
  console.log(
    'input values: seeded uniform [-1, 1); time: median of interleaved rounds; error: against float64 direct convolution',
  );
}

export const kernels: Command = {
  name: 'kernels',
  usage:
    'kernels [--shape N,C,H,W,K,R,S] [--stride s] [--pad p] [--dilation d] [--group g] [--model file|id --layer name [--input N,C,H,W]] [--seed n] [--json]',
  summary: 'every convolution algorithm on one layer: counts, extra memory, time and error',
  async run(args) {
    const a = parseArgs(args, [
      'shape',
      'stride',
      'pad',
      'dilation',
      'group',
      'model',
      'layer',
      'input',
      'seed',
    ]);
    const unknownFlags = [...a.flags].filter((f) => f !== 'json');
    if (unknownFlags.length || a.positional.length)
      throw new CliError(
        `kernels: unexpected ${[...unknownFlags.map((f) => `--${f}`), ...a.positional].join(' ')}\nusage: npm run cli -- ${kernels.usage}`,
      );
    const random = seededRandom(numbers('seed', a.option('seed') ?? '1', 1)[0]);
    let report: KernelsReport;
    try {
      if (a.option('model') !== undefined) {
        const layerName = a.option('layer');
        const file = modelFile(a.option('model')!);
        const model = decodeModel(new Uint8Array(fs.readFileSync(file)));
        if (!layerName)
          throw new CliError(
            `--model needs --layer; the Conv layers of ${file}: ${convLayerNames(model).join(', ') || 'none'}`,
          );
        // Without --input, the layer's input shape comes from shape inference (a layer deep in the network too).
        const input = a.option('input');
        const inferred = input
          ? undefined
          : convLayersOfModel(model).find((l) => l.name === layerName)?.layer;
        const layer =
          inferred ?? convLayerFromModel(model, layerName, input ? numbers('input', input, 4) : undefined);
        const x = randomUniformTensor(random, layer.inputDims);
        report = measureKernels({
          x,
          w: layer.w,
          bias: layer.bias,
          params: layer.params,
          source: `${file} layer ${layer.name} (real weights)`,
        });
      } else {
        const [n, c, h, w, k, r, s] = numbers('shape', a.option('shape') ?? DEFAULT_SHAPE.join(','), 7);
        const group = Number(a.option('group') ?? 1);
        const params: ConvParams = {
          strides: pairOrSame('stride', a.option('stride'), 2),
          pads: pairOrSame('pad', a.option('pad'), 4),
          dilations: pairOrSame('dilation', a.option('dilation'), 2),
          group,
        };
        const x = randomUniformTensor(random, [n, c, h, w]);
        const weights = randomUniformTensor(random, [k, Math.floor(c / group) || 1, r, s]);
        const bias = randomUniformTensor(random, [k]);
        report = measureKernels({ x, w: weights, bias, params, source: 'seeded random weights' });
      }
    } catch (e) {
      if (isModelError(e))
        throw new CliError(
          `kernels: ${e.message}${/give the input shape/.test(e.message) ? ' with --input N,C,H,W' : ''}`,
        );
      throw e;
    }
    if (a.flags.has('json')) console.log(JSON.stringify(report, null, 2));
    else printTable(report);
    return 0;
  },
};
