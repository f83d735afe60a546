// Winograd convolution F(2×2, 3×3) and F(4×4, 3×3) (Lavin & Gray 2016). Per group:
//   1. filter transform  U[ξ][m][c] = (G g[m][c] Gᵀ)[ξ]            (α² values per filter; done once per layer)
//   2. input transform   V[ξ][c][t] = (Bᵀ d[c][t] B)[ξ]            (d = the α×α input tile t, zeros outside)
//   3. element-wise products, summed over channels — for each of the α² positions ξ one GEMM:
//                        M[ξ] = U[ξ] (M/group × C/group) · V[ξ] (C/group × tiles)
//   4. output transform  Y = Aᵀ M[·][m][t] A, the m×m outputs of tile t (clipped at the right and bottom edges)
// Tiles overlap by r − 1 = 2 inputs; tiles past the output's edge read zeros (that padding is the edge handling).
import type { Tensor } from '../ir/tensor';
import { ModelError } from '../errors';
import type { Recorder, TraceEvent } from '../trace/trace';
import { checkBufferSize, checkConvInputs, type ConvParams, type ConvShape } from './conv-shape';
import { emptyCounts, noteBuffer, scratch } from './counts';
import type { ConvResult } from './direct';
import { gemmBlocked, GemmWorkspace } from './gemm-blocked';
import { roundToHalf } from '../ir/float16';
import { sparse, transform2d, WINOGRAD, type WinogradVariant } from './winograd-transforms';

export type WinogradEvent =
  /** Filter (m, c): its 3×3 weights g, the first stage G g (α×3, row-major) and U = (G g) Gᵀ (α×α). */
  | TraceEvent<'filter', { m: number; c: number; g: number[]; gg: number[]; u: number[] }>
  /** Tile t of channel c of image n: the α×α input patch d whose top-left is (ih0, iw0), the first stage Bᵀ d
   * and V = (Bᵀ d) B (all α×α, row-major). */
  | TraceEvent<
      'input',
      {
        n: number;
        c: number;
        t: number;
        ty: number;
        tx: number;
        ih0: number;
        iw0: number;
        d: number[];
        bd: number[];
        v: number[];
      }
    >
  /** Position ξ of group g: M[ξ] (rows × cols) = U[ξ] (rows × inner) · V[ξ] (inner × cols). */
  | TraceEvent<'gemm', { g: number; xi: number; rows: number; inner: number; cols: number }>
  /**
   * Output channel m, tile t of image n: product = Σ_c U[m][c] ⊙ V[c][t] (α×α, `mults` multiplications), the
   * first stage Aᵀ product (m×α), then y = (Aᵀ product) A (+ bias), of which the top-left `rows`×`cols` land in
   * the output at (oh0, ow0).
   */
  | TraceEvent<
      'output',
      {
        n: number;
        m: number;
        t: number;
        ty: number;
        tx: number;
        oh0: number;
        ow0: number;
        product: number[];
        am: number[];
        mults: number;
        y: number[];
        rows: number;
        cols: number;
      }
    >;

export interface WinogradOptions {
  /** 'F(2,3)' computes F(2×2, 3×3) tiles, 'F(4,3)' computes F(4×4, 3×3). */
  variant: WinogradVariant;
  /** Round every transform stage and the products to float16 precision (to show what low precision does). */
  fp16?: boolean;
  recorder?: Recorder<WinogradEvent>;
}

/** Why Winograd F(m×m, 3×3) cannot run this convolution, or null when it can. */
export function winogradNotApplicable(s: ConvShape): string | null {
  if (s.kh !== 3 || s.kw !== 3)
    return `kernel is ${s.kh}×${s.kw}; these Winograd variants are for 3×3 kernels`;
  if (s.strideH !== 1 || s.strideW !== 1)
    return `stride is ${s.strideH}×${s.strideW}; Winograd tiles need stride 1`;
  if (s.dilationH !== 1 || s.dilationW !== 1)
    return `dilation is ${s.dilationH}×${s.dilationW}; Winograd tiles need dilation 1`;
  return null;
}

/** Tiles transformed per batch: long enough vectors for the inner loops, small enough to stay in cache. */
const TILES_PER_BATCH = 128;

