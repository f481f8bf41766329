"""Layers of several inputs: TotalLayer (Sum), ThreadingLayer (Sum, Mul, Sub, Div, Max,
Min, left to right as wlnet combines; a pure function as functions.py writes it),
CatenateLayer (Concat), DotLayer (MatMul of each example's arrays reshaped to matrices,
after the Transposes its specifications ask for); and the reading of ONNX's
binary operators, whose meaning depends on their operands: two tensors are a
ThreadingLayer (TotalLayer for a sum), a tensor and a number an ElementwiseLayer, a
tensor and a constant of its shape ConstantPlusLayer or ConstantTimesLayer."""
from ....nets.layers.catenate import CatenateLayer
from ....nets.layers.threading import ThreadingLayer, TotalLayer
from ....nets.functions import variable
from ....nets.shapes import VARYING
from .. import OnnxUnsupported
from . import Read, exports, reads
from .basic import read_constant_array
from .functions import applied, read_scalar

VARIADIC = {"Plus": "Sum", "Max": "Max", "Min": "Min"}
BINARY = {"Times": "Mul", "Subtract": "Sub", "Divide": "Div"}


def _inputs(layer, ins):
    return [ins[p] for p in layer.input_ports()]


@exports("TotalLayer")
def total(b, layer, ins):
    return {"Output": b.op("Sum", _inputs(layer, ins))}


@exports("ThreadingLayer")
def threading(b, layer, ins):
    f, xs = layer.params["Function"], _inputs(layer, ins)
    if not isinstance(f, str):      # a pure function of #1, #2, ...
        env = {variable(k): x for k, x in enumerate(xs, 1)}
        return {"Output": applied(b, layer, env, xs[0])}
    if f in VARIADIC:
        return {"Output": b.op(VARIADIC[f], xs)}
    y = xs[0]
    for x in xs[1:]:
        y = b.op(BINARY[f], [y, x])
    return {"Output": y}


@exports("CatenateLayer")
def catenate(b, layer, ins):
    """Concat along the layer's level; an input of lower rank is first broadcast to the
    leading dimensions of the highest-rank one (Unsqueeze, then Expand)."""
    xs, shapes = _inputs(layer, ins), list(layer.input_ports().values())
    rank = max(len(s) for s in shapes)
    top = xs[[len(s) for s in shapes].index(rank)]
    for i, (x, s) in enumerate(zip(xs, shapes)):
        pad = rank - len(s)
        if pad:
            lead = b.op("Shape", [top], "lead", end=pad + 1)
            dims = b.op("Concat", [lead, b.ints([1] * len(s))], "dims", axis=0)
            xs[i] = b.op("Expand", [b.op("Unsqueeze", [x, b.ints(range(1, pad + 1), "axes")]),
                                    dims])
    return {"Output": b.op("Concat", xs, axis=layer.axis([len(s) for s in shapes]) + 1)}


@exports("DotLayer")
def dot(b, layer, ins):
    """Dot of a {..., k} array and a {k, ...} one is a product of matrices: the first
    reshaped to {-1, k}, the second to {k, -1}, the product back to the dimensions."""
    shapes = list(layer.input_ports().values())
    orders = layer.orders([len(s) for s in shapes])
    xs, dims = [], []
    for x, s, order in zip(_inputs(layer, ins), shapes, orders):
        if order != list(range(len(s))):
            x = b.op("Transpose", [x], "transposed", perm=[0] + [i + 1 for i in order])
        xs.append(x)
        dims.append([s[i] for i in order])
    y, y_dims = xs[0], dims[0]
    for x, d in zip(xs[1:], dims[1:]):
        k = d[0]
        product = b.op("MatMul", [b.op("Reshape", [y, b.ints([0, -1, k])]),
                                  b.op("Reshape", [x, b.ints([0, k, -1])])])
        y_dims = y_dims[:-1] + d[1:]
        target = [0] + [-1 if e == VARYING else e for e in y_dims]
        if target.count(-1) > 1:
            raise OnnxUnsupported("DotLayer cannot be exported to ONNX: its output has two "
                                  "dimensions known only at evaluation.")
        y = b.op("Reshape", [product, b.ints(target)], "dot")
    return {"Output": y}


# -- reading ------------------------------------------------------------------------------

READ_FUNCTION = {"Sum": "Plus", "Add": "Plus", "Mul": "Times", "Sub": "Subtract",
                 "Div": "Divide", "Max": "Max", "Min": "Min"}


@reads("Sum", "Add", "Mul", "Sub", "Div", "Max", "Min", "Pow")
def read_combination(r, node):
    tensors = [x for x in node.input if r.const(x) is None]
    consts = [x for x in node.input if r.const(x) is not None]
    if len(tensors) == 1 and len(consts) == 1:
        x, c = tensors[0], r.const(consts[0])
        read = read_scalar(r, node, x, c, node.input[0] == x) if c.size == 1 else \
            read_constant_array(r, node, x, c) if node.op_type in ("Add", "Mul") and \
            node.input[0] == x else None
        if read is not None:
            return read
    shapes = {r.shape(x) for x in node.input}
    if consts or len(shapes) != 1 or node.op_type == "Pow":
        raise r.unsupported(node, "its operands are not tensors of one shape, or one "
                                  "tensor and a number or a constant of its shape")
    f, shape = READ_FUNCTION[node.op_type], shapes.pop()
    ports = [(f"Input{i}", x) for i, x in enumerate(node.input, 1)]
    layer = TotalLayer(input_ports=len(ports), output=shape) if f == "Plus" else \
        ThreadingLayer(f, input_ports=len(ports), output=shape)
    return Read(layer, ports)


@reads("Concat")
def read_concat(r, node):
    shapes = [r.shape(x) for x in node.input]
    axis, rank = r.attrs(node).get("axis"), len(shapes[0] or ())
    if None in shapes or len({len(s) for s in shapes}) != 1 or axis in (0, -rank - 1) or \
            any(r.const(x) is not None for x in node.input):
        raise r.unsupported(node, "only tensors of one rank joined along a dimension "
                                  "after the batch read as a CatenateLayer")
    return Read(CatenateLayer(axis % (rank + 1), input_ports=tuple(shapes)),
                [(f"Input{i}", x) for i, x in enumerate(node.input, 1)])

