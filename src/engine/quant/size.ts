// Model-size arithmetic for the tensor payload of a weight set, before and after quantization. It counts
// tensor bytes only: a real .onnx file adds names, graph structure and protobuf framing (measure the file
// for that). In the QDQ format a quantized weight is b-bit integers plus one float32 scale and one zero
// point (of the weight's integer type) per channel; a bias is int32 with an int32 zero point, its scale
// being s_input · s_weight per channel.
import { ModelError } from '../errors';

export type WeightKind = 'weight' | 'bias' | 'float';

export interface WeightEntry {
  /** Elements in the tensor. */
  numel: number;
  /** Scales it carries once quantized: 1 per-tensor, the channel count per-channel. */
  channels: number;
  /** 'weight': b-bit; 'bias': int32; 'float': kept in float32 (e.g. a layer left unquantized). */
  kind: WeightKind;
}

export interface SizeOptions {
  /** Bits per quantized weight, 2–8. */
  bits?: number;
  /** Pack sub-byte values two or four to a byte (ONNX int4/int2); otherwise each takes a byte. */
  packed?: boolean;
}

export interface SizeBreakdown {
  floatBytes: number;
  quantizedBytes: number;
  /** Of quantizedBytes: integer values, float32 scales, zero points, and tensors kept in float. */
  parts: { values: number; scales: number; zeroPoints: number; float: number };
  /** quantizedBytes / floatBytes. */
  ratio: number;
}

export function modelSize(entries: WeightEntry[], options: SizeOptions = {}): SizeBreakdown {
  const bits = options.bits ?? 8;
  if (!Number.isInteger(bits) || bits < 2 || bits > 8)
    throw new ModelError('input', `weight bits must be 2–8, got ${bits}`, { field: 'bits' });
  const intBytes = (n: number) => (options.packed ? Math.ceil((n * bits) / 8) : n);
  const parts = { values: 0, scales: 0, zeroPoints: 0, float: 0 };
  let floatBytes = 0;
  for (const [i, { numel, channels, kind }] of entries.entries()) {
    if (!Number.isInteger(numel) || numel < 0 || !Number.isInteger(channels) || channels < 1)
      throw new ModelError(
        'input',
        `weight ${i}: ${numel} elements and ${channels} channels are not valid counts`,
        { field: `weights[${i}]` },
      );
    floatBytes += 4 * numel;
    if (kind === 'float') parts.float += 4 * numel;
    else if (kind === 'bias') {
      parts.values += 4 * numel;
      parts.scales += 4 * channels;
      parts.zeroPoints += 4 * channels;
    } else {
      parts.values += intBytes(numel);
      parts.scales += 4 * channels;
      parts.zeroPoints += intBytes(channels);
    }
  }
  const quantizedBytes = parts.values + parts.scales + parts.zeroPoints + parts.float;
  return { floatBytes, quantizedBytes, parts, ratio: floatBytes ? quantizedBytes / floatBytes : 1 };
}
