// Whether onnxruntime-web can run a model the NHWC conversion produced. The answers are measured, not read
// from documentation: each channels-last op below was run as a one-node model in onnxruntime-web 1.30
// (WebAssembly backend, what the app uses) and in onnxruntime-node 1.30 (CPU). ortSupport.test.ts runs
// them again, so an upgrade that changes an answer fails a test instead of silently changing the UI's claim.
//   com.microsoft NhwcConv, float32 — session creation fails in both: "Could not find an implementation
//     for NhwcConv(1)": the CPU provider, which is what the WebAssembly build runs, has no kernel for it.
//   com.microsoft NhwcMaxPool, float32 — rejected in both: its schema allows int8 and uint8 only.
//   com.microsoft NhwcMaxPool, uint8 / int8 — runs in both.
//   com.microsoft QLinearConv, channels_last = 1 — runs in both (the CPU's own NHWC int8 convolution).
// Only the ops this conversion emits are judged; everything else is taken as the original model had it.
import type { Model } from '../ir/graph';
import { inferShapes } from '../ir/infer';
import { nodeLabel } from '../ir/scope';
import { MS_DOMAIN } from './nhwcForms';

export interface OrtWebBlocker {
  node: string;
  opType: string;
  /** Why onnxruntime-web refuses it, in the runtime's terms. */
  reason: string;
}

const EIGHT_BIT = new Set(['int8', 'uint8']);

/** The nodes of a converted model that onnxruntime-web (WebAssembly) cannot run; empty when it runs. */
export function ortWebBlockers(model: Model): OrtWebBlocker[] {
  const contrib = model.graph.nodes.filter((n) => n.domain === MS_DOMAIN);
  if (contrib.length === 0) return [];
  const types = inferShapes(model).types;
  return model.graph.nodes.flatMap((node, i): OrtWebBlocker[] => {
    if (node.domain !== MS_DOMAIN) return [];
    const at = { node: nodeLabel(node, i), opType: node.opType };
    if (node.opType === 'NhwcConv')
      return [
        {
          ...at,
          reason:
            "no NhwcConv kernel in onnxruntime's CPU provider, which onnxruntime-web runs as WebAssembly",
        },
      ];
    if (node.opType === 'NhwcMaxPool') {
      const dtype = types.get(node.inputs[0])?.dtype;
      if (!dtype || !EIGHT_BIT.has(dtype))
        return [{ ...at, reason: `NhwcMaxPool takes int8 or uint8 only, not ${dtype ?? 'an unknown type'}` }];
    }
    return [];
  });
}

export const runsInOrtWeb = (model: Model) => ortWebBlockers(model).length === 0;
