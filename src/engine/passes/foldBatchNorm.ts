// fold-batchnorm: a BatchNormalization at inference is a per-channel affine map (channelAffine.ts), so when it
// follows a Conv or Gemm with constant weights it folds into them, and the BN disappears. After a MatMul of
// a 2-D input by a constant [K, N] matrix it makes a Gemm (the BN's shift becomes the Gemm's bias).
// Exact algebra (see channelAffine.ts); the producer's output must be read by the BN alone.
import { makeNode } from '../ir/build';
import { nameGenerator, replaceNode } from '../ir/edit';
import type { Node } from '../ir/graph';
import { indexGraph } from '../ir/graphIndex';
import { absorbAffine, affineTarget, batchNormAffine, type ChannelAffine } from './channelAffine';
import { rewrite } from './context';
import { floatConstant, isOp, soleReader } from './query';
import type { Pass } from './types';

interface Match {
  producer: Node;
  bn: Node;
  affine: ChannelAffine;
}

export const foldBatchNorm: Pass<Match> = {
  name: 'fold-batchnorm',
  level: 'extended',
  match(graph, ctx) {
    const index = indexGraph(graph);
    for (const bn of graph.nodes) {
      if (!isOp(bn, 'BatchNormalization')) continue;
      const producer = index.producer(bn.inputs[0]);
      if (!producer || soleReader(index, bn.inputs[0]) !== bn) continue;
      const affine = batchNormAffine(graph, ctx.model, bn);
      if (!affine) continue;
      const channels = affine.scale.length;
      if (affineTarget(graph, producer)?.channels === channels) return { producer, bn, affine };
      if (isOp(producer, 'MatMul')) {
        const w = floatConstant(graph, producer.inputs[1]);
        const rank = ctx.shapes().types.get(producer.inputs[0])?.shape?.length;
        if (w?.dims.length === 2 && w.dims[1] === channels && rank === 2) return { producer, bn, affine };
      }
    }
    return null;
  },
  apply(graph, { producer, bn, affine }) {
    const output = bn.outputs[0];
    graph.nodes.splice(graph.nodes.indexOf(bn), 1);
    if (producer.opType !== 'MatMul') {
      absorbAffine(graph, producer, affine, output);
      return rewrite(
        'fold-batchnorm',
        { code: 'folded-batchnorm', bn: bn.name, into: { op: producer.opType, name: producer.name } },
        {
          removed: [bn.name],
          changed: [producer.name],
          origins: { [producer.name]: [producer.name, bn.name] },
        },
      );
    }
    const name = nameGenerator(graph)(`${producer.name}+${bn.name}`);
    const gemm = makeNode('Gemm', producer.inputs.slice(0, 2), producer.outputs, { name });
    replaceNode(graph, producer, [gemm]);
    absorbAffine(graph, gemm, affine, output);
    const message = {
      code: 'batchnorm-matmul-to-gemm',
      matmul: producer.name,
      bn: bn.name,
      gemm: name,
    } as const;
    return rewrite('fold-batchnorm', message, {
      removed: [producer.name, bn.name],
      added: [name],
      origins: { [name]: [producer.name, bn.name] },
    });
  },
};
