// matmul-add-to-gemm: MatMul(A, B) + C is Gemm(A, B, C) (α = β = 1) when it is a matrix product — A and B
// both 2-D (MatMul's batched and 1-D forms are not Gemm's) — and C broadcasts to A·B's [M, N] without growing
// it (dims 1 or equal, C of rank ≤ 2). Exact: Gemm's definition is that product plus that bias. One node
// instead of two, and the bias is added as the product is written.
import { makeNode } from '../ir/build';
import { nameGenerator, replaceNode } from '../ir/edit';
import type { Dim, Node } from '../ir/graph';
import { indexGraph } from '../ir/graphIndex';
import { isFloat } from '../ir/tensor';
import { rewrite } from './context';
import { isOp, soleReader } from './query';
import type { Pass } from './types';

interface Match {
  matmul: Node;
  add: Node;
  bias: string;
}

/** Whether a bias of shape c broadcasts to [M, N] and leaves it [M, N]. */
function fits(c: readonly Dim[], [M, N]: readonly Dim[]): boolean {
  if (c.length > 2) return false;
  const [rows, cols] = c.length === 2 ? c : [1, c[0] ?? 1];
  const ok = (d: Dim, want: Dim) => d === 1 || (typeof d === 'number' && d === want);
  return ok(rows, M) && ok(cols, N);
}

export const matmulAddToGemm: Pass<Match> = {
  name: 'matmul-add-to-gemm',
  level: 'extended',
  match(graph, ctx) {
    const index = indexGraph(graph);
    for (const add of graph.nodes) {
      if (!isOp(add, 'Add') || add.inputs.length !== 2 || add.inputs[0] === add.inputs[1]) continue;
      for (const [i, product] of add.inputs.entries()) {
        const matmul = index.producer(product);
        if (!isOp(matmul, 'MatMul') || soleReader(index, product) !== add) continue;
        const types = ctx.shapes().types;
        const [a, b, y, c] = [matmul.inputs[0], matmul.inputs[1], product, add.inputs[1 - i]].map((v) =>
          types.get(v),
        );
        if (!a?.shape || !b?.shape || !y?.shape || !c?.shape || !isFloat(a.dtype)) continue;
        if (a.shape.length === 2 && b.shape.length === 2 && fits(c.shape, y.shape))
          return { matmul, add, bias: add.inputs[1 - i] };
      }
    }
    return null;
  },
  apply(graph, { matmul, add, bias }) {
    const name = nameGenerator(graph)(`${matmul.name}+${add.name}`);
    const gemm = makeNode('Gemm', [matmul.inputs[0], matmul.inputs[1], bias], add.outputs, { name });
    graph.nodes.splice(graph.nodes.indexOf(matmul), 1);
    graph.valueInfo.delete(matmul.outputs[0]);
    replaceNode(graph, add, [gemm]);
    return rewrite(
      'matmul-add-to-gemm',
      { code: 'matmul-add-to-gemm', matmul: matmul.name, add: add.name, gemm: name },
      {
        removed: [matmul.name, add.name],
        added: [name],
        origins: { [name]: [matmul.name, add.name] },
      },
    );
  },
};
