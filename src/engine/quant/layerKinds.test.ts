import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelCost } from '../ir/cost';
import { inferShapes } from '../ir/infer';
import { decodeModel } from '../onnx/decode';
import { validate } from '../ir/validate';
import {
  CHAIN_LENGTH,
  LAYER_KINDS,
  chainCalibration,
  chainInput,
  chainMacs,
  channelPath,
  convChain,
  convKind,
  layerKind,
  reductionLength,
} from './layerKinds';
import { quantizeModel } from './quantizeModel';

describe('layer-kind chains', () => {
  it('are 8 layers whose channels connect, at MobileNetV2 shapes', () => {
    for (const kind of LAYER_KINDS) {
      expect(kind.layers).toHaveLength(CHAIN_LENGTH);
      kind.layers.slice(1).forEach((l, i) => expect(l.c).toBe(kind.layers[i].k));
      expect(kind.layers[0].c).toBe(kind.layers.at(-1)!.k);
    }
    expect(LAYER_KINDS.map((k) => [k.id, channelPath(k), reductionLength(k.layers[0])])).toEqual([
      ['full-3x3', '32→32', 288],
      ['pointwise-56', '24→144→24', 24],
      ['pointwise-14', '96→576→96', 96],
      ['depthwise-3x3', '144', 9],
    ]);
  });

  it('count their multiply-accumulates as the cost model does', () => {
    for (const kind of LAYER_KINDS) {
      const model = convChain(kind);
      expect(validate(model).filter((i) => i.severity === 'error')).toEqual([]);
      const cost = modelCost(model, inferShapes(model), { symbols: { N: 1 } });
      expect(cost.macs).toBe(chainMacs(kind));
    }
    expect(chainMacs(layerKind('depthwise-3x3'))).toBe(8 * 56 * 56 * 144 * 9);
  });

  it('classify every Conv of a chain as its kind, and MobileNetV2’s 52 convolutions', () => {
    for (const kind of LAYER_KINDS) {
      const model = convChain(kind);
      const kinds = model.graph.nodes.map((n) => convKind(model, n)).filter((k) => k !== null);
      expect(kinds).toEqual(Array(CHAIN_LENGTH).fill(kind.kind));
    }
    const file = path.resolve(__dirname, '../../../public/models/mobilenetv2-224.onnx');
    const mobilenet = decodeModel(new Uint8Array(fs.readFileSync(file)));
    const counts: Record<string, number> = {};
    for (const n of mobilenet.graph.nodes) {
      const k = convKind(mobilenet, n);
      if (k) counts[k] = (counts[k] ?? 0) + 1;
    }
    // the stem; 17 blocks' depthwise; 16 expansions + 17 projections + the last 1×1
    expect(counts).toEqual({ full: 1, depthwise: 17, pointwise: 34 });
  });

  it('gives seeded inputs in [0, 1) and a chain that quantizes whole, Relu fused, with a small error', async () => {
    const a = chainInput(layerKind('full-3x3'), 2);
    expect(a.dims).toEqual([2, 32, 56, 56]);
    expect(a.data).toEqual(chainInput(layerKind('full-3x3'), 2).data);
    expect(a.data.every((v) => v >= 0 && v < 1)).toBe(true);
    // A small version of the depthwise chain, so that the reference interpreter runs it quickly.
    const small = { ...layerKind('depthwise-3x3'), size: 6 };
    const { report } = await quantizeModel(convChain(small), chainCalibration(small), { method: 'minmax' });
    expect(report.quantizedNodes).toBe(CHAIN_LENGTH);
    expect(report.floatNodes).toEqual([]);
    // the error accumulates along the 8 layers; the last one still keeps over 20 dB
    expect(Math.min(...report.layers.map((l) => l.sqnrDb))).toBeGreaterThan(20);
  });
});
