// Test helper: reads one ONNX conformance case (test-data/onnx-node/<name>) with onnx-proto, independently of
// the engine's own ONNX reader, so kernels can be checked against the ONNX project's expected outputs.
import fs from 'node:fs';
import path from 'node:path';
import { onnx } from 'onnx-proto';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../test-data/onnx-node');

export interface CaseTensor {
  dataType: number;
  dims: number[];
  values: number[];
}

function values(t: onnx.TensorProto): number[] {
  const raw = t.rawData;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const T = onnx.TensorProto.DataType;
  if (raw.length) {
    switch (t.dataType) {
      case T.FLOAT:
        return Array.from({ length: raw.length / 4 }, (_, i) => view.getFloat32(4 * i, true));
      case T.UINT8:
        return Array.from(raw);
      case T.INT8:
        return Array.from(new Int8Array(raw.buffer, raw.byteOffset, raw.length));
      case T.INT32:
        return Array.from({ length: raw.length / 4 }, (_, i) => view.getInt32(4 * i, true));
      default:
        throw new Error(`onnx-case: raw data of type ${t.dataType} not handled`);
    }
  }
  if (t.floatData.length) return t.floatData;
  return t.int32Data;
}

const tensor = (t: onnx.TensorProto): CaseTensor => ({
  dataType: t.dataType,
  dims: t.dims.map(Number),
  values: values(t),
});

/** The node's integer-list attributes, the inputs and the expected outputs of test-data/onnx-node/<name>. */
export function loadCase(name: string) {
  const dir = path.join(root, name);
  const model = onnx.ModelProto.decode(fs.readFileSync(path.join(dir, 'model.onnx')));
  const node = model.graph!.node![0];
  const ints = Object.fromEntries(node.attribute!.map((a) => [a.name!, (a.ints ?? []).map(Number)]));
  const read = (kind: 'input' | 'output') =>
    fs
      .readdirSync(path.join(dir, 'test_data_set_0'))
      .filter((f) => f.startsWith(`${kind}_`))
      .sort((a, b) => parseInt(a.slice(kind.length + 1)) - parseInt(b.slice(kind.length + 1)))
      .map((f) => tensor(onnx.TensorProto.decode(fs.readFileSync(path.join(dir, 'test_data_set_0', f)))));
  return { opType: node.opType!, ints, inputs: read('input'), outputs: read('output') };
}
