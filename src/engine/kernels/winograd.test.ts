import { describe, expect, it } from 'vitest';
import { closeness, convCases } from '../../../scripts/testing/conv-cases';
import { ModelError } from '../errors';
import { Recorder } from '../trace/trace';
import { convShape } from './conv-shape';
import { convDirect, convReference64 } from './direct';
import { numericError } from './error';
import { randomUniformTensor } from './seeded';
import { seededRandom } from '../stats/rng';
import { convWinograd, winogradNotApplicable, type WinogradEvent } from './winograd';
import { sparse, transform2d, WINOGRAD } from './winograd-transforms';

const matVec = (A: number[][], v: number[]) => A.map((row) => row.reduce((s, a, j) => s + a * v[j], 0));

describe('Winograd transforms', () => {
  it.each(['F(2,3)', 'F(4,3)'] as const)(
    '%s: Aᵀ[(G g) ⊙ (Bᵀ d)] is the correlation of d with g',
    (variant) => {
      const { m, alpha, BT, G, AT } = WINOGRAD[variant];
      const random = seededRandom(21);
      for (let trial = 0; trial < 20; trial++) {
        const d = Array.from({ length: alpha }, () => random() * 2 - 1);
        const g = Array.from({ length: 3 }, () => random() * 2 - 1);
        const u = matVec(G, g);
        const v = matVec(BT, d);
        const y = matVec(
          AT,
          u.map((ui, i) => ui * v[i]),
        );
        for (let i = 0; i < m; i++)
          expect(y[i]).toBeCloseTo(d[i] * g[0] + d[i + 1] * g[1] + d[i + 2] * g[2], 12);
      }
    },
  );

  it('F(2×2,3×3) transforms cost the published 32 input and 24 output additions per tile', () => {
    // Lavin & Gray 2016, section 4.1: "the data transform uses 32 additions, … the inverse transform 24 additions".
    const batch = (L: number) => ({ data: new Float32Array(16 * L), base: 0, stride: L });
    expect(transform2d(sparse(WINOGRAD['F(2,3)'].BT), batch(1), new Float32Array(16), batch(1), 1)).toBe(32);
    expect(transform2d(sparse(WINOGRAD['F(2,3)'].AT), batch(1), new Float32Array(16), batch(1), 1)).toBe(24);
    expect(transform2d(sparse(WINOGRAD['F(2,3)'].BT), batch(5), new Float32Array(80), batch(5), 5)).toBe(
      5 * 32,
    );
  });

  it.each(['F(2,3)', 'F(4,3)'] as const)(
    '%s: transform2d computes T·X·Tᵀ for a batch of matrices',
    (variant) => {
      const { BT, AT, G, alpha } = WINOGRAD[variant];
      const random = seededRandom(22);
      const L = 3;
      for (const T of [BT, AT, G]) {
        const [p, q] = [T.length, T[0].length];
        const X = Array.from({ length: L }, () =>
          Array.from({ length: q }, () => Array.from({ length: q }, () => random())),
        );
        // Element (i, j) of matrix t at base + (i·q + j)·stride + t, with a base and stride other than the defaults.
        const input = new Float32Array(2 + q * q * (L + 1));
        X.forEach((m, t) =>
          m.forEach((row, i) => row.forEach((v, j) => (input[2 + (i * q + j) * (L + 1) + t] = v))),
        );
        const out = new Float32Array(p * p * L);
        transform2d(
          sparse(T),
          { data: input, base: 2, stride: L + 1 },
          new Float32Array(alpha * alpha * L),
          { data: out, base: 0, stride: L },
          L,
        );
        X.forEach((m, t) => {
          const want = T.map((row) =>
            T.map((col) =>
              row.reduce((s, a, k) => s + a * col.reduce((u, b, l) => u + Math.fround(m[k][l]) * b, 0), 0),
            ),
          );
          for (let i = 0; i < p; i++)
            for (let j = 0; j < p; j++) expect(out[(i * p + j) * L + t]).toBeCloseTo(want[i][j], 4);
        });
      }
    },
  );
});

