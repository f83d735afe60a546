import { describe, expect, it } from 'vitest';
import { ModelError } from '../errors';
import { tensor } from '../ir/tensor';
import {
  BITMAP_SIDE,
  blockCounts,
  digitFromDrawing,
  digitsToModelInput,
  inkFromRGBA,
  type InkBitmap,
} from './digits';
import { seededRandom as rng } from '../stats/rng';

/**
 * A random 32×32 binary "digit" whose ink touches the top and bottom rows and spans columns
 * [margin, 32 − margin): the shape NIST's normalization produces for a digit taller than wide.
 */
function randomBitmap(random: () => number, inkWidth: number) {
  const margin = (BITMAP_SIDE - inkWidth) / 2;
  const bitmap = new Uint8Array(BITMAP_SIDE * BITMAP_SIDE);
  for (let r = 0; r < BITMAP_SIDE; r++) {
    for (let c = margin; c < margin + inkWidth; c++) bitmap[r * BITMAP_SIDE + c] = random() < 0.35 ? 1 : 0;
  }
  const set = (r: number, c: number) => (bitmap[r * BITMAP_SIDE + c] = 1);
  set(0, margin + Math.floor(random() * inkWidth));
  set(BITMAP_SIDE - 1, margin + Math.floor(random() * inkWidth));
  set(Math.floor(random() * BITMAP_SIDE), margin);
  set(Math.floor(random() * BITMAP_SIDE), margin + inkWidth - 1);
  return bitmap;
}

/** Paint a 32×32 bitmap onto a larger canvas, each bit a scale × scale square of ink 255, at (left, top). */
function paint(
  bitmap: Uint8Array,
  scale: number,
  left: number,
  top: number,
  width: number,
  height: number,
): InkBitmap {
  const data = new Uint8Array(width * height);
  for (let r = 0; r < BITMAP_SIDE * scale; r++) {
    for (let c = 0; c < BITMAP_SIDE * scale; c++) {
      if (bitmap[Math.floor(r / scale) * BITMAP_SIDE + Math.floor(c / scale)])
        data[(top + r) * width + left + c] = 255;
    }
  }
  return { width, height, data };
}

describe('digitFromDrawing', () => {
  it('recovers a 32×32 NIST-style bitmap exactly from any scaled, shifted drawing of it (40 seeded cases)', () => {
    const random = rng(42);
    for (let i = 0; i < 40; i++) {
      const inkWidth = 12 + 2 * Math.floor(random() * 11); // even, so the centred margin is whole pixels
      const bitmap = randomBitmap(random, inkWidth);
      const scale = 2 + Math.floor(random() * 8);
      const left = Math.floor(random() * 50);
      const top = Math.floor(random() * 50);
      const canvas = paint(bitmap, scale, left, top, 32 * scale + 60, 32 * scale + 60);
      const got = digitFromDrawing(canvas);
      expect(got.bitmap).toEqual(bitmap);
      expect(got.pixels).toEqual(blockCounts(bitmap));
      const margin = (32 - inkWidth) / 2;
      expect(got.box).toEqual({
        x: left + margin * scale,
        y: top,
        width: inkWidth * scale,
        height: 32 * scale,
      });
    }
  });

  it('fits a wide shape by its width and centres it vertically (hand-computed)', () => {
    // A 100×20 bar: scale 32/100, so it becomes 32×6.4 bitmap pixels at rows 12.8–19.2. Rows 13–18 are fully
    // covered; rows 12 and 19 only 20% (off). Blocks of rows 12–15 and 16–19 each hold 3 full rows: 12 per block.
    const width = 140;
    const height = 60;
    const data = new Uint8Array(width * height);
    for (let y = 25; y < 45; y++) for (let x = 20; x < 120; x++) data[y * width + x] = 200;
    const got = digitFromDrawing({ width, height, data });
    for (let r = 0; r < 32; r++) {
      const on = r >= 13 && r <= 18;
      expect(Array.from(got.bitmap.subarray(r * 32, r * 32 + 32))).toEqual(new Array(32).fill(on ? 1 : 0));
    }
    const expected = new Array(64).fill(0);
    for (let c = 0; c < 8; c++) expected[3 * 8 + c] = expected[4 * 8 + c] = 12;
    expect(Array.from(got.pixels)).toEqual(expected);
  });

  it('turns a bitmap pixel on only when at least half of its area is ink', () => {
    // Canvases 64 pixels tall: scale 0.5, so each bitmap pixel covers 2×2 canvas pixels.
    const wide = { width: 2, height: 64, data: new Uint8Array(128).fill(255) };
    const thin = { width: 1, height: 64, data: new Uint8Array(64).fill(255) };
    // wide: box 2×64 → 1×32 bitmap pixels centred at columns 15.5–16.5: columns 15 and 16 half covered.
    const w = digitFromDrawing(wide);
    // thin: box 1×64 → 0.5×32 at columns 15.75–16.25: columns 15 and 16 a quarter covered, so nothing is on.
    const t = digitFromDrawing(thin);
    for (let r = 0; r < 32; r++) {
      expect(w.bitmap[r * 32 + 15]).toBe(1);
      expect(w.bitmap[r * 32 + 16]).toBe(1);
    }
    expect(w.bitmap.reduce((a, b) => a + b, 0)).toBe(64);
    expect(t.bitmap.every((v) => v === 0)).toBe(true);
  });

  it('ignores values at or below the threshold and returns zeros for an empty canvas', () => {
    const data = new Uint8Array(100 * 100).fill(127);
    const empty = digitFromDrawing({ width: 100, height: 100, data });
    expect(empty.box).toBeNull();
    expect(empty.pixels.every((v) => v === 0)).toBe(true);
    data[50 * 100 + 50] = 128;
    expect(digitFromDrawing({ width: 100, height: 100, data }).box).toEqual({
      x: 50,
      y: 50,
      width: 1,
      height: 1,
    });
    expect(digitFromDrawing({ width: 100, height: 100, data }, 200).box).toBeNull();
  });

  it('rejects bad sizes with a ModelError', () => {
    expect(() => digitFromDrawing({ width: 0, height: 10, data: [] })).toThrow(ModelError);
    expect(() => digitFromDrawing({ width: 10, height: 10, data: new Uint8Array(99) })).toThrow(/needs 100/);
    expect(() => digitFromDrawing({ width: 1e6, height: 1e6, data: [] })).toThrow(/from 1 to 4096/);
    expect(() => digitFromDrawing({ width: 2.5, height: 2, data: new Uint8Array(5) })).toThrow(ModelError);
  });
});

