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

  it('small-transformer (2 post-norm layers of nn.TransformerEncoder, 4 heads): MACs by hand', () => {
    const model = load('small-transformer.onnx');
    // per token and layer: in_proj 32·96, out_proj 32·32, feed-forward 32·64 + 64·32 = 8192;
    // attention per sequence and layer: QKᵀ and AV, 4 heads × T² × 8 each = 64·T²; classifier 32·5 per sequence
    const expected = (b: number, t: number) => 2 * b * t * 8192 + 2 * b * 64 * t * t + b * 160;
    for (const [batch, sequence] of [
      [1, 1],
      [2, 16],
      [3, 7],
    ])
      expect(analyzeModel(model, { symbols: { batch, sequence } }).summary.macs).toBe(
        expected(batch, sequence),
      );
  });

  it('tiny-cnn at batch 8: eight times the MACs of batch 1', () => {
    const model = load('tiny-cnn.onnx');
    const one = analyzeModel(model).summary.macs;
    expect(one).toBe(70_656);
    expect(analyzeModel(model, { symbols: { batch: 8 } }).summary.macs).toBe(8 * one);
  });
});
