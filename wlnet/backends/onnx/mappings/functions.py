"""ElementwiseLayer and ThreadingLayer functions (wlnet/nets/functions.py) as ONNX nodes.

A named function is its ONNX operator, or a short composition of operators where ONNX
has none (Cot is Reciprocal of Tan, GELU is 0.5 x (1 + Erf(x/Sqrt[2])), opset 18 having
no Gelu). A function tree becomes its operators applied in the order wlnet applies them,
with numbers as float32 scalars (as wlnet computes them against a float32 array); truth
values are 1. and 0., as in wlnet. Functions ONNX cannot compute in a few operators
(Gamma, LogGamma, InverseErf, InverseErfc) are refused by name.
"""
import math

import numpy as np
from onnx import TensorProto

from ....nets.functions import COMPARISONS, NAMED, SELU_ALPHA, SELU_SCALE, VARIABLE, \
    is_number, value, variables_of
from ....nets.layers.elementwise import ElementwiseLayer
from .. import OnnxUnsupported
from . import Read, exports, reads

# named functions that are one ONNX operator of x
UNARY = {"Ramp": "Relu", "LogisticSigmoid": "Sigmoid", "Tan": "Tan", "Tanh": "Tanh",
         "ArcTan": "Atan", "ArcTanh": "Atanh", "Sin": "Sin", "Sinh": "Sinh", "ArcSin": "Asin",
         "ArcSinh": "Asinh", "Cos": "Cos", "Cosh": "Cosh", "ArcCos": "Acos",
         "ArcCosh": "Acosh", "Log": "Log", "Exp": "Exp", "Sqrt": "Sqrt", "Abs": "Abs",
         "Erf": "Erf", "Round": "Round", "Floor": "Floor", "Ceiling": "Ceil", "Sign": "Sign",
         "ExponentialLinearUnit": "Elu", "SoftSign": "Softsign", "SoftPlus": "Softplus",
         "HardSwish": "HardSwish", "Mish": "Mish"}
# named functions that are another function of 1/x, or 1/(another function of x)
OF_RECIPROCAL = {"ArcCot": "ArcTan", "ArcCoth": "ArcTanh", "ArcCsc": "ArcSin",
                 "ArcCsch": "ArcSinh", "ArcSec": "ArcCos", "ArcSech": "ArcCosh"}
RECIPROCAL_OF = {"Cot": "Tan", "Coth": "Tanh", "Csc": "Sin", "Csch": "Sinh", "Sec": "Cos",
                 "Sech": "Cosh"}
# named functions as trees of the others
AS_TREE = {
    "Haversine": ("Times", ("Plus", 1.0, ("Times", -1.0, ("Cos", "x"))), 0.5),
    "InverseHaversine": ("Times", 2.0, ("ArcSin", ("Sqrt", "x"))),
    "Gudermannian": ("Times", 2.0, ("ArcTan", ("Tanh", ("Times", "x", 0.5)))),
    "InverseGudermannian": ("ArcTanh", ("Sin", "x")),
    "CubeRoot": ("Surd", "x", 3.0),
    "Erfc": ("Plus", 1.0, ("Times", -1.0, ("Erf", "x"))),
    "FractionalPart": ("Plus", "x", ("Times", -1.0, ("IntegerPart", "x"))),
    "GaussianErrorLinearUnit": ("Times", 0.5, "x",
                                ("Plus", 1.0, ("Erf", ("Times", "x", 1 / math.sqrt(2))))),
    "Swish": ("Times", "x", ("LogisticSigmoid", "x")),
}
REFUSED = {"Gamma": "the Gamma function", "LogGamma": "the logarithm of the Gamma function",
           "InverseErf": "the inverse of Erf", "InverseErfc": "the inverse of Erfc"}


