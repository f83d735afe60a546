import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { parseDigitSet } from './digitSet';

/** Encode a set in the public/data layout (see public/data/README.md). */
function encode(
  pixels: number[],
  labels: number[],
  rows: number[],
  header: Partial<{ magic: string; version: number; count: number; side: number }> = {},
) {
  const count = header.count ?? labels.length;
  const bytes = new Uint8Array(16 + pixels.length + labels.length + 2 * rows.length);
  const view = new DataView(bytes.buffer);
  bytes.set(
    Array.from(header.magic ?? 'UCID', (ch) => ch.charCodeAt(0)),
    0,
  );
  view.setUint32(4, header.version ?? 1, true);
  view.setUint32(8, count, true);
  bytes[12] = header.side ?? 8;
  bytes[13] = header.side ?? 8;
  bytes.set(pixels, 16);
  bytes.set(labels, 16 + pixels.length);
  rows.forEach((r, i) => view.setUint16(16 + pixels.length + labels.length + 2 * i, r, true));
  return bytes;
}

const pixels = Array.from({ length: 128 }, (_, i) => i % 17);

describe('parseDigitSet', () => {
  it('reads images, labels and source rows', () => {
    const set = parseDigitSet(encode(pixels, [3, 9], [1500, 7]));
    expect(set.images.dims).toEqual([2, 8, 8]);
    expect(Array.from(set.images.data)).toEqual(pixels);
    expect(set.labels.dims).toEqual([2]);
    expect(Array.from(set.labels.data)).toEqual([3, 9]);
    expect(Array.from(set.sourceRows)).toEqual([1500, 7]);
  });

  it('reads from a view into a larger buffer (byteOffset ≠ 0)', () => {
    const inner = encode(pixels, [3, 9], [1500, 7]);
    const outer = new Uint8Array(inner.length + 5);
    outer.set(inner, 5);
    expect(Array.from(parseDigitSet(outer.subarray(5)).sourceRows)).toEqual([1500, 7]);
  });

  it('says what is wrong and where, as a ModelError', () => {
    const cases: [Uint8Array, RegExp, number][] = [
      [new Uint8Array(10), /shorter than the 16-byte header/, 0],
      [encode(pixels, [3, 9], [1, 2], { magic: 'NOPE' }), /magic is "NOPE"/, 0],
      [encode(pixels, [3, 9], [1, 2], { version: 2 }), /version 2 is not supported/, 4],
      [encode(pixels, [3, 9], [1, 2], { side: 7 }), /7×7, expected 8×8/, 12],
      [encode(pixels, [3, 9], [1, 2], { count: 3 }), /3 images need 217 bytes, the file has 150/, 8],
      [encode(pixels, [3, 9], [1, 2]).subarray(0, 149), /the file has 149/, 8],
      [
        encode(
          pixels.map((v, i) => (i === 70 ? 17 : v)),
          [3, 9],
          [1, 2],
        ),
        /pixel value 17 is above 16 \(image 1\)/,
        16 + 70,
      ],
      [encode(pixels, [3, 10], [1, 2]), /label 10 is not a digit \(image 1\)/, 16 + 128 + 1],
    ];
    for (const [bytes, message, offset] of cases) {
      let error: unknown;
      try {
        parseDigitSet(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelError);
      expect((error as ModelError).message).toMatch(message);
      expect((error as ModelError).where.offset).toBe(offset);
    }
  });
});
