import { describe, expect, it } from 'vitest';
import { parseModelText, type LayerError } from '../../engine';
import { sqnrByNodeKey } from './overlay';

const layer = (name: string, sqnrDb: number): LayerError => ({
  name,
  opType: 'Relu',
  output: '',
  quantizedOutput: '',
  sqnrDb,
  cosine: 1,
});

describe('sqnrByNodeKey', () => {
  it('maps named and unnamed layers to the keys GraphView gives their nodes', () => {
    const model = parseModelText(`
      <ir_version: 8, opset_import: ["" : 17]>
      g (float[2] x) => (float[2] z) {
        y = Relu (x)
        z = Relu (y)
      }`);
    model.graph.nodes[0].name = '';
    model.graph.nodes[1].name = 'second';
    const values = sqnrByNodeKey(model.graph, [layer('#0 Relu', 31), layer('second', 27), layer('gone', 1)]);
    expect([...values]).toEqual([
      ['Relu#0', 31],
      ['second', 27],
    ]);
  });
});
