"""Layers of one input that are one or two ONNX operators: LinearLayer (Gemm),
SoftmaxLayer, DropoutLayer (inference: the identity), ConstantTimesLayer,
ConstantPlusLayer, SummationLayer, SequenceLastLayer."""
import numpy as np

from ....nets.layers.constant import ConstantPlusLayer, ConstantTimesLayer
from ....nets.layers.dot import DotLayer
from ....nets.layers.dropout import DropoutLayer
from ....nets.layers.linear import LinearLayer
from ....nets.layers.sequence import SequenceLastLayer
from ....nets.layers.softmax import SoftmaxLayer
from ....nets.layers.summation import SummationLayer
from . import Read, exports, reads


def _x(ins):
    return ins["Input"]


# -- LinearLayer: Gemm, with Flatten before and Reshape after for other ranks ------------

@exports("LinearLayer")
def linear(b, layer, ins):
    x, arrays = _x(ins), layer.local_arrays()
    if len(layer.input_ports()["Input"]) != 1:
        x = b.op("Flatten", [x], axis=1)
    args = [x, b.param("Weights", arrays["Weights"])]
    if "Biases" in arrays:
        args.append(b.param("Biases", arrays["Biases"]))
    y = b.op("Gemm", args, transB=1)
    out = layer.output_ports()["Output"]
    if len(out) != 1:
        y = b.op("Reshape", [y, b.ints([-1, *out])])
    return {"Output": y}


@reads("Gemm")
def read_gemm(r, node, out=None):
    """A LinearLayer; a Flatten before it is the flattening LinearLayer does itself,
    and ``out`` the output dimensions of a Reshape after it."""
    a = r.attrs(node)
    w = r.const(node.input[1])
    if a.get("transA", 0) or w is None or w.ndim != 2:
        raise r.unsupported(node, "only x.W + b with constant weights W reads as a "
                                  "LinearLayer")
    w = (w if a.get("transB", 0) else w.T) * np.float32(a.get("alpha", 1.0))
    c = r.const(node.input[2]) if len(node.input) > 2 and node.input[2] else None
    if c is not None:
        c = np.broadcast_to(c * np.float32(a.get("beta", 1.0)), (1, w.shape[0]))[0]
    x, flatten = node.input[0], r.made_by(node.input[0], "Flatten")
    if flatten is not None and r.attrs(flatten).get("axis", 1) == 1:
        x = flatten.input[0]
    return Read(LinearLayer(w.shape[0] if out is None else out, weights=w, biases=c,
                            input=r.shape(x) or w.shape[1]), [("Input", x)])


@reads("Reshape")
def read_reshape(r, node):
    """The dimensions of a LinearLayer's output (else not this reader's form)."""
    dims, gemm = r.const(node.input[1]), r.made_by(node.input[0], "Gemm")
    if gemm is None or dims is None or dims[0] not in (0, -1) or any(dims[1:] < 1):
        return None
    return read_gemm(r, gemm, tuple(int(d) for d in dims[1:]))


@reads("MatMul")
def read_matmul(r, node):
    w, shape = r.const(node.input[1]), r.shape(node.input[0])
    other = r.shape(node.input[1])
    if w is None and r.const(node.input[0]) is None and shape and other and \
            len(shape) == len(other) == 2:       # a product of each example's matrices
        return Read(DotLayer(input_ports=(shape, other)),
                    [("Input1", node.input[0]), ("Input2", node.input[1])])
    if w is None or w.ndim != 2 or (shape is not None and len(shape) != 1):
        raise r.unsupported(node, "only a batch of vectors times a constant matrix reads "
                                  "as a LinearLayer, and a product of matrices as a DotLayer")
    return Read(LinearLayer(w.shape[1], weights=w.T, biases=None, input=w.shape[0]),
                [("Input", node.input[0])])


# -- SoftmaxLayer ----------------------------------------------------------------------------

