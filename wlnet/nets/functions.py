"""Scalar functions that ElementwiseLayer applies, as data.

A function is a name ("Tanh") or a small expression tree in one variable "x": numbers,
"x", ("Plus", a, b, ...), ("Times", a, b, ...), ("Power", a, b) and (name, a) for a
named function. ``value`` computes a tree with any array namespace ``xp`` (NumPy or
``jax.numpy``), which is what a layer's pure forward needs; ``value_and_slope``
differentiates it in forward mode with NumPy for the hand-written backward pass, so any
tree has a gradient without extra code per shape of tree.
"""
import numpy as np

from .errors import NetError, show


def _sigmoid(xp, x):
    return 0.5 * (xp.tanh(0.5 * x) + 1)


# name -> (f(xp, x), f'(x, y) with y = f(x), in NumPy)
NAMED = {
    "Ramp": (lambda xp, x: xp.maximum(x, 0), lambda x, y: (x > 0).astype(x.dtype)),
    "Tanh": (lambda xp, x: xp.tanh(x), lambda x, y: 1 - y * y),
    "LogisticSigmoid": (_sigmoid, lambda x, y: y * (1 - y)),
    "Sin": (lambda xp, x: xp.sin(x), lambda x, y: np.cos(x)),
    "Cos": (lambda xp, x: xp.cos(x), lambda x, y: -np.sin(x)),
    "Exp": (lambda xp, x: xp.exp(x), lambda x, y: y),
    "Log": (lambda xp, x: xp.log(x), lambda x, y: 1 / x),
    "Sqrt": (lambda xp, x: xp.sqrt(x), lambda x, y: 0.5 / y),
    "Abs": (lambda xp, x: xp.abs(x), lambda x, y: np.sign(x)),
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


def apply(xp, function, x):
    """The function (a name or a tree) applied to every element of x."""
    if isinstance(function, str) and function in NAMED:
        return NAMED[function][0](xp, x)
    return value(xp, function, x) + xp.zeros_like(x)


def value(xp, tree, x):
    """The tree's value at x (a number where the tree does not depend on x)."""
    if tree == VARIABLE:
        return x
    if _is_number(tree):
        return float(tree)
    op, args = tree[0], [value(xp, a, x) for a in tree[1:]]
    if op == "Plus":
        return sum(args[1:], args[0])
    if op == "Times":
        out = args[0]
        for a in args[1:]:
            out = out * a
        return out
    if op == "Power":
        return args[0] ** args[1]
    return NAMED[op][0](xp, args[0])


def value_and_slope(tree, x):
    """(f(x), f'(x)) by forward-mode differentiation of the tree, in NumPy."""
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
    v = f(np, a)
    return v, df(a, v) * da
