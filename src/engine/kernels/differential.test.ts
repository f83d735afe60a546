// Every algorithm against direct convolution on layers with seeded random shapes (rtol 1e-4, atol 1e-5·max|y|;
// exact for the 8-bit kernel against the integer reference).
import { describe, expect, it } from 'vitest';
import { closeness, randomConvCases } from '../../../scripts/testing/conv-cases';
import type { Tensor } from '../ir/tensor';
import { convShape } from './conv-shape';
import { convQLinearReference, type QTensor } from './conv-integer';
import { convDirect } from './direct';
import { convIm2col } from './im2col';
import { convIndirect } from './indirect';
import { convIndirectQuantized } from './indirect-quantized';
import type { ConvQuantParams } from './requantize';
import { seededRandom } from '../stats/rng';
import { convWinograd, winogradNotApplicable } from './winograd';

const cases = randomConvCases(40, 2024);

describe('differential: seeded random shapes', () => {
  it('cover groups, depthwise, stride 2, dilation, asymmetric padding and Winograd-eligible layers', () => {
    const shapes = cases.map((c) => convShape(c.x.dims, c.w.dims, c.params));
    expect(shapes.some((s) => s.group > 1 && s.cg > 1)).toBe(true);
    expect(shapes.some((s) => s.group === s.c && s.c > 1)).toBe(true);
    expect(shapes.some((s) => s.strideH === 2 || s.strideW === 2)).toBe(true);
    expect(shapes.some((s) => s.dilationH === 2 || s.dilationW === 2)).toBe(true);
    expect(shapes.some((s) => s.padTop !== s.padBottom || s.padLeft !== s.padRight)).toBe(true);
    expect(shapes.filter((s) => !winogradNotApplicable(s)).length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('float algorithms equal direct: $name', ({ x, w, bias, params }) => {
    const want = convDirect(x, w, bias, params).output.data;
    const got: [string, Float32Array][] = [
      ['im2col naive', convIm2col(x, w, bias, params, { gemm: 'naive' }).output.data],
      ['im2col blocked', convIm2col(x, w, bias, params).output.data],
      ['indirect', convIndirect(x, w, bias, params).output.data],
    ];
    if (!winogradNotApplicable(convShape(x.dims, w.dims, params)))
      for (const variant of ['F(2,3)', 'F(4,3)'] as const)
        got.push([variant, convWinograd(x, w, bias, params, { variant }).output.data]);
    for (const [name, y] of got) expect(closeness(y, want), name).toBeLessThanOrEqual(0);
  });

  it.each(cases)('8-bit indirect equals the integer reference exactly: $name', ({ x, w, bias, params }) => {
    const random = seededRandom(x.data.length);
    const byte = () => Math.floor(random() * 256);
    const xq: QTensor = { dtype: 'uint8', dims: x.dims, data: Uint8Array.from(x.data, byte) };
    const wq: QTensor = { dtype: 'int8', dims: w.dims, data: Int8Array.from(w.data, () => byte() - 128) };
    const bq: Tensor<'int32'> | null = bias && {
      dtype: 'int32',
      dims: bias.dims,
      data: Int32Array.from(bias.data, (v) => Math.round(v * 1000)),
    };
    const quant: ConvQuantParams = {
      x: { scale: 0.01, zeroPoint: byte() },
      w: { scale: 0.003, zeroPoint: byte() - 128 },
      y: { scale: 0.02 + random(), zeroPoint: byte() },
    };
    expect(Array.from(convIndirectQuantized(xq, wq, bq, params, quant).output.data)).toEqual(
      Array.from(convQLinearReference(xq, wq, bq, params, quant).data),
    );
  });
});