@exports("SoftmaxLayer")
def softmax(b, layer, ins):
    return {"Output": b.op("Softmax", [_x(ins)], axis=layer.params["Level"])}


@reads("Softmax")
def read_softmax(r, node):
    shape = r.shape(node.input[0])
    axis = r.attrs(node).get("axis", -1 if r.opset >= 13 else 1)
    if shape is None or axis in (0, -len(shape) - 1) or \
            (r.opset < 13 and axis not in (-1, len(shape))):
        raise r.unsupported(node, "only a softmax along a dimension after the batch reads "
                                  "as a SoftmaxLayer")
    return Read(SoftmaxLayer(-1 if axis in (-1, len(shape)) else axis, input=shape),
                [("Input", node.input[0])])


# -- DropoutLayer: ONNX's Dropout, the identity in inference --------------------------------

@exports("DropoutLayer")
def dropout(b, layer, ins):
    ratio = b.const(np.float32(layer.params["DropoutProbability"]), "ratio")
    return {"Output": b.op("Dropout", [_x(ins), ratio])}


@reads("Dropout")
def read_dropout(r, node):
    ratio = r.const(node.input[1]) if len(node.input) > 1 and node.input[1] else None
    p = 0.5 if ratio is None else float(np.float32(ratio))
    return Read(DropoutLayer(r.number(p)), [("Input", node.input[0])])


# -- ConstantTimesLayer, ConstantPlusLayer ----------------------------------------------------

@exports("ConstantTimesLayer")
def constant_times(b, layer, ins):
    return {"Output": b.op("Mul", [_x(ins), b.param("Scaling", layer.local_arrays()["Scaling"])])}


@exports("ConstantPlusLayer")
def constant_plus(b, layer, ins):
    return {"Output": b.op("Add", [_x(ins), b.param("Biases", layer.local_arrays()["Biases"])])}


def read_constant_array(r, node, x, c):
    """Add or Mul of a tensor and a constant of its own shape (not a number: those are
    ElementwiseLayer functions, see functions.py)."""
    if r.shape(x) is None or c.shape != r.shape(x):
        return None
    cls = ConstantPlusLayer if node.op_type == "Add" else ConstantTimesLayer
    return Read(cls(**{"biases" if node.op_type == "Add" else "scaling": c}),
                [("Input", x)])


# -- SummationLayer, SequenceLastLayer --------------------------------------------------------

@exports("SummationLayer")
def summation(b, layer, ins):
    rank = len(layer.input_ports()["Input"])
    if rank == 0:
        return {"Output": b.op("Identity", [_x(ins)])}
    return {"Output": b.op("ReduceSum", [_x(ins), b.ints(range(1, rank + 1), "axes")],
                           keepdims=0)}


@reads("ReduceSum")
def read_reduce_sum(r, node):
    shape = r.shape(node.input[0])
    axes = r.const(node.input[1]) if len(node.input) > 1 and node.input[1] else \
        r.attrs(node).get("axes")
    if shape is not None and axes is not None:
        axes = sorted(int(a) % (len(shape) + 1) for a in np.ravel(axes))
    if shape is None or axes != list(range(1, len(shape) + 1)) or \
            r.attrs(node).get("keepdims", 1):
        return None          # not every element: an AggregationLayer
    return Read(SummationLayer(input=shape), [("Input", node.input[0])])


@exports("SequenceLastLayer")
def sequence_last(b, layer, ins):
    return {"Output": b.op("Gather", [_x(ins), b.ints(-1, "last")], axis=1)}


@reads("Gather")
def read_gather(r, node):
    index, shape = r.const(node.input[1]), r.shape(node.input[0])
    if r.attrs(node).get("axis", 0) != 1 or index is None or index.shape != () or \
            int(index) != -1 or shape is None:
        return None          # not the last element: maybe an EmbeddingLayer's rows
    return Read(SequenceLastLayer(input=shape), [("Input", node.input[0])])
