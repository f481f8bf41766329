"""Scalar functions that ElementwiseLayer and ThreadingLayer apply, as data.

A function is a name of ``NAMED`` ("Tanh", "SoftPlus") or an expression tree: numbers,
variables ("x" for ElementwiseLayer, "x1", "x2", ... for ThreadingLayer's inputs) and
``(op, arg, ...)`` nodes, where op is a name of NAMED (one argument) or of ``OPERATORS``.
Truth values are 1. and 0. (``("If", c, a, b)`` takes a where c is not 0). ``value``
computes a tree with any array namespace ``xp`` (NumPy or ``jax.numpy``), which is what
a layer's pure forward needs; ``value_and_slopes`` differentiates it in forward mode with
NumPy for the hand-written backward pass, so any tree has a gradient with no code per
shape of tree. The bridge (wlnet/builtins/nets/functions.py) builds the trees from
Wolfram expressions.
"""
import math

import numpy as np

from .errors import NetError, show
from .special import for_namespace

SELU_SCALE, SELU_ALPHA = 1.0507009873554805, 1.6732632423543772


def _sigmoid(xp, x):
    return 0.5 * (xp.tanh(0.5 * x) + 1)


def _softplus(xp, x):
    return xp.maximum(x, 0) + xp.log1p(xp.exp(-xp.abs(x)))


def _gelu(xp, x):
    return 0.5 * x * (1 + for_namespace(xp, "erf")(x / math.sqrt(2)))


def _erf_slope(x):
    return 2 / math.sqrt(math.pi) * np.exp(-x * x)


def _step(condition, x):
    return condition.astype(x.dtype)


def _zero(x, y):
    return np.zeros_like(x)