export function convWinograd(
  x: Tensor<'float32'>,
  w: Tensor<'float32'>,
  bias: Tensor<'float32'> | null,
  params: ConvParams,
  { variant, fp16 = false, recorder }: WinogradOptions,
): ConvResult {
  const s = checkConvInputs(x, w, bias, params);
  const reason = winogradNotApplicable(s);
  if (reason) throw new ModelError('unsupported', `Winograd ${variant} not applicable: ${reason}`);
  const { m: TILE, alpha: A } = WINOGRAD[variant];
  const BT = sparse(WINOGRAD[variant].BT);
  const G = sparse(WINOGRAD[variant].G);
  const AT = sparse(WINOGRAD[variant].AT);
  const { n: N, c: C, h: H, w: W, m: M, cg: CG, mg: MG, oh: OH, ow: OW } = s;
  const tilesH = Math.ceil(OH / TILE);
  const tilesW = Math.ceil(OW / TILE);
  const T = N * tilesH * tilesW;
  const AA = A * A;
  checkBufferSize('Winograd transformed input', AA * CG * T);
  checkBufferSize('Winograd products', AA * MG * T);

  const counts = emptyCounts();
  const U = scratch(counts, 'transformed filters U', new Float32Array(AA * M * CG));
  const V = scratch(counts, 'transformed input tiles V', new Float32Array(AA * CG * T));
  const P = scratch(counts, 'products M', new Float32Array(AA * MG * T));
  const batch = Math.max(CG, TILES_PER_BATCH);
  const gathered = scratch(counts, 'gathered tiles', new Float32Array(AA * batch));
  const tmp = scratch(counts, 'transform stage', new Float32Array(AA * batch));
  const Y = scratch(counts, 'output tiles', new Float32Array(TILE * TILE * TILES_PER_BATCH));
  const tileAt = (t: number) => ({
    n: Math.floor(t / (tilesH * tilesW)),
    ty: Math.floor(t / tilesW) % tilesH,
    tx: t % tilesW,
  });

  // 1. Filter transform, all input channels of a filter at once. U[g][ξ][mg][ci]: U[g][ξ] is a row-major
  //    (M/group × C/group) matrix, ready for the GEMMs.
  for (let m = 0; m < M; m++) {
    const g = Math.floor(m / MG);
    for (let ci = 0; ci < CG; ci++)
      for (let k = 0; k < 9; k++) gathered[k * CG + ci] = w.data[(m * CG + ci) * 9 + k];
    const u = { data: U, base: (g * AA * MG + (m % MG)) * CG, stride: MG * CG };
    counts.transformOps += transform2d(G, { data: gathered, base: 0, stride: CG }, tmp, u, CG, fp16);
    if (recorder?.wants('filter', { m }))
      for (let ci = 0; ci < CG; ci++)
        recorder.emit('filter', {
          m,
          c: g * CG + ci,
          g: Array.from(w.data.subarray((m * CG + ci) * 9, (m * CG + ci + 1) * 9)),
          // transform2d leaves its first stage in tmp: element (i, j) of matrix ci at (i·3 + j)·CG + ci.
          gg: Array.from({ length: A * 3 }, (_, k) => tmp[k * CG + ci]),
          u: Array.from({ length: AA }, (_, xi) => U[u.base + xi * u.stride + ci]),
        });
  }

  const workspace = new GemmWorkspace();
  const out = new Float32Array(N * M * OH * OW);
  for (let g = 0; g < s.group; g++) {
    // 2. Input transform: gather a batch of α×α tiles of one channel (zeros outside the input), transform them
    //    together, and store V[ξ][ci][t] so that V[ξ] is a (C/group × tiles) matrix.
    for (let t0 = 0; t0 < T; t0 += TILES_PER_BATCH) {
      const L = Math.min(TILES_PER_BATCH, T - t0);
      for (let ci = 0; ci < CG; ci++) {
        for (let t = t0; t < t0 + L; t++) {
          const { n, ty, tx } = tileAt(t);
          const plane = (n * C + g * CG + ci) * H * W;
          const ih0 = ty * TILE - s.padTop;
          const iw0 = tx * TILE - s.padLeft;
          for (let i = 0; i < A; i++) {
            const ih = ih0 + i;
            const inside = ih >= 0 && ih < H;
            for (let j = 0; j < A; j++) {
              const iw = iw0 + j;
              gathered[(i * A + j) * L + t - t0] =
                inside && iw >= 0 && iw < W ? x.data[plane + ih * W + iw] : 0;
            }
          }
        }
        const v = { data: V, base: ci * T + t0, stride: CG * T };
        counts.transformOps += transform2d(BT, { data: gathered, base: 0, stride: L }, tmp, v, L, fp16);
        if (recorder)
          for (let t = t0; t < t0 + L; t++) {
            const { n, ty, tx } = tileAt(t);
            if (!recorder.wants('input', { n, c: g * CG + ci, t })) continue;
            recorder.emit('input', {
              n, c: g * CG + ci, t, ty, tx, ih0: ty * TILE - s.padTop, iw0: tx * TILE - s.padLeft,
              d: Array.from({ length: AA }, (_, k) => gathered[k * L + t - t0]),
              bd: Array.from({ length: AA }, (_, k) => tmp[k * L + t - t0]),
              v: Array.from({ length: AA }, (_, xi) => V[v.base + xi * v.stride + t - t0]),
            }); // prettier-ignore
          }
      }
    }

    // 3. The element-wise products summed over channels: α² GEMMs.
    for (let xi = 0; xi < AA; xi++) {
      const Uxi = U.subarray((g * AA + xi) * MG * CG, (g * AA + xi + 1) * MG * CG);
      const Vxi = V.subarray(xi * CG * T, (xi + 1) * CG * T);
      gemmBlocked(MG, T, CG, Uxi, Vxi, P.subarray(xi * MG * T, (xi + 1) * MG * T), workspace);
      counts.mults += MG * T * CG;
      counts.adds += MG * T * CG;
      if (recorder && !recorder.full) recorder.emit('gemm', { g, xi, rows: MG, inner: CG, cols: T });
    }
    if (fp16) for (let i = 0; i < P.length; i++) P[i] = roundToHalf(P[i]);

    // 4. Output transform of a batch of tiles of one output channel, then each tile's valid part (clipped at
    //    the bottom and right edges) plus bias goes to the output.
    for (let mg = 0; mg < MG; mg++) {
      const m = g * MG + mg;
      const b = bias ? bias.data[m] : 0;
      const base = (g * MG + mg) * OH * OW;
      for (let t0 = 0; t0 < T; t0 += TILES_PER_BATCH) {
        const L = Math.min(TILES_PER_BATCH, T - t0);
        const product = { data: P, base: mg * T + t0, stride: MG * T };
        counts.transformOps += transform2d(AT, product, tmp, { data: Y, base: 0, stride: L }, L, fp16);
        for (let t = t0; t < t0 + L; t++) {
          const { n, ty, tx } = tileAt(t);
          const oh0 = ty * TILE;
          const ow0 = tx * TILE;
          const rows = Math.min(TILE, OH - oh0);
          const cols = Math.min(TILE, OW - ow0);
          const at = n * M * OH * OW + base;
          for (let i = 0; i < rows; i++)
            for (let j = 0; j < cols; j++)
              out[at + (oh0 + i) * OW + ow0 + j] = Y[(i * TILE + j) * L + t - t0] + b;
          if (bias) counts.adds += rows * cols;
          if (recorder?.wants('output', { n, m, t }))
            recorder.emit('output', {
              n, m, t, ty, tx, oh0, ow0, mults: AA * CG, rows, cols,
              product: Array.from({ length: AA }, (_, xi) => P[product.base + xi * product.stride + t - t0]),
              am: Array.from({ length: TILE * A }, (_, k) => tmp[k * L + t - t0]),
              y: Array.from({ length: TILE * TILE }, (_, k) => Y[k * L + t - t0] + b),
            }); // prettier-ignore
        }
      }
    }
  }
  if (fp16) for (let i = 0; i < out.length; i++) out[i] = roundToHalf(out[i]);
  noteBuffer(counts, 'GEMM packed panels', workspace.bytes / 4, workspace.bytes);
  return { output: { dtype: 'float32', dims: [N, M, OH, OW], data: out }, shape: s, counts };
}