describe('convWinograd', () => {
  const applicable = convCases().filter(
    (c) => !winogradNotApplicable(convShape(c.x.dims, c.w.dims, c.params)),
  );
  it('the differential cases include edge tiles, groups and depthwise', () => {
    expect(applicable.map((c) => c.name)).toEqual(
      expect.arrayContaining(['3×3 odd sizes, batch 2', '3×3 asymmetric padding', 'groups 2', 'depthwise']),
    );
  });

  for (const variant of ['F(2,3)', 'F(4,3)'] as const)
    it.each(applicable)(`${variant} equals direct convolution: $name`, ({ x, w, bias, params }) => {
      const want = convDirect(x, w, bias, params).output;
      const got = convWinograd(x, w, bias, params, { variant }).output;
      expect(got.dims).toEqual(want.dims);
      expect(closeness(got.data, want.data)).toBeLessThanOrEqual(0);
    });

  it('on tile-aligned layers does 2.25× (F(2×2,3×3)) and 4× (F(4×4,3×3)) fewer multiplications than direct', () => {
    const random = seededRandom(23);
    // No padding and Ho = Wo = 12, a multiple of both tile sizes, so direct skips no tap and no tile is partial.
    const x = randomUniformTensor(random, [1, 8, 14, 14]);
    const w = randomUniformTensor(random, [6, 8, 3, 3]);
    const direct = convDirect(x, w, null).counts.mults;
    expect(direct).toBe(6 * 8 * 9 * 12 * 12);
    expect(direct / convWinograd(x, w, null, {}, { variant: 'F(2,3)' }).counts.mults).toBe(2.25);
    expect(direct / convWinograd(x, w, null, {}, { variant: 'F(4,3)' }).counts.mults).toBe(4);
  });

  it('counts transform arithmetic and buffers apart from the products', () => {
    const random = seededRandom(24);
    const [N, C, M, H] = [2, 3, 5, 8];
    const y = convWinograd(
      randomUniformTensor(random, [N, C, H, H]),
      randomUniformTensor(random, [M, C, 3, 3]),
      null,
      { pads: [1, 1, 1, 1] },
      { variant: 'F(2,3)' },
    );
    const tiles = N * (H / 2) * (H / 2);
    // Filter G g Gᵀ: 10 operations per application of G (rows ½(g0+g1+g2), ½(g0−g1+g2)), 3 + 4 applications.
    expect(y.counts.transformOps).toBe(M * C * 70 + C * tiles * 32 + M * tiles * 24);
    const bytes = Object.fromEntries(y.counts.buffers.map((b) => [b.name, b.elements]));
    expect(bytes['transformed filters U']).toBe(16 * M * C);
    expect(bytes['transformed input tiles V']).toBe(16 * C * tiles);
    expect(bytes['products M']).toBe(16 * M * tiles);
  });

  it('the trace replays every step: the products of each tile are Σ_c U ⊙ V of the traced transforms', () => {
    const random = seededRandom(25);
    const x = randomUniformTensor(random, [1, 4, 5, 7]);
    const w = randomUniformTensor(random, [4, 2, 3, 3]);
    const bias = randomUniformTensor(random, [4]);
    const recorder = new Recorder<WinogradEvent>();
    const params = { group: 2, pads: [1, 0, 1, 2] };
    const y = convWinograd(x, w, bias, params, { variant: 'F(4,3)', recorder });
    const of = <K extends WinogradEvent['kind']>(kind: K) =>
      recorder.events.filter((e): e is Extract<WinogradEvent, { kind: K }> => e.kind === kind);
    const U = new Map(of('filter').map((e) => [`${e.data.m},${e.data.c}`, e.data.u]));
    const V = new Map(of('input').map((e) => [`${e.data.c},${e.data.t}`, e.data.v]));
    const outputs = of('output');
    expect(outputs.length).toBe(4 * 2 * 2); // 4 channels × 2×2 tiles of the 5×7 output (edge tiles clipped)
    let mults = 0;
    for (const { data } of outputs) {
      const c0 = Math.floor(data.m / 2) * 2;
      data.product.forEach((p, xi) => {
        const sum = [c0, c0 + 1].reduce(
          (s, c) => s + U.get(`${data.m},${c}`)![xi] * V.get(`${c},${data.t}`)![xi],
          0,
        );
        expect(p).toBeCloseTo(sum, 4);
      });
      mults += data.mults;
      for (let i = 0; i < data.rows; i++)
        for (let j = 0; j < data.cols; j++)
          expect(y.output.data[(data.m * 5 + data.oh0 + i) * 7 + data.ow0 + j]).toBe(
            Math.fround(data.y[i * 4 + j]),
          );
    }
    expect(mults).toBe(y.counts.mults);
    // Independently of the events' own counts: each output tile multiplies α² products for every input
    // channel of its group whose tile was transformed.
    const inputs = of('input');
    const products = outputs.reduce((s, { data }) => {
      const group = Math.floor(data.m / 2);
      return s + 36 * inputs.filter((e) => e.data.t === data.t && Math.floor(e.data.c / 2) === group).length;
    }, 0);
    expect(products).toBe(y.counts.mults);
  });

  it.each(['F(2,3)', 'F(4,3)'] as const)(
    '%s: each traced transform is its two stages, G g then (G g) Gᵀ, Bᵀ d then (Bᵀ d) B, Aᵀ M then (Aᵀ M) A',
    (variant) => {
      const { m: tile, alpha, BT, G, AT } = WINOGRAD[variant];
      const random = seededRandom(29);
      const x = randomUniformTensor(random, [1, 2, 7, 6]);
      const w = randomUniformTensor(random, [2, 2, 3, 3]);
      const bias = randomUniformTensor(random, [2]);
      const recorder = new Recorder<WinogradEvent>();
      convWinograd(x, w, bias, { pads: [1, 1, 1, 1] }, { variant, recorder });
      // Plain float64 matrix products of the published matrices, row-major.
      const matMul = (a: number[], b: number[], n: number, k: number, p: number) =>
        Array.from({ length: n * p }, (_, ij) =>
          Array.from({ length: k }, (_, l) => a[Math.floor(ij / p) * k + l] * b[l * p + (ij % p)]).reduce((s, v) => s + v, 0),
        ); // prettier-ignore
      const flat = (mat: number[][]) => mat.flat();
      const transpose = (mat: number[][]) => mat[0].map((_, j) => mat.map((row) => row[j])).flat();
      const close = (got: number[], want: number[]) => {
        expect(got).toHaveLength(want.length);
        got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
      };
      let checked = 0;
      for (const e of recorder.events) {
        if (e.kind === 'filter') {
          close(e.data.gg, matMul(flat(G), e.data.g, alpha, 3, 3));
          close(e.data.u, matMul(e.data.gg, transpose(G), alpha, 3, alpha));
        } else if (e.kind === 'input') {
          close(e.data.bd, matMul(flat(BT), e.data.d, alpha, alpha, alpha));
          close(e.data.v, matMul(e.data.bd, transpose(BT), alpha, alpha, alpha));
        } else if (e.kind === 'output') {
          close(e.data.am, matMul(flat(AT), e.data.product, tile, alpha, alpha));
          const y = matMul(e.data.am, transpose(AT), tile, alpha, tile).map((v) => v + bias.data[e.data.m]);
          close(e.data.y, y);
        } else continue;
        checked++;
      }
      expect(checked).toBeGreaterThan(10);
    },
  );

  it('a recorder that accepts only output channel 0 keeps its filters and tiles, with the same result', () => {
    const random = seededRandom(30);
    const x = randomUniformTensor(random, [1, 3, 8, 8]);
    const w = randomUniformTensor(random, [4, 3, 3, 3]);
    const recorder = new Recorder<WinogradEvent>(100_000, (e) => !('m' in e.data) || e.data.m === 0);
    const traced = convWinograd(x, w, null, {}, { variant: 'F(2,3)', recorder });
    const plain = convWinograd(x, w, null, {}, { variant: 'F(2,3)' });
    const kinds = recorder.events.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'filter')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'input')).toHaveLength(3 * 9);
    expect(kinds.filter((k) => k === 'gemm')).toHaveLength(16);
    expect(kinds.filter((k) => k === 'output')).toHaveLength(9);
    expect(recorder.events.map((e) => e.step)).toEqual(kinds.map((_, i) => i));
    expect(Array.from(traced.output.data)).toEqual(Array.from(plain.output.data));
  });

  it('a recorder with a limit keeps the first steps and changes nothing in the result', () => {
    const random = seededRandom(28);
    const x = randomUniformTensor(random, [1, 3, 9, 9]);
    const w = randomUniformTensor(random, [2, 3, 3, 3]);
    const recorder = new Recorder<WinogradEvent>(10);
    const traced = convWinograd(x, w, null, { pads: [1, 1, 1, 1] }, { variant: 'F(4,3)', recorder });
    const plain = convWinograd(x, w, null, { pads: [1, 1, 1, 1] }, { variant: 'F(4,3)' });
    expect(recorder.events.map((e) => e.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(traced.output.data)).toEqual(Array.from(plain.output.data));
    expect(traced.counts).toEqual(plain.counts);
  });

  it('error against float64 grows with the tile size, and much more with float16 transforms', () => {
    const random = seededRandom(26);
    const x = randomUniformTensor(random, [1, 32, 16, 16]);
    const w = randomUniformTensor(random, [16, 32, 3, 3]);
    const params = { pads: [1, 1, 1, 1] };
    const ref = convReference64(x, w, null, params);
    const err = (y: Float32Array) => numericError(y, ref).maxAbsErr;
    const direct = err(convDirect(x, w, null, params).output.data);
    const f2 = err(convWinograd(x, w, null, params, { variant: 'F(2,3)' }).output.data);
    const f4 = err(convWinograd(x, w, null, params, { variant: 'F(4,3)' }).output.data);
    const f2h = err(convWinograd(x, w, null, params, { variant: 'F(2,3)', fp16: true }).output.data);
    const f4h = err(convWinograd(x, w, null, params, { variant: 'F(4,3)', fp16: true }).output.data);
    expect(direct).toBeLessThan(f2);
    expect(f2).toBeLessThan(f4);
    expect(f4).toBeLessThan(f2h);
    expect(f2h).toBeLessThan(f4h);
  });

  it('reports shapes it does not apply to', () => {
    const random = seededRandom(27);
    const x = randomUniformTensor(random, [1, 2, 8, 8]);
    const w3 = randomUniformTensor(random, [2, 2, 3, 3]);
    expect(() => convWinograd(x, w3, null, { strides: [2, 2] }, { variant: 'F(2,3)' })).toThrow(ModelError);
    expect(() => convWinograd(x, w3, null, { dilations: [2, 2] }, { variant: 'F(4,3)' })).toThrow(/dilation/);
    expect(() =>
      convWinograd(x, randomUniformTensor(random, [2, 2, 5, 5]), null, {}, { variant: 'F(4,3)' }),
    ).toThrow(/5×5/);
  });
});
