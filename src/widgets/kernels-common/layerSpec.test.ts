import { describe, expect, it } from 'vitest';
import { convDirect } from '../../engine';
import {
  checkGeometry,
  customLayer,
  DEFAULT_LIMITS,
  denseMacs,
  modelLayer,
  paramsOf,
  parseShape,
  shapeText,
  type CustomShape,
} from './layerSpec';

const small: CustomShape = { c: 2, h: 6, w: 5, k: 4, r: 3, s: 3, stride: 1, pad: 1, dilation: 1, groups: 2 };
const geometry = (s: CustomShape, maxMacs = DEFAULT_LIMITS.maxMacs) =>
  checkGeometry([1, s.c, s.h, s.w], [s.k, s.c / s.groups, s.r, s.s], paramsOf(s), maxMacs);

describe('parseShape', () => {
  it('reads whole numbers within the limits', () => {
    expect(parseShape(shapeText(small))).toEqual({ shape: small, problems: [] });
  });

  it('names each field that is empty, fractional, negative or absurdly large', () => {
    const text = { ...shapeText(small), h: '', w: '2.5', pad: '-1', c: '100000' };
    const { shape, problems } = parseShape(text);
    expect(shape).toBeNull();
    expect(problems).toEqual([
      { code: 'range', field: 'c', value: '100000', min: 1, max: 64 },
      { code: 'range', field: 'h', value: '', min: 1, max: 64 },
      { code: 'range', field: 'w', value: '2.5', min: 1, max: 64 },
      { code: 'range', field: 'pad', value: '-1', min: 0, max: 8 },
    ]);
  });
});

describe('checkGeometry', () => {
  it("gives the engine's geometry: ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1", () => {
    const { shape } = geometry({ ...small, stride: 2, dilation: 2, pad: 2 });
    // H: ⌊(6 + 4 − 4 − 1)/2⌋ + 1 = 3; W: ⌊(5 + 4 − 4 − 1)/2⌋ + 1 = 3
    expect([shape?.oh, shape?.ow]).toEqual([3, 3]);
  });

  it('explains groups that do not divide the channels, kernels that do not fit, and too much work', () => {
    expect(checkGeometry([1, 3, 6, 6], [4, 1, 3, 3], { group: 2 }, 1e6).problems).toEqual([
      { code: 'groups', groups: 2, c: 3, k: 4 },
    ]);
    expect(geometry({ ...small, r: 5, dilation: 2, pad: 0 }).problems).toEqual([
      { code: 'fit', span: [9, 5], padded: [6, 5] },
    ]);
    const big = { ...small, c: 64, k: 64, h: 64, w: 64, groups: 1 };
    const macs = 64 * 64 * 64 * 64 * 9;
    expect(geometry(big).problems).toEqual([{ code: 'work', macs, max: DEFAULT_LIMITS.maxMacs }]);
  });
});

describe('customLayer and modelLayer', () => {
  it('draws the same seeded tensors for the same seed, other ones for another seed, and runs', () => {
    const { shape } = geometry(small);
    const a = customLayer(small, shape!, 7, 'integers');
    const b = customLayer(small, shape!, 7, 'integers');
    const c = customLayer(small, shape!, 8, 'integers');
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
    expect(Array.from(a.x.data)).toEqual(Array.from(b.x.data));
    expect(Array.from(a.x.data)).not.toEqual(Array.from(c.x.data));
    expect(a.w.dims).toEqual([4, 1, 3, 3]);
    expect(new Set([...a.x.data, ...a.w.data])).toEqual(new Set([-2, -1, 0, 1, 2]));
    const y = convDirect(a.x, a.w, a.bias, a.params);
    expect(y.output.dims).toEqual([1, 4, 6, 5]);
    expect(denseMacs(a.shape)).toBe(4 * 6 * 5 * 1 * 9);
  });

  it('keeps the real weights of a model layer and draws only the input', () => {
    const w = { dtype: 'float32' as const, dims: [2, 1, 3, 3], data: new Float32Array(18).fill(0.5) };
    const layer = { name: 'conv', inputDims: [1, 1, 5, 5], w, bias: null, params: { pads: [1, 1, 1, 1] } };
    const { shape } = checkGeometry(layer.inputDims, w.dims, layer.params, 1e6);
    const picked = modelLayer('digits-cnn', layer, shape!, 3, 'uniform');
    expect(picked.w).toBe(w);
    expect(picked.source).toEqual({ kind: 'model', model: 'digits-cnn', layer: 'conv' });
    expect(picked.x.dims).toEqual([1, 1, 5, 5]);
    expect(picked.x.data.every((v) => v >= -1 && v < 1)).toBe(true);
  });
});
