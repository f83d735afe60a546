"""ONNX export with torch.onnx.export, and the facts the manifest records about each file
(checked with the onnx checker; params and MACs counted from the exported graph itself)."""

import hashlib
import os
from collections import Counter

import numpy as np
import onnx
import torch
from onnx import shape_inference

OPSET = 17
INPUT, OUTPUT, BATCH = "input", "logits", "batch"


def export(model, path, example, *, raw=False):
    """Clean: constant folding on, eval mode (torch folds Conv+BatchNorm in its eval peephole pass).
    Raw: no constant folding and training=PRESERVE on an eval-mode model, which skips that peephole pass,
    so BatchNormalization stays a node of its own and shape arithmetic stays as Shape/Gather/... nodes."""
    model.eval()
    torch.onnx.export(
        model, example, path,
        opset_version=OPSET,
        input_names=[INPUT], output_names=[OUTPUT],
        dynamic_axes={INPUT: {0: BATCH}, OUTPUT: {0: BATCH}},
        do_constant_folding=not raw,
        training=torch.onnx.TrainingMode.PRESERVE if raw else torch.onnx.TrainingMode.EVAL,
    )
    onnx.checker.check_model(onnx.load(path), full_check=True)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


DTYPES = {onnx.TensorProto.FLOAT: "float32", onnx.TensorProto.INT64: "int64"}


def _io(values):
    out = []
    for v in values:
        t = v.type.tensor_type
        shape = [d.dim_param if d.HasField("dim_param") else d.dim_value for d in t.shape.dim]
        out.append({"name": v.name, "dtype": DTYPES[t.elem_type], "shape": shape})
    return out


def op_counts(model):
    return dict(sorted(Counter(n.op_type for n in model.graph.node).items()))


def _with_batch_one(model):
    m = onnx.ModelProto()
    m.CopyFrom(model)
    for v in list(m.graph.input) + list(m.graph.output):
        for d in v.type.tensor_type.shape.dim:
            if d.HasField("dim_param"):
                d.dim_value = 1
    return shape_inference.infer_shapes(m, strict_mode=True, data_prop=True)


def macs(model):
    """Multiply-accumulates of one inference at batch 1, counted over Conv, Gemm and MatMul (everything
    else — BatchNorm, activations, pooling, Add, Softmax — is not counted):
    Conv: output elements x (input channels / group) x kernel area; Gemm/MatMul: output elements x K."""
    inferred = _with_batch_one(model)
    shapes = {}
    for v in list(inferred.graph.value_info) + list(inferred.graph.input) + list(inferred.graph.output):
        dims = v.type.tensor_type.shape.dim
        if all(d.HasField("dim_value") for d in dims):
            shapes[v.name] = [d.dim_value for d in dims]
    for init in inferred.graph.initializer:
        shapes[init.name] = list(init.dims)

    def shape(name, node):
        if name not in shapes:
            raise ValueError(f"macs: no static shape for {name} (input of {node.op_type} {node.name})")
        return shapes[name]

    total = 0
    for node in inferred.graph.node:
        if node.op_type == "Conv":
            w = shape(node.input[1], node)
            total += int(np.prod(shape(node.output[0], node))) * int(np.prod(w[1:]))
        elif node.op_type == "Gemm":
            trans_a = next((a.i for a in node.attribute if a.name == "transA"), 0)
            a = shape(node.input[0], node)
            total += int(np.prod(shape(node.output[0], node))) * (a[0] if trans_a else a[1])
        elif node.op_type == "MatMul":
            total += int(np.prod(shape(node.output[0], node))) * shape(node.input[0], node)[-1]
    return total


def params(model):
    """Elements of the floating-point initializers: the weights stored in the file."""
    return int(sum(np.prod(i.dims) for i in model.graph.initializer if i.data_type == onnx.TensorProto.FLOAT))


def describe(path):
    """The manifest facts of one exported file."""
    model = onnx.load(path)
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    return {
        "file": os.path.basename(path),
        "sha256": sha256(path),
        "bytes": os.path.getsize(path),
        "opset": opset,
        "inputs": _io(model.graph.input),
        "outputs": _io(model.graph.output),
        "params": params(model),
        "macs": macs(model),
        "nodes": len(model.graph.node),
        "opCounts": op_counts(model),
    }


RAW_KINDS = ["BatchNormalization", "Dropout", "Identity", "Constant", "Shape", "Gather", "Unsqueeze", "Concat",
             "Reshape"]


def check_raw_twin(raw_path, clean_path):
    """The raw file must carry every clutter kind; the clean one no BatchNormalization, Dropout or Identity."""
    raw, clean = op_counts(onnx.load(raw_path)), op_counts(onnx.load(clean_path))
    missing = [k for k in RAW_KINDS if k not in raw]
    if missing:
        raise AssertionError(f"{raw_path}: raw export lacks {missing}; has {raw}")
    leftover = [k for k in ("BatchNormalization", "Dropout", "Identity") if k in clean]
    if leftover:
        raise AssertionError(f"{clean_path}: clean export still has {leftover}")

