// Small graphs written in the ONNX text syntax, one per family of passes, for the text editor and the
// lessons (`model="example:conv-bn-relu"`). Each is a real model: the pipeline optimizes it, onnxruntime-web
// runs it, and examples.test.ts checks that it parses, validates and keeps its outputs through the passes.

export interface Example {
  id: string;
  title: { en: string; zh: string };
  text: string;
}

const header = '<ir_version: 8, opset_import: ["" : 17]>';

export const EXAMPLES: Example[] = [
  {
    id: 'conv-bn-relu',
    title: { en: 'Conv → BatchNorm → ReLU', zh: 'Conv → BatchNorm → ReLU' },
    text: `${header}
conv_bn_relu (float[1, 1, 4, 4] x) => (float[1, 2, 2, 2] y)
<
  float[2, 1, 3, 3] w = {0.5, -0.25, 0.0, 1.0, 0.5, -0.5, 0.25, 0.0, 0.75,
                         -0.5, 0.25, 0.5, 0.0, -1.0, 0.25, 0.5, 0.5, -0.25},
  float[2] b = {0.1, -0.2},
  float[2] gamma = {1.5, 0.5},
  float[2] beta = {0.0, 0.3},
  float[2] mean = {0.2, -0.1},
  float[2] var = {0.8, 1.2}
>
{
  c = Conv <kernel_shape: ints = [3, 3]> (x, w, b)
  n = BatchNormalization <epsilon = 0.00001> (c, gamma, beta, mean, var)
  y = Relu (n)
}
`,
  },
  {
    id: 'matmul-add',
    title: { en: 'MatMul + Add → Gemm', zh: 'MatMul + Add → Gemm' },
    text: `${header}
linear (float[1, 4] x) => (float[1, 3] y)
<
  float[4, 3] w = {1.0, -1.0, 0.5, 2.0, 0.0, -0.5, -1.0, 1.0, 1.0, 0.5, 0.25, -2.0},
  float[3] b = {0.1, 0.2, -0.3}
>
{
  m = MatMul (x, w)
  a = Add (m, b)
  y = Relu (a)
}
`,
  },
  {
    id: 'add-relu-maxpool',
    title: { en: 'Add → ReLU → MaxPool', zh: 'Add → ReLU → MaxPool' },
    text: `${header}
residual_pool (float[1, 2, 4, 4] x, float[1, 2, 4, 4] skip) => (float[1, 2, 2, 2] y)
{
  a = Add (x, skip)
  r = Relu (a)
  y = MaxPool <kernel_shape: ints = [2, 2], strides: ints = [2, 2]> (r)
}
`,
  },
  {
    id: 'flatten-chain',
    title: {
      en: 'Shape → Gather → Unsqueeze → Concat → Reshape',
      zh: 'Shape → Gather → Unsqueeze → Concat → Reshape',
    },
    text: `${header}
flatten_chain (float[1, 2, 3, 3] x) => (float[1, 18] y)
<int64[1] axes = {0}, int64[1] minus_one = {-1}>
{
  s = Shape (x)
  zero = Constant <value = int64[] {0}> ()
  n = Gather <axis = 0> (s, zero)
  n1 = Unsqueeze (n, axes)
  shape = Concat <axis = 0> (n1, minus_one)
  r = Reshape (x, shape)
  d = Dropout (r)
  y = Identity (d)
}
`,
  },
];

export const EXAMPLE_PREFIX = 'example:';

export const findExample = (id: string) => EXAMPLES.find((e) => e.id === id);
