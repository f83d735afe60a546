// End to end from a drawing: digits drawn with a round pen on a 280×280 canvas, turned into the UCI form by
// the engine's digitFromDrawing, reach the trained models as the digits they are. This checks that the
// canvas preprocessing matches the data the models were trained on (public/data/README.md).
import fs from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import {
  digitFromDrawing,
  digitsToModelInput,
  findModel,
  parseManifest,
  type InkBitmap,
} from '../../src/engine';

const modelsDir = path.resolve(import.meta.dirname, '../../public/models');
const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(modelsDir, 'manifest.json'), 'utf8')));
ort.env.wasm.numThreads = 1;

type Point = [number, number];
const SIDE = 280;
/** A pen an eighth of the digits' 200-pixel height, as digitFromDrawing advises. */
const PEN = 25;

/** Stamp a round pen along each polyline. */
function draw(strokes: Point[][]): InkBitmap {
  const data = new Uint8Array(SIDE * SIDE);
  const r2 = (PEN / 2) ** 2;
  for (const stroke of strokes) {
    for (let k = 0; k + 1 < stroke.length; k++) {
      const [x0, y0] = stroke[k];
      const [x1, y1] = stroke[k + 1];
      const steps = Math.ceil(Math.hypot(x1 - x0, y1 - y0)) + 1;
      for (let t = 0; t <= steps; t++) {
        const cx = x0 + ((x1 - x0) * t) / steps;
        const cy = y0 + ((y1 - y0) * t) / steps;
        for (let y = Math.floor(cy - PEN); y <= cy + PEN; y++) {
          for (let x = Math.floor(cx - PEN); x <= cx + PEN; x++) {
            if (x >= 0 && y >= 0 && x < SIDE && y < SIDE && (x - cx) ** 2 + (y - cy) ** 2 <= r2)
              data[y * SIDE + x] = 255;
          }
        }
      }
    }
  }
  return { width: SIDE, height: SIDE, data };
}

function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number): Point[] {
  return Array.from({ length: 41 }, (_, i) => {
    const a = from + ((to - from) * i) / 40;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)];
  });
}

const PI = Math.PI;
const DRAWINGS: [number, Point[][]][] = [
  [0, [arc(140, 140, 60, 100, 0, 2 * PI)]],
  [
    1,
    [
      [
        [120, 60],
        [145, 40],
        [145, 240],
      ],
    ],
  ],
  [2, [[...arc(140, 90, 55, 50, -PI, 0.25 * PI), [80, 240], [200, 240]]]],
  [3, [arc(140, 90, 55, 50, -0.9 * PI, 0.5 * PI), arc(140, 190, 60, 50, -0.5 * PI, 0.9 * PI)]],
  [
    4,
    [
      [
        [170, 40],
        [70, 170],
        [210, 170],
      ],
      [
        [170, 40],
        [170, 240],
      ],
    ],
  ],
  [8, [arc(140, 90, 45, 48, 0, 2 * PI), arc(140, 190, 55, 50, 0, 2 * PI)]],
];

describe('drawn digits', () => {
  it.each(['digits-cnn', 'digits-mobilenet', 'digits-vit'])(
    '%s reads drawn 0, 1, 2, 3, 4 and 8',
    async (id) => {
      const model = findModel(manifest, id);
      if (model.preprocessing.kind !== 'digits') throw new Error(`${id} takes digits`);
      const session = await ort.InferenceSession.create(
        new Uint8Array(fs.readFileSync(path.join(modelsDir, model.file))),
      );
      const predicted: number[] = [];
      for (const [, strokes] of DRAWINGS) {
        const digit = digitFromDrawing(draw(strokes));
        const x = digitsToModelInput(
          { dtype: 'uint8', dims: [8, 8], data: digit.pixels },
          model.preprocessing,
        );
        const out = await session.run({ input: new ort.Tensor('float32', x.data, x.dims) });
        const logits = out.logits.data as Float32Array;
        predicted.push(logits.indexOf(Math.max(...logits)));
      }
      expect(predicted).toEqual(DRAWINGS.map(([label]) => label));
    },
  );
});