def _one(b, name, x):
    """The tensor of the named function applied to the tensor x."""
    if name in UNARY:
        return b.op(UNARY[name], [x])
    if name in OF_RECIPROCAL:
        return _one(b, OF_RECIPROCAL[name], b.op("Reciprocal", [x]))
    if name in RECIPROCAL_OF:
        return b.op("Reciprocal", [_one(b, RECIPROCAL_OF[name], x)])
    if name in AS_TREE:
        return tree(b, AS_TREE[name], {VARIABLE: x})
    if name == "ScaledExponentialLinearUnit":
        return b.op("Selu", [x], alpha=SELU_ALPHA, gamma=SELU_SCALE)
    if name == "HardTanh":
        return b.op("Clip", [x, b.const(np.float32(-1)), b.const(np.float32(1))])
    if name == "HardSigmoid":
        return b.op("HardSigmoid", [x], alpha=0.5, beta=0.5)
    if name == "IntegerPart":
        return b.op("Mul", [b.op("Sign", [x]), b.op("Floor", [b.op("Abs", [x])])])
    if name in ("Unitize", "KroneckerDelta"):
        zero = b.op("Equal", [x, b.const(np.float32(0))])
        return _float(b, zero if name == "KroneckerDelta" else b.op("Not", [zero]))
    raise _refused(name)


def _refused(name):
    return OnnxUnsupported(f"the function {name} ({REFUSED.get(name, name)}) has no ONNX "
                           "operator or short composition of them")


def check(head, f):
    """Refuse a function that uses one ONNX cannot compute, naming the layer and it."""
    names = {f} if isinstance(f, str) else _names(f)
    for name in sorted(names & set(REFUSED)):
        raise OnnxUnsupported(f"{head} cannot be exported to ONNX: {_refused(name)}.")


def _names(t) -> set:
    if not isinstance(t, tuple):
        return set()
    return {t[0]}.union(*(_names(a) for a in t[1:]))


def _float(b, truth):
    return b.op("Cast", [truth], "truth", to=TensorProto.FLOAT)


def _bool(b, v):
    return b.op("Not", [b.op("Equal", [v, b.const(np.float32(0))])])


def _tensor(b, v):
    return v if isinstance(v, str) else b.const(np.float32(v), "c")


def _fold(b, op_type, args):
    out = args[0]
    for arg in args[1:]:
        out = b.op(op_type, [_tensor(b, out), _tensor(b, arg)])
    return out


def tree(b, t, env: dict):
    """The tensor of the function tree ``t`` with its variables bound to the tensors of
    ``env``, or a number for a part that uses none of them."""
    if isinstance(t, str):
        return env[t]
    if is_number(t) or not (variables_of(t) & set(env)):
        return float(value(np, t, None))
    op, args = t[0], [tree(b, a, env) for a in t[1:]]
    if op in NAMED:
        return _one(b, op, _tensor(b, args[0]))
    if op in ("Plus", "Times", "Min", "Max"):
        return _fold(b, {"Plus": "Add", "Times": "Mul", "Min": "Min", "Max": "Max"}[op], args)
    a, c = _tensor(b, args[0]), args[1] if len(args) > 1 else None
    if op == "Power":
        return b.op("Pow", [a, _tensor(b, c)])
    if op == "Mod":             # a - c Floor[a / c]
        c = _tensor(b, c)
        return b.op("Sub", [a, b.op("Mul", [c, b.op("Floor", [b.op("Div", [a, c])])])])
    if op == "Surd":            # Sign[a] Abs[a]^(1/c)
        root = b.op("Pow", [b.op("Abs", [a]), _tensor(b, 1 / c if is_number(c) else
                                                      b.op("Reciprocal", [c]))])
        return b.op("Mul", [b.op("Sign", [a]), root])
    if op == "If":
        return b.op("Where", [_bool(b, a), _tensor(b, args[1]), _tensor(b, args[2])])
    if op in COMPARISONS:
        return _fold(b, "Mul", [_float(b, _compare(b, op, x, y)) for x, y in
                                zip(args, args[1:])])
    truths = [_bool(b, _tensor(b, v)) for v in args]
    if op == "Not":
        return _float(b, b.op("Not", truths))
    return _float(b, _fold(b, op, truths))          # And, Or


