"""Layers that move elements: TransposeLayer (Transpose), FlattenLayer and ReshapeLayer
(Reshape, after a Transpose when the layer reorders levels), SequenceMostLayer,
SequenceRestLayer, SequenceReverseLayer (Slice on the sequence axis), PartLayer (one
Slice for its spans, a Gather for each index), AggregationLayer (Reduce*), PaddingLayer
(Pad), ReplicateLayer (Unsqueeze, Expand) and EmbeddingLayer
(Gather of the weights' rows: Wolfram's classes count from 1, and an index outside
1..n takes the nearest row, as wlnet clips it; inputs are float32, rounded first). The
batch stays first; a "Varying" output dimension is ONNX's 0 (the input's dimension at
that place) or the one -1 (inferred)."""
import numpy as np

from ....nets.layers.aggregation import AggregationLayer
from ....nets.layers.embedding import EmbeddingLayer
from ....nets.structured import Call
from ....nets.layers.part import ALL, PartLayer, index
from ....nets.layers.reshape import AUTOMATIC, INHERITED, ReshapeLayer
from ....nets.layers.sequence_parts import (SequenceMostLayer, SequenceRestLayer,
                                            SequenceReverseLayer)
from ....nets.layers.transpose import TransposeLayer
from ....nets.shapes import VARYING
from .. import OnnxUnsupported
from . import NOT_EXPORTED, Read, exports, reads

BIG = np.iinfo(np.int64).max


@exports("TransposeLayer")
def transpose(b, layer, ins):
    order = layer.order(len(layer.input_ports()["Input"]))
    return {"Output": b.op("Transpose", [ins["Input"]], perm=[0] + [i + 1 for i in order])}


@exports("FlattenLayer", "ReshapeLayer")
def reshape(b, layer, ins):
    x, dims = ins["Input"], list(layer.input_ports()["Input"])
    order = layer.order(len(dims))
    if order is not None:
        x = b.op("Transpose", [x], "reordered", perm=[0] + [i + 1 for i in order])
        dims = [dims[i] for i in order]
    out = layer.output_ports()["Output"]
    target = [0] + [d if d != VARYING else 0 if j < len(dims) and dims[j] == VARYING
                    else -1 for j, d in enumerate(out)]
    if target.count(-1) > 1:
        raise OnnxUnsupported(f"{layer.head} cannot be exported to ONNX: its output has "
                              "two dimensions known only at evaluation.")
    return {"Output": b.op("Reshape", [x, b.ints(target)])}


@exports("PartLayer")
def part(b, layer, ins):
    shape = layer.input_ports()["Input"]
    where = [slice(None) if n == VARYING else index((item,), (n,))[1]   # All, varying
             for item, n in zip(layer.items, shape)]
    spans = [(axis, w) for axis, w in enumerate(where, 1) if isinstance(w, slice) and
             w not in (slice(None), slice(0, shape[axis - 1]))]
    y = ins["Input"]
    if spans:
        y = b.op("Slice", [y, b.ints([w.start for _, w in spans], "starts"),
                           b.ints([w.stop for _, w in spans], "ends"),
                           b.ints([a for a, _ in spans], "axes")], "span")
    for axis, w in reversed(list(enumerate(where, 1))):
        if not isinstance(w, slice):
            y = b.op("Gather", [y, b.ints(w, "index")], "part", axis=axis)
    return {"Output": y}


NOT_EXPORTED.update(dict.fromkeys(
    ("ConstantArrayLayer", "NetArrayLayer"),
    "a layer without inputs gives a batch of one example, which wlnet broadcasts to the "
    "batch of whatever it meets and ONNX does not"))

PARTS = {"SequenceMostLayer": (0, -1, 1), "SequenceRestLayer": (1, BIG, 1),
         "SequenceReverseLayer": (-1, -BIG, -1)}


@exports(*PARTS)
def sequence_part(b, layer, ins):
    start, end, step = PARTS[layer.head]
    return {"Output": b.op("Slice", [ins["Input"], b.ints([start], "starts"),
                                     b.ints([end], "ends"), b.ints([1], "axes"),
                                     b.ints([step], "steps")])}


@exports("EmbeddingLayer")
def embedding(b, layer, ins):
    w = layer.local_arrays()["Weights"]
    index = b.op("Sub", [b.op("Round", [ins["Input"]]), b.const(np.float32(1), "one")])
    index = b.op("Clip", [index, b.const(np.float32(0), "first"),
                          b.const(np.float32(len(w) - 1), "last")])
    index = b.op("Cast", [index], "index", to=7)                  # int64
    return {"Output": b.op("Gather", [b.param("Weights", w), index], axis=0)}


# -- reading ------------------------------------------------------------------------------

@reads("Transpose")
def read_transpose(r, node):
    perm = list(r.attrs(node).get("perm", []))
    shape = r.shape(node.input[0])
    if not perm or perm[0] != 0 or shape is None:
        return None          # not the batch first: maybe a recurrent operator's
    spec = tuple(int(i) for i in np.argsort([p - 1 for p in perm[1:]]) + 1)
    return Read(TransposeLayer(spec, input=shape), [("Input", node.input[0])])


@reads("Reshape")
def read_reshape(r, node):
    dims, shape = r.const(node.input[1]), r.shape(node.input[0])
    if dims is None or shape is None or dims[0] != 0 or r.attrs(node).get("allowzero", 0):
        return None
    spec = tuple(INHERITED if d == 0 else AUTOMATIC if d == -1 else int(d) for d in dims[1:])
    return Read(ReshapeLayer(spec, input=shape), [("Input", node.input[0])])