# name -> (f(xp, x), f'(x, y) with y = f(x), in NumPy). The symbols of Wolfram's list for
# ElementwiseLayer, then the names it takes as strings (STRING_NAMED).
NAMED = {
    "Ramp": (lambda xp, x: xp.maximum(x, 0), lambda x, y: _step(x > 0, x)),
    "LogisticSigmoid": (_sigmoid, lambda x, y: y * (1 - y)),
    "Tan": (lambda xp, x: xp.tan(x), lambda x, y: 1 + y * y),
    "Tanh": (lambda xp, x: xp.tanh(x), lambda x, y: 1 - y * y),
    "ArcTan": (lambda xp, x: xp.arctan(x), lambda x, y: 1 / (1 + x * x)),
    "ArcTanh": (lambda xp, x: xp.arctanh(x), lambda x, y: 1 / (1 - x * x)),
    "Sin": (lambda xp, x: xp.sin(x), lambda x, y: np.cos(x)),
    "Sinh": (lambda xp, x: xp.sinh(x), lambda x, y: np.cosh(x)),
    "ArcSin": (lambda xp, x: xp.arcsin(x), lambda x, y: 1 / np.sqrt(1 - x * x)),
    "ArcSinh": (lambda xp, x: xp.arcsinh(x), lambda x, y: 1 / np.sqrt(x * x + 1)),
    "Cos": (lambda xp, x: xp.cos(x), lambda x, y: -np.sin(x)),
    "Cosh": (lambda xp, x: xp.cosh(x), lambda x, y: np.sinh(x)),
    "ArcCos": (lambda xp, x: xp.arccos(x), lambda x, y: -1 / np.sqrt(1 - x * x)),
    "ArcCosh": (lambda xp, x: xp.arccosh(x), lambda x, y: 1 / np.sqrt(x * x - 1)),
    "Cot": (lambda xp, x: 1 / xp.tan(x), lambda x, y: -(1 + y * y)),
    "Coth": (lambda xp, x: 1 / xp.tanh(x), lambda x, y: 1 - y * y),
    "ArcCot": (lambda xp, x: xp.arctan(1 / x), lambda x, y: -1 / (1 + x * x)),
    "ArcCoth": (lambda xp, x: xp.arctanh(1 / x), lambda x, y: 1 / (1 - x * x)),
    "Csc": (lambda xp, x: 1 / xp.sin(x), lambda x, y: -y / np.tan(x)),
    "Csch": (lambda xp, x: 1 / xp.sinh(x), lambda x, y: -y / np.tanh(x)),
    "ArcCsc": (lambda xp, x: xp.arcsin(1 / x),
               lambda x, y: -1 / (np.abs(x) * np.sqrt(x * x - 1))),
    "ArcCsch": (lambda xp, x: xp.arcsinh(1 / x),
                lambda x, y: -1 / (np.abs(x) * np.sqrt(1 + x * x))),
    "Sec": (lambda xp, x: 1 / xp.cos(x), lambda x, y: y * np.tan(x)),
    "Sech": (lambda xp, x: 1 / xp.cosh(x), lambda x, y: -y * np.tanh(x)),
    "ArcSec": (lambda xp, x: xp.arccos(1 / x),
               lambda x, y: 1 / (np.abs(x) * np.sqrt(x * x - 1))),
    "ArcSech": (lambda xp, x: xp.arccosh(1 / x), lambda x, y: -1 / (x * np.sqrt(1 - x * x))),
    "Haversine": (lambda xp, x: (1 - xp.cos(x)) / 2, lambda x, y: np.sin(x) / 2),
    "InverseHaversine": (lambda xp, x: 2 * xp.arcsin(xp.sqrt(x)),
                         lambda x, y: 1 / np.sqrt(x * (1 - x))),
    "Gudermannian": (lambda xp, x: 2 * xp.arctan(xp.tanh(x / 2)), lambda x, y: 1 / np.cosh(x)),
    "InverseGudermannian": (lambda xp, x: xp.arctanh(xp.sin(x)), lambda x, y: 1 / np.cos(x)),
    "Log": (lambda xp, x: xp.log(x), lambda x, y: 1 / x),
    "Exp": (lambda xp, x: xp.exp(x), lambda x, y: y),
    "Sqrt": (lambda xp, x: xp.sqrt(x), lambda x, y: 0.5 / y),
    "CubeRoot": (lambda xp, x: xp.cbrt(x), lambda x, y: 1 / (3 * y * y)),
    "Abs": (lambda xp, x: xp.abs(x), lambda x, y: np.sign(x)),
    "Gamma": (lambda xp, x: for_namespace(xp, "gamma")(x),
              lambda x, y: y * for_namespace(np, "digamma")(x)),
    "LogGamma": (lambda xp, x: for_namespace(xp, "gammaln")(x),
                 lambda x, y: for_namespace(np, "digamma")(x)),
    "Erf": (lambda xp, x: for_namespace(xp, "erf")(x), lambda x, y: _erf_slope(x)),
    "InverseErf": (lambda xp, x: for_namespace(xp, "erfinv")(x),
                   lambda x, y: 1 / _erf_slope(y)),
    "Erfc": (lambda xp, x: for_namespace(xp, "erfc")(x), lambda x, y: -_erf_slope(x)),
    "InverseErfc": (lambda xp, x: for_namespace(xp, "erfinv")(1 - x),
                    lambda x, y: -1 / _erf_slope(y)),
    "Round": (lambda xp, x: xp.round(x), _zero),
    "Floor": (lambda xp, x: xp.floor(x), _zero),
    "Ceiling": (lambda xp, x: xp.ceil(x), _zero),
    "Sign": (lambda xp, x: xp.sign(x), _zero),
    "FractionalPart": (lambda xp, x: x - xp.trunc(x), lambda x, y: np.ones_like(x)),
    "IntegerPart": (lambda xp, x: xp.trunc(x), _zero),
    "Unitize": (lambda xp, x: (x != 0).astype(x.dtype), _zero),
    "KroneckerDelta": (lambda xp, x: (x == 0).astype(x.dtype), _zero),
    # ElementwiseLayer["name"]
    "ExponentialLinearUnit": (lambda xp, x: xp.where(x >= 0, x, xp.expm1(xp.minimum(x, 0))),
                              lambda x, y: np.where(x >= 0, 1, y + 1)),
    "ScaledExponentialLinearUnit": (
        lambda xp, x: SELU_SCALE * xp.where(x >= 0, x, SELU_ALPHA * xp.expm1(xp.minimum(x, 0))),
        lambda x, y: np.where(x >= 0, SELU_SCALE, y + SELU_SCALE * SELU_ALPHA)),
    "GaussianErrorLinearUnit": (_gelu, lambda x, y: 0.5 * (1 + for_namespace(np, "erf")(
        x / math.sqrt(2))) + x * np.exp(-x * x / 2) / math.sqrt(2 * math.pi)),
    "Swish": (lambda xp, x: x * _sigmoid(xp, x),
              lambda x, y: _sigmoid(np, x) * (1 + x * (1 - _sigmoid(np, x)))),
    "HardSwish": (lambda xp, x: x * xp.clip(x + 3, 0, 6) / 6,
                  lambda x, y: np.where(x < -3, 0, np.where(x > 3, 1, (2 * x + 3) / 6))),
    "Mish": (lambda xp, x: x * xp.tanh(_softplus(xp, x)),
             lambda x, y: np.tanh(_softplus(np, x)) + x * _sigmoid(np, x)
             * (1 - np.tanh(_softplus(np, x)) ** 2)),
    "SoftSign": (lambda xp, x: x / (1 + xp.abs(x)), lambda x, y: 1 / (1 + np.abs(x)) ** 2),
    "SoftPlus": (_softplus, lambda x, y: _sigmoid(np, x)),
    "HardTanh": (lambda xp, x: xp.clip(x, -1, 1), lambda x, y: _step(np.abs(x) < 1, x)),
    "HardSigmoid": (lambda xp, x: xp.clip((x + 1) / 2, 0, 1),
                    lambda x, y: 0.5 * _step(np.abs(x) < 1, x)),
}
STRING_NAMED = ("ExponentialLinearUnit", "ScaledExponentialLinearUnit",
                "GaussianErrorLinearUnit", "Swish", "HardSwish", "Mish", "SoftSign",
                "SoftPlus", "HardTanh", "HardSigmoid")

