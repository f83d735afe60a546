// One ONNX backend-test case (model.onnx + test_data_set_0/{input,output}_<i>.pb) → pass or fail with a reason.
// Pure: it takes bytes; walking folders is the CLI's and the test's job.
import { isModelError } from '../errors';
import { decodeModel, decodeTensor } from '../onnx/decode';
import { run } from '../interpreter/run';
import type { Tensor } from '../ir/tensor';
import { DEFAULT_TOLERANCE, mismatch, type Tolerance } from './compare';

export interface ConformanceCase {
  name: string;
  model: Uint8Array;
  /** input_<i>.pb and output_<i>.pb, in index order. */
  inputs: Uint8Array[];
  outputs: Uint8Array[];
}

export interface CaseResult {
  name: string;
  passed: boolean;
  reason?: string;
  /** The failure was not a ModelError: an interpreter bug rather than an unsupported feature. */
  crashed?: boolean;
}

export function runConformanceCase(c: ConformanceCase, tol: Tolerance = DEFAULT_TOLERANCE): CaseResult {
  const failed = (reason: string, crashed = false): CaseResult => ({
    name: c.name,
    passed: false,
    reason,
    ...(crashed ? { crashed } : {}),
  });
  try {
    const model = decodeModel(c.model);
    const graph = model.graph;
    // input_<i> feeds the i-th graph input that is not an initializer, like the ONNX backend runner
    const feedable = graph.inputs.filter((v) => !graph.initializers.has(v.name));
    if (c.inputs.length > feedable.length)
      return failed(`${c.inputs.length} input files for ${feedable.length} graph inputs`);
    const feeds: Record<string, Tensor> = {};
    c.inputs.forEach((bytes, i) => (feeds[feedable[i].name] = decodeTensor(bytes).tensor));
    if (c.outputs.length !== graph.outputs.length)
      return failed(`${c.outputs.length} output files for ${graph.outputs.length} graph outputs`);
    const result = run(model, feeds);
    for (const out of graph.outputs)
      if (!out.type)
        return failed(`output "${out.name}" is not a tensor (a sequence or map): only tensors are compared`);
    for (let i = 0; i < c.outputs.length; i++) {
      const name = graph.outputs[i].name;
      const why = mismatch(result[name], decodeTensor(c.outputs[i]).tensor, tol);
      if (why) return failed(`output ${i} "${name}": ${why}`);
    }
    return { name: c.name, passed: true };
  } catch (e) {
    if (isModelError(e)) return failed(`${e.code}: ${e.message}`);
    return failed(`crash: ${e instanceof Error ? e.message : String(e)}`, true);
  }
}