describe('inkFromRGBA', () => {
  it('reads dark strokes on a transparent or white background, and light strokes on black', () => {
    // pixels: transparent, opaque white, opaque black, half-transparent black
    const rgba = [0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 51];
    expect(Array.from(inkFromRGBA(rgba, 4, 1).data)).toEqual([0, 0, 255, 51]);
    expect(Array.from(inkFromRGBA(rgba, 2, 2, 'light').data)).toEqual([0, 255, 0, 0]);
    expect(() => inkFromRGBA(rgba, 3, 1)).toThrow(ModelError);
  });
});

describe('blockCounts', () => {
  it('counts the on pixels of each 4×4 block', () => {
    const bitmap = new Uint8Array(32 * 32);
    bitmap[0] = 1; // block (0, 0)
    bitmap[3 * 32 + 3] = 1; // block (0, 0)
    bitmap[4 * 32 + 31] = 1; // block (1, 7)
    for (let r = 28; r < 32; r++) for (let c = 28; c < 32; c++) bitmap[r * 32 + c] = 1; // block (7, 7), full
    const counts = blockCounts(bitmap);
    expect(counts[0]).toBe(2);
    expect(counts[1 * 8 + 7]).toBe(1);
    expect(counts[63]).toBe(16);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(19);
    expect(() => blockCounts(new Uint8Array(64))).toThrow(ModelError);
  });
});

describe('digitsToModelInput', () => {
  const random = rng(7);
  const images = tensor(
    'uint8',
    [3, 8, 8],
    Array.from({ length: 192 }, () => Math.floor(random() * 17)),
  );

  it('divides by 16 for the 8×8 models', () => {
    const x = digitsToModelInput(images, {
      kind: 'digits',
      layout: 'NCHW',
      size: 8,
      divideBy: 16,
      upsample: 1,
    });
    expect(x.dims).toEqual([3, 1, 8, 8]);
    expect(Array.from(x.data)).toEqual(Array.from(images.data, (v) => v / 16));
  });

  it('upsamples by nearest neighbour for the 32×32 models', () => {
    const x = digitsToModelInput(images, {
      kind: 'digits',
      layout: 'NCHW',
      size: 32,
      divideBy: 16,
      upsample: 4,
    });
    expect(x.dims).toEqual([3, 1, 32, 32]);
    for (let n = 0; n < 3; n++) {
      for (let r = 0; r < 32; r++) {
        for (let c = 0; c < 32; c++) {
          expect(x.data[n * 1024 + r * 32 + c]).toBe(images.data[n * 64 + (r >> 2) * 8 + (c >> 2)] / 16);
        }
      }
    }
  });

  it('accepts a single [8, 8] digit and rejects other shapes or inconsistent settings', () => {
    const one = tensor('uint8', [8, 8], images.data.subarray(0, 64));
    const p = { kind: 'digits', layout: 'NCHW', size: 8, divideBy: 16, upsample: 1 } as const;
    expect(digitsToModelInput(one, p).dims).toEqual([1, 1, 8, 8]);
    expect(() => digitsToModelInput(tensor('uint8', [64], images.data.subarray(0, 64)), p)).toThrow(
      ModelError,
    );
    expect(() => digitsToModelInput(images, { ...p, size: 16 })).toThrow(/inconsistent/);
  });
});
