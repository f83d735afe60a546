// Test helper: seeded random convolution layers covering what every kernel must handle, and the comparison
// used by the differential tests (every algorithm against direct convolution).
import type { ConvParams } from '../../src/engine/kernels/conv-shape';
import { randomUniformTensor } from '../../src/engine/kernels/seeded';
import { seededRandom } from '../../src/engine/stats/rng';
import type { Tensor } from '../../src/engine/ir/tensor';

export interface ConvCase {
  name: string;
  x: Tensor<'float32'>;
  w: Tensor<'float32'>;
  bias: Tensor<'float32'> | null;
  params: ConvParams;
}

interface Layer {
  name: string;
  input: number[];
  m: number;
  kernel: [number, number];
  params: ConvParams;
  bias?: boolean;
}

const layers: Layer[] = [
  {
    name: '3×3 pad 1',
    input: [1, 5, 8, 8],
    m: 6,
    kernel: [3, 3],
    params: { pads: [1, 1, 1, 1] },
    bias: true,
  },
  {
    name: '3×3 odd sizes, batch 2',
    input: [2, 3, 7, 9],
    m: 5,
    kernel: [3, 3],
    params: { pads: [1, 1, 1, 1] },
  },
  { name: '3×3 no padding', input: [1, 4, 10, 6], m: 3, kernel: [3, 3], params: {}, bias: true },
  {
    name: '3×3 asymmetric padding',
    input: [1, 3, 9, 11],
    m: 4,
    kernel: [3, 3],
    params: { pads: [2, 0, 1, 3] },
  },
  {
    name: 'stride 2',
    input: [1, 4, 11, 9],
    m: 8,
    kernel: [3, 3],
    params: { strides: [2, 2], pads: [1, 1, 1, 1] },
    bias: true,
  },
  { name: 'groups 2', input: [1, 6, 7, 7], m: 4, kernel: [3, 3], params: { group: 2, pads: [1, 1, 1, 1] } },
  {
    name: 'depthwise',
    input: [2, 8, 9, 10],
    m: 8,
    kernel: [3, 3],
    params: { group: 8, pads: [1, 1, 1, 1] },
    bias: true,
  },
  {
    name: 'depthwise stride 2',
    input: [1, 5, 12, 13],
    m: 5,
    kernel: [3, 3],
    params: { group: 5, strides: [2, 2], pads: [1, 1, 1, 1] },
  },
  {
    name: '5×3 dilated',
    input: [1, 3, 12, 10],
    m: 4,
    kernel: [5, 3],
    params: { dilations: [2, 1], pads: [2, 1, 3, 0] },
  },
  { name: '1×1', input: [1, 16, 5, 5], m: 7, kernel: [1, 1], params: {}, bias: true },
  {
    name: '7×7 stride 2',
    input: [1, 3, 17, 15],
    m: 4,
    kernel: [7, 7],
    params: { strides: [2, 2], pads: [3, 3, 3, 3] },
  },
  {
    name: 'wide 3×3 (64 channels)',
    input: [1, 64, 6, 6],
    m: 16,
    kernel: [3, 3],
    params: { pads: [1, 1, 1, 1] },
    bias: true,
  },
];

export function convCases(seed = 42): ConvCase[] {
  const random = seededRandom(seed);
  return layers.map(({ name, input, m, kernel, params, bias }) => ({
    name,
    x: randomUniformTensor(random, input),
    w: randomUniformTensor(random, [m, input[1] / (params.group ?? 1), ...kernel]),
    bias: bias ? randomUniformTensor(random, [m]) : null,
    params,
  }));
}

/**
 * Layers with seeded random shapes: batch, channels, groups (including depthwise), kernel 1–5, stride 1–2,
 * asymmetric padding 0–2, dilation 1–2, odd and even sizes. Every fourth is a 3×3 stride-1 layer so that
 * Winograd gets its share.
 */
export function randomConvCases(count: number, seed: number): ConvCase[] {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const cases: ConvCase[] = [];
  for (let i = 0; i < count; i++) {
    const winograd = i % 4 === 0;
    const group = [1, 1, 2, 3][int(0, 3)];
    const depthwise = random() < 0.2;
    const cg = depthwise ? 1 : int(1, 6);
    const mg = depthwise ? 1 : int(1, 5);
    const c = cg * (depthwise ? int(2, 6) : group);
    const g = depthwise ? c : group;
    const m = mg * g;
    const kernel: [number, number] = winograd ? [3, 3] : [int(1, 5), int(1, 5)];
    const strides = winograd ? [1, 1] : [int(1, 2), int(1, 2)];
    const dilations = winograd ? [1, 1] : [int(1, 2), int(1, 2)];
    const pads = [int(0, 2), int(0, 2), int(0, 2), int(0, 2)];
    const h = int(dilations[0] * (kernel[0] - 1) + 1, 13);
    const w = int(dilations[1] * (kernel[1] - 1) + 1, 13);
    const params: ConvParams = { strides, pads, dilations, group: g };
    cases.push({
      name: `#${i} n${1 + (i % 2)} c${c} m${m} g${g} k${kernel.join('×')} s${strides} p${pads} d${dilations} ${h}×${w}`,
      x: randomUniformTensor(random, [1 + (i % 2), c, h, w]),
      w: randomUniformTensor(random, [m, c / g, ...kernel]),
      bias: random() < 0.5 ? randomUniformTensor(random, [m]) : null,
      params,
    });
  }
  return cases;
}

/**
 * The largest violation of |y − ref| ≤ atol + rtol·|ref| (≤ 0 means every element passes), for rtol 1e-4 and
 * atol 1e-5·max|ref| (outputs near zero cannot meet a purely relative bound).
 */
export function closeness(y: ArrayLike<number>, ref: ArrayLike<number>, rtol = 1e-4): number {
  let scale = 0;
  for (let i = 0; i < ref.length; i++) scale = Math.max(scale, Math.abs(ref[i]));
  let worst = -Infinity;
  for (let i = 0; i < ref.length; i++)
    worst = Math.max(worst, Math.abs(y[i] - ref[i]) - (1e-5 * scale + rtol * Math.abs(ref[i])));
  return y.length === ref.length ? worst : Infinity;
}
