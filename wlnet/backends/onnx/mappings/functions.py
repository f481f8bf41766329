"""ElementwiseLayer: a named function is one ONNX operator; a function tree
(wlnet/nets/functions.py) becomes Add, Mul and Pow nodes over the named ones, applied in
the order wlnet applies them, with its numbers as float32 scalars (as wlnet computes
them against a float32 array)."""
import numpy as np

from ....nets.functions import NAMED, VARIABLE, value
from ....nets.layers.elementwise import ElementwiseLayer
from . import Read, exports, reads

OPERATORS = {"Ramp": "Relu", "Tanh": "Tanh", "LogisticSigmoid": "Sigmoid", "Sin": "Sin",
             "Cos": "Cos", "Exp": "Exp", "Log": "Log", "Sqrt": "Sqrt", "Abs": "Abs"}
BINARY = {"Plus": "Add", "Times": "Mul", "Power": "Pow"}


@exports("ElementwiseLayer")
def elementwise(b, layer, ins):
    f, x = layer.params["Function"], ins["Input"]
    if isinstance(f, str):
        return {"Output": b.op(OPERATORS[f], [x])}
    y = _tree(b, f, x)
    if not isinstance(y, str):   # a constant function: its value in the input's shape
        y = b.op("Expand", [b.const(np.float32(y), "c"), b.op("Shape", [x])])
    return {"Output": y}


def _depends(tree) -> bool:
    return tree == VARIABLE or (isinstance(tree, tuple) and any(_depends(a) for a in tree[1:]))


def _tree(b, tree, x):
    """The tensor of the tree applied to x, or a number for a part without x."""
    if tree == VARIABLE:
        return x
    if not _depends(tree):
        return float(value(np, tree, None))
    op, args = tree[0], [_tree(b, a, x) for a in tree[1:]]
    if op in NAMED:
        return b.op(OPERATORS[op], [args[0]])
    out = args[0]
    for arg in args[1:]:
        out = b.op(BINARY[op], [_tensor(b, out), _tensor(b, arg)])
    return out


def _tensor(b, v):
    return v if isinstance(v, str) else b.const(np.float32(v), "c")


# -- reading: one operator of one tensor is one ElementwiseLayer ----------------------------

READ_NAMED = {op: name for name, op in OPERATORS.items()}
READ_UNARY = {"Neg": ("Times", -1, VARIABLE), "Reciprocal": ("Power", VARIABLE, -1)}


@reads(*READ_NAMED, *READ_UNARY)
def read_unary(r, node):
    f = READ_NAMED.get(node.op_type) or READ_UNARY[node.op_type]
    return Read(ElementwiseLayer(f, input=r.shape(node.input[0])), [("Input", node.input[0])])


def scalar_tree(op_type: str, c, x_first: bool):
    """The function tree of a binary operator between x and the number c."""
    x = VARIABLE
    pair = (x, c) if x_first else (c, x)
    if op_type == "Sub":
        return ("Plus", x, -c) if x_first else ("Plus", c, ("Times", -1, x))
    if op_type == "Div":
        return ("Times", x, 1 / c) if x_first else ("Times", c, ("Power", x, -1))
    return ({"Add": "Plus", "Mul": "Times", "Pow": "Power"}[op_type], *pair)


def read_scalar(r, node, x, c, x_first):
    if node.op_type not in ("Add", "Sub", "Mul", "Div", "Pow"):
        return None
    tree = scalar_tree(node.op_type, r.number(float(np.ravel(c)[0])), x_first)
    return Read(ElementwiseLayer(tree, input=r.shape(x)), [("Input", x)])
