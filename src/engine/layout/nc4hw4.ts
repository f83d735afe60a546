// What the blocked NC4HW4 layout (MNN; chapter 5's "NC4HW4") would cost a model, activation by activation —
// a report, not a rewrite. Channels are stored in blocks of 4, the last block zero-padded, so a tensor of
// C channels takes ceil(C/4)·4 channels of memory; in exchange the 4 channels of a pixel sit side by side
// (one 128-bit vector of float32). The layout arithmetic is kernels/layouts.ts's (layoutSize, offsetOf).
import type { Model } from '../ir/graph';
import { BYTES_PER_ELEMENT } from '../ir/tensor';
import { LAYOUTS, layoutSize, offsetOf, type Dims4, type Layout } from '../kernels/layouts';
import { tensorLifetimes, type LifetimeOptions } from '../memory/lifetimes';

export interface Contiguity {
  /** Channels of one pixel stored one after the other (what one vector load can take). */
  channelRun: number;
  /** Elements between horizontally neighbouring pixels of one channel. */
  pixelStride: number;
}

export interface BlockedActivation {
  name: string;
  dims: Dims4;
  channels: number;
  /** ceil(C/4)·4 */
  paddedChannels: number;
  /** Bytes in NCHW (and NHWC: same elements, other order). */
  bytes: number;
  blockedBytes: number;
  extraBytes: number;
  contiguity: Record<Layout, Contiguity>;
}

export interface BlockedLayoutReport {
  activations: BlockedActivation[];
  bytes: number;
  blockedBytes: number;
  extraBytes: number;
  /** Activations that are not 4-D (they keep their layout: NC4HW4 is about feature maps). */
  otherActivations: string[];
}

/** Contiguity of a layout, read off its address function at the first pixel. */
function contiguity(layout: Layout, dims: Dims4): Contiguity {
  const [, C, , W] = dims;
  let channelRun = 1;
  while (
    channelRun < C &&
    offsetOf(layout, dims, 0, channelRun, 0, 0) === offsetOf(layout, dims, 0, channelRun - 1, 0, 0) + 1
  )
    channelRun++;
  const pixelStride = W > 1 ? offsetOf(layout, dims, 0, 0, 0, 1) - offsetOf(layout, dims, 0, 0, 0, 0) : 0;
  return { channelRun, pixelStride };
}

export function blockedLayoutReport(model: Model, options: LifetimeOptions = {}): BlockedLayoutReport {
  const { tensors } = tensorLifetimes(model, options);
  const activations: BlockedActivation[] = [];
  const otherActivations: string[] = [];
  for (const t of tensors) {
    if (!t.dims || t.dims.length !== 4 || !t.dtype || t.dims.some((d) => d < 1)) {
      otherActivations.push(t.name);
      continue;
    }
    const dims = t.dims as unknown as Dims4;
    const size = BYTES_PER_ELEMENT[t.dtype];
    const blockedBytes = layoutSize('NC4HW4', dims) * size;
    const bytes = layoutSize('NCHW', dims) * size;
    activations.push({
      name: t.name,
      dims,
      channels: dims[1],
      paddedChannels: Math.ceil(dims[1] / 4) * 4,
      bytes,
      blockedBytes,
      extraBytes: blockedBytes - bytes,
      contiguity: Object.fromEntries(LAYOUTS.map((l) => [l, contiguity(l, dims)])) as Record<
        Layout,
        Contiguity
      >,
    });
  }
  const sum = (key: 'bytes' | 'blockedBytes' | 'extraBytes') => activations.reduce((s, a) => s + a[key], 0);
  return {
    activations,
    bytes: sum('bytes'),
    blockedBytes: sum('blockedBytes'),
    extraBytes: sum('extraBytes'),
    otherActivations,
  };
}