def _compare(b, op, x, y):
    x, y = _tensor(b, x), _tensor(b, y)
    if op == "Unequal":
        return b.op("Not", [b.op("Equal", [x, y])])
    return b.op({"Equal": "Equal", "Less": "Less", "LessEqual": "LessOrEqual",
                 "Greater": "Greater", "GreaterEqual": "GreaterOrEqual"}[op], [x, y])


def applied(b, layer, env: dict, like: str):
    """The tensor of the layer's function (a name or a tree) on the tensors of ``env``;
    a function that uses none of them is its value in the shape of ``like``."""
    f = layer.params["Function"]
    check(layer.head, f)
    y = _one(b, f, env[VARIABLE]) if isinstance(f, str) else tree(b, f, env)
    if not isinstance(y, str):
        y = b.op("Expand", [b.const(np.float32(y), "c"), b.op("Shape", [like])])
    return y


@exports("ElementwiseLayer")
def elementwise(b, layer, ins):
    x = ins["Input"]
    return {"Output": applied(b, layer, {VARIABLE: x}, x)}


# -- reading: one operator of one tensor is one ElementwiseLayer ----------------------------

READ_NAMED = {op: name for name, op in UNARY.items()
              if op not in ("Elu", "Round", "Floor", "Ceil", "Sign")}
READ_UNARY = {"Neg": ("Times", -1, VARIABLE), "Reciprocal": ("Power", VARIABLE, -1),
              "Round": "Round", "Floor": "Floor", "Ceil": "Ceiling", "Sign": "Sign"}
DEFAULTS = {"Elu": {"alpha": 1.0}, "Selu": {"alpha": np.float32(SELU_ALPHA),
                                            "gamma": np.float32(SELU_SCALE)},
            "HardSigmoid": {"alpha": 0.5, "beta": 0.5}}
BY_ATTRIBUTES = {"Elu": "ExponentialLinearUnit", "Selu": "ScaledExponentialLinearUnit",
                 "HardSigmoid": "HardSigmoid"}


@reads(*READ_NAMED, *READ_UNARY)
def read_unary(r, node):
    f = READ_NAMED.get(node.op_type) or READ_UNARY[node.op_type]
    return Read(ElementwiseLayer(f, input=r.shape(node.input[0])), [("Input", node.input[0])])


@reads(*BY_ATTRIBUTES)
def read_with_attributes(r, node):
    """Elu, Selu and HardSigmoid with the constants of wlnet's functions."""
    given = r.attrs(node)
    for name, want in DEFAULTS[node.op_type].items():
        if np.float32(given.get(name, want)) != np.float32(want):
            raise r.unsupported(node, f"only {name} = {float(np.float32(want)):.6g} reads "
                                      f"as ElementwiseLayer[{BY_ATTRIBUTES[node.op_type]}]")
    return Read(ElementwiseLayer(BY_ATTRIBUTES[node.op_type], input=r.shape(node.input[0])),
                [("Input", node.input[0])])


def scalar_tree(op_type: str, c, x_first: bool):
    """The function tree of a binary operator between x and the number c."""
    x = VARIABLE
    pair = (x, c) if x_first else (c, x)
    if op_type == "Sub":
        return ("Plus", x, -c) if x_first else ("Plus", c, ("Times", -1, x))
    if op_type == "Div":
        return ("Times", x, 1 / c) if x_first else ("Times", c, ("Power", x, -1))
    return ({"Add": "Plus", "Mul": "Times", "Pow": "Power", "Max": "Max",
             "Min": "Min"}[op_type], *pair)


def read_scalar(r, node, x, c, x_first):
    if node.op_type not in ("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min"):
        return None
    tree_ = scalar_tree(node.op_type, r.number(float(np.ravel(c)[0])), x_first)
    return Read(ElementwiseLayer(tree_, input=r.shape(x)), [("Input", x)])
