// The cost model on PyTorch-exported models with the interpreter's shape inference, against figures
// computed by hand from the PyTorch modules (test-data/models/*.py).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../onnx/decode';
import { analyzeModel } from './summary';

const load = (name: string) =>
  decodeModel(new Uint8Array(fs.readFileSync(path.resolve(__dirname, '../../../test-data/models', name))));

describe('modelCost on exported models', () => {
  it('tiny-transformer: the MACs of one block, by hand, at any sequence length', () => {
    const model = load('tiny-transformer.onnx');
    // per token: qkv 16·48, proj 16·16, MLP 16·64 + 64·16 = 3072; attention: 2 heads × (QKᵀ + AV) = 2·2·T²·8
    const expected = (t: number) => t * 3072 + 2 * 2 * t * t * 8;
    for (const sequence of [1, 7, 128]) {
      const { summary, cost } = analyzeModel(model, { symbols: { sequence } });
      expect(summary.macs, `sequence ${sequence}`).toBe(expected(sequence));
      expect(cost.nodes.every((n) => n.complete)).toBe(true);
    }
    // weights: LayerNorm 2·(16 + 16), qkv 16·48 + 48, proj 16·16 + 16, MLP 16·64 + 64 + 64·16 + 16 — less the
    // 32 of norm2, which the exporter stored once with norm1's (equal at initialization) and reads via Identity
    const { summary, cost } = analyzeModel(model);
    expect(summary.params).toBe(64 + 816 + 272 + 2128 - 32);
    // per node, each LayerNorm reads its 32 parameters
    const norms = cost.nodes.filter((n) => n.opType === 'LayerNormalization');
    expect(norms.map((n) => n.params)).toEqual([32, 32]);
  });

  it('tiny-cnn at batch 8: eight times the MACs of batch 1', () => {
    const model = load('tiny-cnn.onnx');
    const one = analyzeModel(model).summary.macs;
    expect(one).toBe(70_656);
    expect(analyzeModel(model, { symbols: { batch: 8 } }).summary.macs).toBe(8 * one);
  });
});
