// im2col + GEMM: each receptive-field patch of the input is copied into a column of a "lowered" matrix
// (rows = (C/group)·kH·kW taps, columns = Ho·Wo output pixels), so the convolution becomes one matrix product
// W[M/group × (C/group)·kH·kW] · lowered = output[M/group × Ho·Wo] per image and group (Chellapilla et al. 2006,
// "High Performance Convolutional Neural Networks for Document Processing"). The price is memory: every input
// pixel is copied up to kH·kW times.
import type { Tensor } from '../ir/tensor';
import type { Recorder, TraceEvent } from '../trace/trace';
import { checkBufferSize, checkConvInputs, type ConvParams, type ConvShape } from './conv-shape';
import { emptyCounts, noteBuffer, scratch } from './counts';
import { validTaps, type ConvResult } from './direct';
import { gemmIJK } from './gemm';
import { gemmBlocked, GemmWorkspace } from './gemm-blocked';

export type Im2colEvent =
  /** Patch p (output pixel (oh, ow), window corner (ih0, iw0)) of image n, group g becomes column p of the lowered
   * matrix. sources[r] is the flat NCHW input index that row r was copied from, or −1 where the tap falls on padding. */
  | TraceEvent<
      'patch',
      {
        n: number;
        g: number;
        p: number;
        oh: number;
        ow: number;
        ih0: number;
        iw0: number;
        column: number[];
        sources: number[];
      }
    >
  /** The GEMM filters[rows × inner] · lowered[inner × cols] (+ bias) gives this image and group's output channels. */
  | TraceEvent<
      'gemm',
      { n: number; g: number; rows: number; inner: number; cols: number; gemm: Im2colGemm; output: number[] }
    >;

export type Im2colGemm = 'naive' | 'blocked';

/**
 * Writes the lowered matrix of image n, group g into `out` ((C/group)·kH·kW rows × Ho·Wo columns, row-major),
 * one patch (column) at a time; row r = (ci·kH + kh)·kW + kw.
 */
export function im2col(
  s: ConvShape,
  x: Float32Array,
  n: number,
  g: number,
  out: Float32Array,
  recorder?: Recorder<Im2colEvent>,
): void {
  const { h: H, w: W, kh: KH, kw: KW, ow: OW, cg: CG, dilationH: DH, dilationW: DW } = s;
  const cols = s.oh * OW;
  const rows = CG * KH * KW;
  const plane0 = (n * s.c + g * CG) * H * W;
  out.fill(0, 0, rows * cols);
  for (let oh = 0; oh < s.oh; oh++) {
    const ih0 = oh * s.strideH - s.padTop;
    const [khLo, khHi] = validTaps(ih0, H, KH, DH);
    for (let ow = 0; ow < OW; ow++) {
      const iw0 = ow * s.strideW - s.padLeft;
      const [kwLo, kwHi] = validTaps(iw0, W, KW, DW);
      const p = oh * OW + ow;
      for (let ci = 0; ci < CG; ci++) {
        const plane = plane0 + ci * H * W;
        for (let r = khLo; r < khHi; r++) {
          const src = plane + (ih0 + r * DH) * W + iw0;
          const dst = (ci * KH + r) * KW * cols + p;
          for (let q = kwLo; q < kwHi; q++) out[dst + q * cols] = x[src + q * DW];
        }
      }
      if (recorder?.wants('patch', { n, g, p })) {
        const column: number[] = [];
        const sources: number[] = [];
        for (let r = 0; r < rows; r++) {
          const ci = Math.floor(r / (KH * KW));
          const kh = Math.floor(r / KW) % KH;
          const kw = r % KW;
          const ih = ih0 + kh * DH;
          const iw = iw0 + kw * DW;
          column.push(out[r * cols + p]);
          sources.push(ih >= 0 && ih < H && iw >= 0 && iw < W ? plane0 + (ci * H + ih) * W + iw : -1);
        }
        recorder.emit('patch', { n, g, p, oh, ow, ih0, iw0, column, sources });
      }
    }
  }
}

/** Convolution as im2col + GEMM (naive ijk or the packed, blocked GEMM) on float32 NCHW tensors. */
export function convIm2col(
  x: Tensor<'float32'>,
  w: Tensor<'float32'>,
  bias: Tensor<'float32'> | null,
  params: ConvParams = {},
  { gemm = 'blocked', recorder }: { gemm?: Im2colGemm; recorder?: Recorder<Im2colEvent> } = {},
): ConvResult {
  const shape = checkConvInputs(x, w, bias, params);
  const { n: N, m: M, mg: MG, group: G } = shape;
  const rows = shape.cg * shape.kh * shape.kw;
  const cols = shape.oh * shape.ow;
  checkBufferSize('im2col matrix', rows * cols);
  const counts = emptyCounts();
  const lowered = scratch(counts, 'im2col matrix', new Float32Array(rows * cols));
  const workspace = new GemmWorkspace();
  const data = new Float32Array(N * M * cols);
  for (let n = 0; n < N; n++)
    for (let g = 0; g < G; g++) {
      im2col(shape, x.data, n, g, lowered, recorder);
      const filters = w.data.subarray(g * MG * rows, (g + 1) * MG * rows);
      const out = data.subarray((n * M + g * MG) * cols, (n * M + (g + 1) * MG) * cols);
      if (gemm === 'naive') gemmIJK(MG, cols, rows, filters, lowered, out);
      else gemmBlocked(MG, cols, rows, filters, lowered, out, workspace);
      counts.mults += MG * cols * rows;
      counts.adds += MG * cols * rows;
      if (bias)
        for (let i = 0; i < MG; i++) {
          const b = bias.data[g * MG + i];
          for (let j = i * cols; j < (i + 1) * cols; j++) out[j] += b;
          counts.adds += cols;
        }
      if (recorder?.wants('gemm', { n, g }))
        recorder.emit('gemm', { n, g, rows: MG, inner: rows, cols, gemm, output: Array.from(out) });
    }
  if (workspace.bytes) noteBuffer(counts, 'GEMM packed panels', workspace.bytes / 4, workspace.bytes);
  return { output: { dtype: 'float32', dims: [N, M, shape.oh, shape.ow], data }, shape, counts };
}
