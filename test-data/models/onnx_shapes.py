# Writes <model>.shapes.json beside each model: the shape of every value according to ONNX's own shape
# inference (onnx.shape_inference with data propagation), the reference the engine's inferShapes is tested
# against. null marks a value ONNX cannot infer, "?" a dim it cannot (it names those unk__0, unk__1, …).
# Run with Debian's /usr/bin/python3 (python3-onnx).
import json

import onnx
from onnx import shape_inference

def unknown(dim_param):
    return "?" if not dim_param or dim_param.startswith("unk__") else dim_param


for name in ["tiny-cnn", "tiny-transformer", "small-cnn", "small-transformer"]:
    inferred = shape_inference.infer_shapes(onnx.load(f"{name}.onnx"), data_prop=True)
    shapes = {}
    for v in list(inferred.graph.value_info) + list(inferred.graph.output):
        t = v.type.tensor_type
        shapes[v.name] = (
            [d.dim_value if d.HasField("dim_value") else unknown(d.dim_param) for d in t.shape.dim]
            if t.HasField("shape")
            else None
        )
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in shapes.items()]
    with open(f"{name}.shapes.json", "w") as f:
        f.write(f'{{\n "onnx": "{onnx.__version__}",\n "shapes": {{\n' + ",\n".join(lines) + "\n }\n}\n")