@reads("Slice")
def read_slice(r, node):
    starts, ends, axes, steps = (
        [int(v) for v in np.ravel(r.const(node.input[i]))] if len(node.input) > i and
        node.input[i] and r.const(node.input[i]) is not None else None for i in (1, 2, 3, 4))
    layers = {"SequenceMostLayer": SequenceMostLayer, "SequenceRestLayer": SequenceRestLayer,
              "SequenceReverseLayer": SequenceReverseLayer}
    shape = r.shape(node.input[0])
    for head, (start, end, step) in PARTS.items():
        if (starts, ends, axes, steps or [1]) == ([start], [end], [1], [step]):
            return Read(layers[head](input=shape), [("Input", node.input[0])])
    if None in (starts, ends, axes, shape) or any(v != 1 for v in steps or [1]) or \
            not all(1 <= a <= len(shape) and isinstance(shape[a - 1], int) for a in axes):
        raise r.unsupported(node, "only spans of known dimensions after the batch, or the "
                                  "sequence without its first or last element, or "
                                  "reversed, read as a layer")
    spec = [ALL] * max(axes)
    for a, start, end in zip(axes, starts, ends):
        n = shape[a - 1]
        first, last = (min(max(v if v >= 0 else n + v, 0), n) for v in (start, end))
        spec[a - 1] = Call("Span", (first + 1, last))
    return Read(PartLayer(tuple(spec), input=shape), [("Input", node.input[0])])


@reads("Gather")
def read_gather_part(r, node):
    """One index of a level after the batch (a part)."""
    i, shape, axis = r.const(node.input[1]), r.shape(node.input[0]), r.attrs(node).get("axis", 0)
    if i is None or i.shape != () or shape is None or not 1 <= axis <= len(shape) or \
            not isinstance(shape[axis - 1], int) or r.const(node.input[0]) is not None:
        return None
    n = shape[axis - 1]
    spec = (ALL,) * (axis - 1) + ((int(i) % n) + 1,)
    return Read(PartLayer(spec, input=shape), [("Input", node.input[0])])


@reads("Gather")
def read_embedding(r, node):
    """Rows of constant weights at indices computed as the export writes them."""
    w = r.const(node.input[0])
    chain, x = [], node.input[1]
    for op in ("Cast", "Clip", "Sub", "Round"):
        found = r.made_by(x, op)
        if found is None:
            break
        chain.append(found)
        x = found.input[0]
    if w is None or w.ndim != 2 or len(chain) != 4 or r.attrs(node).get("axis", 0) != 0:
        return None
    return Read(EmbeddingLayer(w.shape[1], w.shape[0], weights=w, input=r.shape(x)),
                [("Input", x)])


# -- AggregationLayer, PaddingLayer, ReplicateLayer -----------------------------------------

REDUCTIONS = {"Mean": "ReduceMean", "Min": "ReduceMin", "Max": "ReduceMax",
              "Total": "ReduceSum", "Times": "ReduceProd"}
PAD_MODES = {"Fixed": "edge", "Reflected": "reflect"}


@exports("AggregationLayer")
def aggregation(b, layer, ins):
    axes = layer.axes(len(layer.input_ports()["Input"]))
    return {"Output": b.op(REDUCTIONS[layer.params["Function"]],
                           [ins["Input"], b.ints(list(axes), "axes")], keepdims=0)}


@exports("PaddingLayer")
def padding(b, layer, ins):
    spec, fill = layer.params["Specification"], layer.params["Padding"]
    pads = b.ints([0] + [p[0] for p in spec] + [0] + [p[1] for p in spec], "pads")
    if fill == "Periodic":    # ONNX's "wrap" mode is operator set 19
        raise OnnxUnsupported("PaddingLayer cannot be exported to ONNX: periodic padding "
                              "needs operator set 19 (wlnet writes 18).")
    if fill in PAD_MODES:
        return {"Output": b.op("Pad", [ins["Input"], pads], mode=PAD_MODES[fill])}
    value = b.const(np.float32(fill), "padding")
    return {"Output": b.op("Pad", [ins["Input"], pads, value], mode="constant")}


@exports("ReplicateLayer")
def replicate(b, layer, ins):
    rank = len(layer.input_ports()["Input"])
    at, k = layer.new_axes(rank + 1)
    counts = layer.output_ports()["Output"][at - 1:at - 1 + k]
    if not all(isinstance(c, int) for c in counts):
        raise OnnxUnsupported("ReplicateLayer cannot be exported to ONNX: the number of "
                              "copies is not known.")
    x = b.op("Unsqueeze", [ins["Input"], b.ints(range(at, at + k), "axes")])
    target = [1] * at + list(counts) + [1] * (rank + 1 - at)
    return {"Output": b.op("Expand", [x, b.ints(target)])}


@reads(*REDUCTIONS.values())
def read_reduction(r, node):
    shape = r.shape(node.input[0])
    axes = r.const(node.input[1]) if len(node.input) > 1 and node.input[1] else \
        r.attrs(node).get("axes")
    if shape is None or axes is None or r.attrs(node).get("keepdims", 1):
        raise r.unsupported(node, "only a reduction over given axes after the batch, "
                                  "without kept dimensions, reads as an AggregationLayer")
    levels = sorted(int(a) % (len(shape) + 1) for a in np.ravel(axes))
    if 0 in levels:
        raise r.unsupported(node, "a reduction over the batch has no wlnet form")
    f = {op: f for f, op in REDUCTIONS.items()}[node.op_type]
    return Read(AggregationLayer(f, tuple(levels), input=shape), [("Input", node.input[0])])
