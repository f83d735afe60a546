// A generated network of any size, for the large-graph benchmark, the dev page and tests: stages of seeded
// random blocks of three kinds found in real models (a residual bottleneck, an Inception-style four-branch
// block, a Transformer-style attention + MLP block), named by scope like a PyTorch export
// ("/stage.2/block.7/conv2/Conv") and fully typed, so edges carry shapes. Weights are tiny (8 channels):
// only the graph's structure matters here.
import type { Attribute, Graph, Node, Tensor, ValueInfo } from '../../engine';
import { seededRandom as mulberry32 } from '../../engine';

const C = 8;

export interface SyntheticOptions {
  /** Stop adding blocks once the graph has at least this many nodes. */
  nodes: number;
  seed?: number;
  /** Name nodes by scope (default); false gives flat names ("Conv_12") to exercise structural blocks. */
  scoped?: boolean;
}

export function syntheticGraph({ nodes: target, seed = 1, scoped = true }: SyntheticOptions): Graph {
  const random = mulberry32(seed);
  const nodes: Node[] = [];
  const initializers = new Map<string, Tensor>();
  const valueInfo = new Map<string, ValueInfo>();
  let counter = 0;
  let scope = '';
  let spatial = 64;

  const value = (dims: number[]) => {
    const name = `v${counter++}`;
    valueInfo.set(name, { name, type: { dtype: 'float32', shape: [1, ...dims] } });
    return name;
  };
  const weight = (dims: number[]) => {
    const name = `w${initializers.size}`;
    const n = dims.reduce((a, b) => a * b, 1);
    initializers.set(name, {
      dtype: 'float32',
      dims,
      data: Float32Array.from({ length: n }, () => random() * 2 - 1),
    });
    return name;
  };
  const shapeConstant = (values: number[]) => {
    const name = `shape${initializers.size}`;
    initializers.set(name, { dtype: 'int64', dims: [values.length], data: Float64Array.from(values) });
    return name;
  };
  const add = (
    op: string,
    part: string,
    inputs: string[],
    outDims: number[],
    attributes: Record<string, Attribute> = {},
  ) => {
    const output = value(outDims);
    const index = nodes.length;
    nodes.push({
      name: scoped ? `${scope}/${part}/${op}` : `${op}_${index}`,
      opType: op,
      domain: '',
      inputs,
      outputs: [output],
      attributes,
    });
    return output;
  };
  const fmap = () => [C, spatial, spatial];
  const conv = (x: string, part: string, k: number) =>
    add('Conv', part, [x, weight([C, C, k, k]), weight([C])], fmap(), {
      kernel_shape: { type: 'ints', value: [k, k] },
      pads: { type: 'ints', value: [k >> 1, k >> 1, k >> 1, k >> 1] },
    });

  const residual = (x: string) => {
    let h = add('Relu', 'act1', [conv(x, 'conv1', 1)], fmap());
    h = add('Relu', 'act2', [conv(h, 'conv2', 3)], fmap());
    h = add('Add', 'add', [conv(h, 'conv3', 1), x], fmap());
    return add('Relu', 'out', [h], fmap());
  };
  const inception = (x: string) => {
    const a = conv(x, 'branch.0', 1);
    const b = conv(conv(x, 'branch.1a', 1), 'branch.1b', 3);
    const c = conv(conv(x, 'branch.2a', 1), 'branch.2b', 5);
    const pool = add('MaxPool', 'branch.3a', [x], fmap(), { kernel_shape: { type: 'ints', value: [3, 3] } });
    const d = conv(pool, 'branch.3b', 1);
    const cat = add('Concat', 'concat', [a, b, c, d], [4 * C, spatial, spatial], {
      axis: { type: 'int', value: 1 },
    });
    return add('Conv', 'project', [cat, weight([C, 4 * C, 1, 1])], fmap(), {
      kernel_shape: { type: 'ints', value: [1, 1] },
    });
  };
  const attention = (x: string) => {
    const tokens = [spatial * spatial, C];
    const flat = add('Reshape', 'flatten', [x, shapeConstant([1, C, -1])], tokens);
    const norm = add('LayerNormalization', 'norm1', [flat, weight([C]), weight([C])], tokens, {
      axis: { type: 'int', value: -1 },
    });
    const [q, k, v] = ['q', 'k', 'v'].map((p) => add('MatMul', p, [norm, weight([C, C])], tokens));
    const kt = add('Transpose', 'kT', [k], [C, spatial * spatial], {
      perm: { type: 'ints', value: [0, 2, 1] },
    });
    const scores = add(
      'Softmax',
      'softmax',
      [add('MatMul', 'scores', [q, kt], [spatial * spatial, spatial * spatial])],
      [spatial * spatial, spatial * spatial],
      {
        axis: { type: 'int', value: -1 },
      },
    );
    const attended = add('Add', 'residual1', [add('MatMul', 'mix', [scores, v], tokens), flat], tokens);
    const norm2 = add('LayerNormalization', 'norm2', [attended, weight([C]), weight([C])], tokens);
    const mlp = add(
      'MatMul',
      'fc2',
      [
        add(
          'Gelu',
          'gelu',
          [add('MatMul', 'fc1', [norm2, weight([C, 4 * C])], [spatial * spatial, 4 * C])],
          [spatial * spatial, 4 * C],
        ),
        weight([4 * C, C]),
      ],
      tokens,
    );
    return add(
      'Reshape',
      'unflatten',
      [add('Add', 'residual2', [mlp, attended], tokens), shapeConstant([1, C, spatial, spatial])],
      fmap(),
    );
  };

  const inputs: ValueInfo[] = [
    { name: 'input', type: { dtype: 'float32', shape: ['batch', C, spatial, spatial] } },
  ];
  scope = '/stem';
  let x = add('Relu', 'act', [conv('input', 'conv', 3)], fmap());
  const kinds = [residual, inception, attention];
  for (let stage = 0; nodes.length < target; stage++) {
    const kind = kinds[Math.floor(random() * kinds.length)];
    const blocks = 2 + Math.floor(random() * 6);
    if (stage > 0) {
      scope = `/stage.${stage}/downsample`;
      spatial = Math.max(4, spatial >> 1);
      x = add('MaxPool', 'pool', [x], fmap(), {
        kernel_shape: { type: 'ints', value: [2, 2] },
        strides: { type: 'ints', value: [2, 2] },
      });
    }
    for (let b = 0; b < blocks && nodes.length < target; b++) {
      scope = `/stage.${stage}/block.${b}`;
      x = kind(x);
    }
  }
  const outputs: ValueInfo[] = [{ name: x, type: valueInfo.get(x)!.type }];
  valueInfo.delete(x);
  return { name: `synthetic-${target}`, nodes, inputs, outputs, initializers, valueInfo };
}
