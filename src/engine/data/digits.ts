// Digits preprocessing: a drawing on a canvas → the 8×8 form of the UCI "optdigits" (values 0–16), and
// those 8×8 images → the input tensor each zoo model expects. The training script (scripts/models/train.py,
// to_input) applies the same model-input transform, so a drawn digit reaches a model exactly like a test image.
//
// The UCI set was made with NIST's preprocessing (Alpaydin & Kaynak 1998): each digit was size-normalized
// into a 32×32 binary bitmap, then every non-overlapping 4×4 block was replaced by its count of "on" pixels.
// In the data every digit spans all 8 rows and is centred horizontally, so here the ink's bounding box is
// scaled, keeping its aspect ratio, until its longer side is 32 pixels, and centred in the 32×32 box.
import { ModelError } from '../errors';
import type { Tensor } from '../ir/tensor';

export const DIGIT_SIDE = 8;
export const BITMAP_SIDE = 32;
const BLOCK = BITMAP_SIDE / DIGIT_SIDE;
/** Largest canvas accepted, so that bad input cannot ask for an absurd allocation. */
export const MAX_CANVAS_SIDE = 4096;

/** A grayscale image, one value per pixel, row-major: 0 is background, larger is more ink (e.g. 0–255). */
export interface InkBitmap {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

export interface DigitFromDrawing {
  /** 8×8 values 0–16, row-major: the UCI form. */
  pixels: Uint8Array;
  /** The 32×32 binary bitmap (0/1) the counts were taken from, row-major. */
  bitmap: Uint8Array;
  /** The ink's bounding box on the canvas, null when nothing was drawn. */
  box: { x: number; y: number; width: number; height: number } | null;
}

/**
 * Ink per pixel from canvas RGBA data (ImageData.data): `'dark'` ink (dark strokes on a light or transparent
 * background) gives (255 − luminance) × alpha / 255; `'light'` ink (light strokes on a dark background)
 * gives luminance × alpha / 255. Luminance weights are ITU-R BT.601.
 */
export function inkFromRGBA(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  ink: 'dark' | 'light' = 'dark',
): InkBitmap {
  checkSize(width, height);
  if (rgba.length !== width * height * 4) {
    throw new ModelError(
      'input',
      `RGBA data has ${rgba.length} values; a ${width}×${height} image needs ${width * height * 4}`,
      {
        field: 'rgba',
      },
    );
  }
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const lum = 0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2];
    const alpha = rgba[4 * i + 3] / 255;
    data[i] = (ink === 'dark' ? 255 - lum : lum) * alpha;
  }
  return { width, height, data };
}

/**
 * The UCI 8×8 form of a drawing. A canvas pixel is ink when its value exceeds `threshold`. The ink's bounding
 * box is fitted into 32×32 (longer side 32, aspect kept, centred); a bitmap pixel is on when at least half of
 * its area is covered by ink (an exact box-filter resample, then binarized at 50%); each 4×4 block's count of
 * on pixels is one of the 8×8 values. Use a thick pen, about an eighth of the digit's height: UCI strokes are
 * about 4 bitmap pixels wide (a UCI digit has on average 313 of its 1,024 bitmap pixels on).
 */
export function digitFromDrawing(image: InkBitmap, threshold = 127): DigitFromDrawing {
  const { width, height, data } = image;
  checkSize(width, height);
  if (data.length !== width * height) {
    throw new ModelError(
      'input',
      `bitmap has ${data.length} values; ${width}×${height} needs ${width * height}`,
      { field: 'data' },
    );
  }
  const box = inkBox(image, threshold);
  const bitmap = new Uint8Array(BITMAP_SIDE * BITMAP_SIDE);
  if (box) {
    const area = inkArea(image, threshold);
    const scale = BITMAP_SIDE / Math.max(box.width, box.height); // bitmap pixels per canvas pixel
    const offsetX = (BITMAP_SIDE - box.width * scale) / 2;
    const offsetY = (BITMAP_SIDE - box.height * scale) / 2;
    const cell = 1 / (scale * scale); // canvas area of one bitmap pixel
    for (let r = 0; r < BITMAP_SIDE; r++) {
      const y0 = box.y + (r - offsetY) / scale;
      const y1 = box.y + (r + 1 - offsetY) / scale;
      for (let c = 0; c < BITMAP_SIDE; c++) {
        const x0 = box.x + (c - offsetX) / scale;
        const x1 = box.x + (c + 1 - offsetX) / scale;
        const ink = area(x1, y1) - area(x0, y1) - area(x1, y0) + area(x0, y0);
        // A small tolerance so that exactly half-covered pixels count as on despite rounding.
        bitmap[r * BITMAP_SIDE + c] = ink >= 0.5 * cell * (1 - 1e-9) ? 1 : 0;
      }
    }
  }
  return { pixels: blockCounts(bitmap), bitmap, box };
}