COMPARISONS = {"Equal": lambda a, b: a == b, "Unequal": lambda a, b: a != b,
               "Less": lambda a, b: a < b, "LessEqual": lambda a, b: a <= b,
               "Greater": lambda a, b: a > b, "GreaterEqual": lambda a, b: a >= b}
# operator -> (least, most) number of arguments (None: any)
OPERATORS = {"Plus": (1, None), "Times": (1, None), "Power": (2, 2), "Min": (1, None),
             "Max": (1, None), "Mod": (2, 2), "Surd": (2, 2), "If": (3, 3),
             "And": (1, None), "Or": (1, None), "Not": (1, 1),
             **{c: (2, None) for c in COMPARISONS}}
VARIABLE = "x"


def variable(k: int) -> str:
    """The k-th variable (1-based) of a function of several inputs."""
    return f"x{k}"


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def check_tree(tree, variables=(VARIABLE,), head="ElementwiseLayer"):
    """Raise NetError unless tree is a function of ``variables`` the layers can apply."""
    if tree in variables or is_number(tree):
        return
    if isinstance(tree, tuple) and tree:
        op, args = tree[0], tree[1:]
        low, high = (1, 1) if op in NAMED else OPERATORS.get(op, (None, None))
        if low is not None and len(args) >= low and (high is None or len(args) <= high):
            for arg in args:
                check_tree(arg, variables, head)
            return
    raise NetError(head, "invscf", f"{show(tree)} could not be evaluated as a scalar "
                   "function.")


def variables_of(tree) -> set:
    if isinstance(tree, str):
        return {tree}
    if isinstance(tree, tuple):
        return set().union(*(variables_of(a) for a in tree[1:]))
    return set()


