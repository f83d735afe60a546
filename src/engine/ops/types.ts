// The contract of an operator of the reference interpreter: one file per operator (ops/<OpType>.ts)
// exports an OpDef. The naive, spec-faithful implementation here is the oracle every optimized path
// (kernels, passes, quantization) is tested against.
import type { Node, TypeInfo } from '../ir/graph';
import type { Tensor } from '../ir/tensor';

export interface OpContext {
  node: Node;
  /** Opset version of the node's domain in the model (behaviour differs across versions, e.g. Split, Clip). */
  opset: number;
}

export interface OpDef {
  opType: string;
  /** '' for ai.onnx, 'com.microsoft' for contrib ops. */
  domain: string;
  /**
   * Output types from input types. `constants[i]` holds the value of input i when it is known before
   * running (an initializer or a folded constant), which shape-dependent ops (Reshape, Slice, Expand…) need.
   * Missing optional inputs are null. Throws ModelError for inputs the operator cannot accept.
   */
  infer(ctx: OpContext, inputs: (TypeInfo | null)[], constants: (Tensor | null)[]): TypeInfo[];
  /** Computes the outputs. Missing optional inputs are null. Throws ModelError on bad input. */
  run(ctx: OpContext, inputs: (Tensor | null)[]): Tensor[];
}