/** 32×32 binary bitmap → 8×8 counts of on pixels per 4×4 block (0–16). */
export function blockCounts(bitmap: ArrayLike<number>): Uint8Array {
  if (bitmap.length !== BITMAP_SIDE * BITMAP_SIDE) {
    throw new ModelError(
      'input',
      `bitmap has ${bitmap.length} values; expected ${BITMAP_SIDE}×${BITMAP_SIDE}`,
      { field: 'bitmap' },
    );
  }
  const out = new Uint8Array(DIGIT_SIDE * DIGIT_SIDE);
  for (let r = 0; r < BITMAP_SIDE; r++) {
    for (let c = 0; c < BITMAP_SIDE; c++) {
      if (bitmap[r * BITMAP_SIDE + c]) out[Math.floor(r / BLOCK) * DIGIT_SIDE + Math.floor(c / BLOCK)]++;
    }
  }
  return out;
}

/** How a zoo model wants its digits (the manifest's `preprocessing` when `kind` is 'digits'). */
export interface DigitsPreprocessing {
  kind: 'digits';
  layout: 'NCHW';
  /** Side of the model input: 8, or 8 × upsample. */
  size: number;
  /** Pixel values are divided by this (16 maps 0–16 to 0–1). */
  divideBy: number;
  /** Nearest-neighbour upsampling factor (each pixel becomes an upsample × upsample square). */
  upsample: number;
}

/**
 * 8×8 digits (uint8 [N, 8, 8] or [8, 8], values 0–16) → float32 [N, 1, size, size]: divide by `divideBy`,
 * then upsample by nearest neighbour. The same transform as `to_input` in scripts/models/train.py.
 */
export function digitsToModelInput(images: Tensor<'uint8'>, p: DigitsPreprocessing): Tensor<'float32'> {
  const dims = images.dims;
  const batched = dims.length === 3;
  if (!(batched || dims.length === 2) || dims.at(-1) !== DIGIT_SIDE || dims.at(-2) !== DIGIT_SIDE) {
    throw new ModelError('input', `digits must be [N, 8, 8] or [8, 8], got [${dims.join(', ')}]`, {
      field: 'images',
    });
  }
  if (
    !Number.isInteger(p.upsample) ||
    p.upsample < 1 ||
    p.size !== DIGIT_SIDE * p.upsample ||
    !(p.divideBy > 0)
  ) {
    throw new ModelError(
      'input',
      `inconsistent digits preprocessing (size ${p.size}, upsample ${p.upsample}, divideBy ${p.divideBy})`,
      {
        field: 'preprocessing',
      },
    );
  }
  const n = batched ? dims[0] : 1;
  const side = p.size;
  const out = new Float32Array(n * side * side);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const v = images.data[i * 64 + Math.floor(r / p.upsample) * DIGIT_SIDE + Math.floor(c / p.upsample)];
        out[(i * side + r) * side + c] = v / p.divideBy;
      }
    }
  }
  return { dtype: 'float32', dims: [n, 1, side, side], data: out };
}

function checkSize(width: number, height: number) {
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > MAX_CANVAS_SIDE) {
      throw new ModelError(
        'input',
        `canvas ${name} must be an integer from 1 to ${MAX_CANVAS_SIDE}, got ${v}`,
        { field: name },
      );
    }
  }
}

function inkBox({ width, height, data }: InkBitmap, threshold: number) {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] > threshold) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * area(x, y) = ink area inside [0, x) × [0, y) for real x, y (clamped to the canvas). Pixels are constant
 * squares, so this is exactly the bilinear interpolation of the integer summed-area table.
 */
function inkArea({ width, height, data }: InkBitmap, threshold: number) {
  const stride = width + 1;
  const table = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x] > threshold ? 1 : 0;
      table[(y + 1) * stride + x + 1] = table[y * stride + x + 1] + row;
    }
  }
  return (x: number, y: number) => {
    const cx = Math.min(Math.max(x, 0), width);
    const cy = Math.min(Math.max(y, 0), height);
    const ix = Math.min(Math.floor(cx), width - 1);
    const iy = Math.min(Math.floor(cy), height - 1);
    const fx = cx - ix;
    const fy = cy - iy;
    const at = (xx: number, yy: number) => table[yy * stride + xx];
    return (
      at(ix, iy) * (1 - fx) * (1 - fy) +
      at(ix + 1, iy) * fx * (1 - fy) +
      at(ix, iy + 1) * (1 - fx) * fy +
      at(ix + 1, iy + 1) * fx * fy
    );
  };
}