def apply(xp, function, x):
    """The unary function (a name or a tree over "x") applied to every element of x."""
    if isinstance(function, str) and function in NAMED:
        return NAMED[function][0](xp, x)
    return value(xp, function, {VARIABLE: x}) + xp.zeros_like(x)


def _truth(xp, v):
    return xp.where(v != 0, 1.0, 0.0)


def value(xp, tree, env):
    """The tree's value for the variables' values in ``env`` (a number where the tree
    depends on none)."""
    if isinstance(tree, str):
        return env[tree]
    if is_number(tree):
        return float(tree)
    return operate(xp, tree[0], [value(xp, a, env) for a in tree[1:]])


def operate(xp, op, args):
    """One node: op applied to its arguments' values."""
    if op in NAMED:
        return NAMED[op][0](xp, args[0])
    if op in ("Plus", "Times", "Min", "Max"):
        f = {"Plus": lambda a, b: a + b, "Times": lambda a, b: a * b,
             "Min": xp.minimum, "Max": xp.maximum}[op]
        out = args[0]
        for a in args[1:]:
            out = f(out, a)
        return out
    if op == "Power":
        return args[0] ** args[1]
    if op == "Mod":
        return args[0] - args[1] * xp.floor(args[0] / args[1])
    if op == "Surd":
        return xp.sign(args[0]) * xp.abs(args[0]) ** (1 / args[1])
    if op == "If":
        return xp.where(args[0] != 0, args[1], args[2])
    if op in COMPARISONS:
        out = 1.0
        for a, b in zip(args, args[1:]):
            out = out * _truth(xp, COMPARISONS[op](a, b))
        return out
    truths = [_truth(xp, a) for a in args]
    if op == "And":
        return _truth(xp, sum(truths) == len(args))
    if op == "Or":
        return _truth(xp, sum(truths))
    return 1.0 - truths[0]                                      # Not


def value_and_slopes(tree, env):
    """(f, {variable: df/dvariable}) by forward-mode differentiation in NumPy; a
    variable the tree does not use is left out."""
    if isinstance(tree, str):
        return env[tree], {tree: 1.0}
    if is_number(tree):
        return float(tree), {}
    pairs = [value_and_slopes(a, env) for a in tree[1:]]
    values, slopes = [v for v, _ in pairs], [d for _, d in pairs]
    y = operate(np, tree[0], values)
    return y, _combine(tree[0], values, slopes, y)


def _scaled(slopes, factor):
    return {k: d * factor for k, d in slopes.items()}


def _added(*terms):
    out = {}
    for slopes in terms:
        for k, d in slopes.items():
            out[k] = out[k] + d if k in out else d
    return out


def _combine(op, vs, ds, y):
    """The slopes of op at its arguments' values ``vs`` and slopes ``ds`` (y: its value)."""
    if op in NAMED:
        return _scaled(ds[0], NAMED[op][1](np.asarray(vs[0], dtype=float), y)) if ds[0] else {}
    if op == "Plus":
        return _added(*ds)
    if op == "Times":
        return _added(*(_scaled(d, math.prod(v for j, v in enumerate(vs) if j != i))
                        for i, d in enumerate(ds)))
    if op == "Power":
        (a, b), (da, db) = vs, ds
        return _added(_scaled(da, b * a ** (b - 1)) if da else {},
                      _scaled(db, y * np.log(a)) if db else {})
    if op in ("Min", "Max"):      # the first argument that attains the value wins
        winner = np.argmax(np.stack(np.broadcast_arrays(*vs, y))[:-1] == y, axis=0)
        return _added(*(_scaled(d, winner == i) for i, d in enumerate(ds)))
    if op == "Mod":
        return _added(ds[0], _scaled(ds[1], -np.floor(vs[0] / vs[1])))
    if op == "Surd":
        return _scaled(ds[0], y / (vs[1] * vs[0])) if ds[0] else {}
    if op == "If":
        return _added(_scaled(ds[1], vs[0] != 0), _scaled(ds[2], vs[0] == 0))
    return {}                            # comparisons and logic: flat almost everywhere
