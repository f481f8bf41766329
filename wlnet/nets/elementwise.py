"""ElementwiseLayer and the scalar functions it applies.

A function is a name ("Tanh") or a small expression tree in one variable "x":
numbers, "x", ("Plus", a, b, ...), ("Times", a, b, ...), ("Power", a, b) and
(name, a) for a named function. Derivatives are computed in forward mode on the
tree, so any tree has a backward pass without extra code per shape of tree.
"""
import numpy as np

from .base import Kernel, Layer, add_grad, fit
from .errors import NetError, show
from .shapes import normalize


def _sigmoid(x):
    return 0.5 * (np.tanh(0.5 * x) + 1)


# name -> (f(x), f'(x) given x and y = f(x))
NAMED = {
    "Ramp": (lambda x: np.maximum(x, 0), lambda x, y: (x > 0).astype(x.dtype)),
    "Tanh": (np.tanh, lambda x, y: 1 - y * y),
    "LogisticSigmoid": (_sigmoid, lambda x, y: y * (1 - y)),
    "Sin": (np.sin, lambda x, y: np.cos(x)),
    "Cos": (np.cos, lambda x, y: -np.sin(x)),
    "Exp": (np.exp, lambda x, y: y),
    "Log": (np.log, lambda x, y: 1 / x),
    "Sqrt": (np.sqrt, lambda x, y: 0.5 / y),
    "Abs": (np.abs, lambda x, y: np.sign(x)),
}

VARIABLE = "x"
OPERATORS = ("Plus", "Times", "Power")


def check_tree(tree):
    """Raise NetError unless tree is a function ElementwiseLayer can apply."""
    if tree == VARIABLE or _is_number(tree):
        return
    if isinstance(tree, tuple) and tree and tree[0] in OPERATORS + tuple(NAMED):
        arity_ok = {"Power": len(tree) == 3}.get(tree[0], len(tree) >= 2)
        if tree[0] in NAMED:
            arity_ok = len(tree) == 2
        if arity_ok:
            for arg in tree[1:]:
                check_tree(arg)
            return
    raise NetError("ElementwiseLayer", "invarg",
                   f"{show(tree)} is not a function ElementwiseLayer can apply.")


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def value(tree, x):
    """The tree's value at x."""
    if tree == VARIABLE:
        return x
    if _is_number(tree):
        return float(tree)
    op, args = tree[0], [value(a, x) for a in tree[1:]]
    if op == "Plus":
        return sum(args[1:], args[0])
    if op == "Times":
        out = args[0]
        for a in args[1:]:
            out = out * a
        return out
    if op == "Power":
        return args[0] ** args[1]
    return NAMED[op][0](args[0])


def value_and_slope(tree, x):
    """(f(x), f'(x)) by forward-mode differentiation of the tree."""
    if tree == VARIABLE:
        return x, 1.0
    if _is_number(tree):
        return float(tree), 0.0
    op = tree[0]
    pairs = [value_and_slope(a, x) for a in tree[1:]]
    if op == "Plus":
        return sum(p[0] for p in pairs[1:]) + pairs[0][0], sum(p[1] for p in pairs)
    if op == "Times":
        total, slope = 1.0, 0.0
        for v, d in pairs:
            slope = slope * v + total * d
            total = total * v
        return total, slope
    if op == "Power":
        (a, da), (b, db) = pairs
        v = a ** b
        if _is_number(tree[2]):
            return v, b * a ** (b - 1) * da
        return v, v * (db * np.log(a) + b * da / a)
    (a, da), = pairs
    f, df = NAMED[op]
    v = f(a)
    return v, df(a, v) * da


class ElementwiseLayer(Layer):
    """Applies a scalar function to every element; same shape in and out."""

    head = "ElementwiseLayer"

    def __init__(self, function, input=None):
        if not (isinstance(function, str) and function in NAMED):
            check_tree(function)
        self.function = function
        shape = normalize(input)
        self._ins, self._outs, self._arrays = {"Input": shape}, {"Output": shape}, {}
        self._settle()

    def _infer(self, ins, outs):
        s = fit(ins["Input"], outs["Output"], "the input and output of ElementwiseLayer")
        return {"Input": s}, {"Output": s}

    def kernel(self, compiler):
        if isinstance(self.function, str):
            return NamedKernel(*NAMED[self.function])
        return TreeKernel(self.function)


class NamedKernel(Kernel):
    """A named function: its derivative reuses the saved output."""

    def __init__(self, f, df):
        self.f, self.df = f, df

    def run(self, r):
        r[self.outs[0]] = self.f(r[self.ins[0]])

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            add_grad(g, self.ins[0], gy * self.df(r[self.ins[0]], r[self.outs[0]]))


class TreeKernel(Kernel):
    def __init__(self, tree):
        self.tree = tree

    def run(self, r):
        x = r[self.ins[0]]
        r[self.outs[0]] = value(self.tree, x) + np.zeros_like(x)

    def back(self, r, g):
        gy = g[self.outs[0]]
        if gy is not None:
            _, slope = value_and_slope(self.tree, r[self.ins[0]])
            add_grad(g, self.ins[0], gy * slope)
