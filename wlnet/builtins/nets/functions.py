"""Wolfram functions as the runtime's scalar function trees (wlnet/nets/functions.py):
what ElementwiseLayer and ThreadingLayer apply.

A function is a symbol (Tanh, Erf), a name given as a string ("SELU", "SoftPlus"), or a
pure function whose body is built from numbers, the variables, the named functions, the
arithmetic Wolfram lists (Plus, Subtract, Times, Divide, Power, Surd, Min, Max, Clip,
Mod, Threshold, Chop) and its logic (If, Which, Piecewise, And, Or, Not, comparisons,
Negative, Positive, ...). Anything else is Wolfram's ``invscf`` failure.
"""

from __future__ import annotations

import math

from ...expr import Expr, Integer, Rational, Real, S, String, Symbol
from ...subexpressions import mentions
from ...nets.errors import NetError
from ...nets.functions import NAMED, OPERATORS, VARIABLE, check_tree, variable, variables_of
from ...nets.layers.threading import OPERATIONS
from .values import show

# ElementwiseLayer["name"]: the names Wolfram takes as strings, and their short forms
STRING_NAMES = {"RectifiedLinearUnit": "Ramp", "ReLU": "Ramp", "Sigmoid": "LogisticSigmoid",
                "ELU": "ExponentialLinearUnit", "SELU": "ScaledExponentialLinearUnit",
                "GELU": "GaussianErrorLinearUnit", "Tanh": "Tanh",
                **{n: n for n in ("ExponentialLinearUnit", "ScaledExponentialLinearUnit",
                                  "GaussianErrorLinearUnit", "Swish", "HardSwish", "Mish",
                                  "SoftSign", "SoftPlus", "HardTanh", "HardSigmoid")}}
CONSTANTS = {"E": math.e, "Pi": math.pi, "Degree": math.pi / 180, "True": 1.0,
             "False": 0.0, "Indeterminate": math.nan}
TESTS = {"Negative": "Less", "NonNegative": "GreaterEqual", "Positive": "Greater",
         "NonPositive": "LessEqual", "PossibleZeroQ": "Equal"}
CHAINED = {"Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "Unequal"}


class NotAFunction(Exception):
    """The expression is not a function the layers can apply."""


def unary_function(f):
    """ElementwiseLayer's function: a name of NAMED, or a tree over "x"."""
    name = _name(f)
    if name is not None:
        return name
    if isinstance(f, Expr) and f.head is S.Composition and f.args:
        tree = VARIABLE
        for g in reversed(f.args):
            inner = unary_function(g)
            tree = (inner, tree) if isinstance(inner, str) else _substitute(inner, tree)
        return tree
    return _pure(f, 1, "unary")


def threading_function(f):
    """ThreadingLayer's function: one of its operations (Plus, Times, ...), or a tree
    over "x1", "x2", ... from a pure function of several variables."""
    if isinstance(f, Symbol) and f.name in OPERATIONS:
        return f.name
    return _pure(f, None, "binary")


def _name(f):
    if isinstance(f, Symbol) and f.name in NAMED:
        return f.name
    if isinstance(f, String) and f.value in STRING_NAMES:
        return STRING_NAMES[f.value]
    return None


def _pure(f, arity, words):
    """The body of a pure function as a tree (arity 1: the variable "x")."""
    try:
        if not (isinstance(f, Expr) and f.head is S.Function and f.args):
            raise NotAFunction
        if len(f.args) == 1:
            names = None
            body = f.args[0]
        else:
            params = f.args[0]
            names = params.args if isinstance(params, Expr) and params.head is S.List \
                else (params,)
            if not all(isinstance(n, Symbol) for n in names) or (arity and len(names) != arity):
                raise NotAFunction
            body = f.args[1]
        tree = _tree(body, names, arity)
        check_tree(tree, variables_of(tree) or (VARIABLE,))   # no list left over
        return tree
    except (NotAFunction, NetError):
        raise NetError("", "invscf", f"{show(f)} could not be symbolically evaluated as a "
                       f"{words} scalar function.") from None


def _variable(e, names, arity):
    """The variable an expression stands for (a slot or a parameter), else None."""
    if names is None and isinstance(e, Expr) and e.head is S.Slot and len(e.args) == 1 \
            and isinstance(e.args[0], Integer) and e.args[0].value >= 1:
        k = e.args[0].value
    elif names is not None and e in names:
        k = names.index(e) + 1
    else:
        return None
    if arity == 1:
        if k != 1:
            raise NotAFunction
        return VARIABLE
    return variable(k)


def _tree(e, names, arity):
    var = _variable(e, names, arity)
    if var is not None:
        return var
    if isinstance(e, (Integer, Real)):
        return e.value
    if isinstance(e, Rational):
        return float(e.value)
    if isinstance(e, Symbol) and e.name in CONSTANTS:
        return CONSTANTS[e.name]
    if not isinstance(e, Expr):
        raise NotAFunction
    args = [_tree(a, names, arity) for a in e.args]
    head = e.head.value if isinstance(e.head, String) else getattr(e.head, "name", None)
    return _node(STRING_NAMES.get(head, head), args)


def _node(name, args):
    """A node of the tree from a Wolfram head and its arguments' trees."""
    n = len(args)
    if name in NAMED and n == 1:
        return (name, args[0])
    if name in OPERATORS and name not in CHAINED and _fits(name, n):
        return (name, *args)
    if name in CHAINED and n >= 2:
        return (name, *args) if n == 2 else ("And", *((name, a, b) for a, b in zip(args, args[1:])))
    if name == "Subtract" and n == 2:
        return ("Plus", args[0], ("Times", -1, args[1]))
    if name == "Divide" and n == 2:
        return ("Times", args[0], ("Power", args[1], -1))
    if name == "Minus" and n == 1:
        return ("Times", -1, args[0])
    if name == "Clip" and n in (1, 2, 3):
        low, high = _bounds(args[1]) if n > 1 else (-1, 1)
        if n < 3:
            return ("Max", ("Min", args[0], high), low)
        below, above = _bounds(args[2])
        return ("If", ("Less", args[0], low), below,
                ("If", ("Greater", args[0], high), above, args[0]))
    if name in ("Threshold", "Chop") and n in (1, 2):
        delta = args[1] if n == 2 else 1e-10
        return ("If", ("Less", ("Abs", args[0]), delta), 0, args[0])
    if name in TESTS and n == 1:
        return (TESTS[name], args[0], 0)
    if name == "If" and n in (2, 3):
        return ("If", args[0], args[1], args[2] if n == 3 else math.nan)
    if name == "Which" and n >= 2 and n % 2 == 0:
        tree = math.nan
        for cond, val in reversed(list(zip(args[::2], args[1::2]))):
            tree = ("If", cond, val, tree)
        return tree
    if name == "Piecewise" and n in (1, 2) and isinstance(args[0], tuple):
        tree = args[1] if n == 2 else 0
        for case in reversed(args[0][1:] if args[0][0] == "List" else ()):
            if not (isinstance(case, tuple) and case[0] == "List" and len(case) == 3):
                raise NotAFunction
            tree = ("If", case[2], case[1], tree)
        return tree
    if name == "List":
        return ("List", *args)          # only inside Clip and Piecewise
    raise NotAFunction


def _fits(name, n):
    low, high = OPERATORS[name]
    return n >= low and (high is None or n <= high)


def _bounds(tree):
    if isinstance(tree, tuple) and tree[0] == "List" and len(tree) == 3:
        return tree[1], tree[2]
    raise NotAFunction


def _substitute(tree, inner):
    """The tree with its variable replaced by another tree (Composition)."""
    if tree == VARIABLE:
        return inner
    if isinstance(tree, tuple):
        return (tree[0],) + tuple(_substitute(a, inner) for a in tree[1:])
    return tree


def evaluated_constants(ev, f):
    """f with the parts of its body that do not involve its variable evaluated as
    numbers, as Wolfram evaluates f[x] before ElementwiseLayer reads it: ``Tanh[#]/0 &``
    gives Power::infy and ComplexInfinity, which ElementwiseLayer then refuses, instead
    of a division by zero inside the runtime."""
    if not (isinstance(f, Expr) and f.head is S.Function and len(f.args) in (1, 2)):
        return f
    if len(f.args) == 1:
        var = Expr(S.Slot, Integer(1))
    else:
        names = f.args[0].args if isinstance(f.args[0], Expr) and f.args[0].head is S.List \
            else (f.args[0],)
        if len(names) != 1:
            return f
        var = names[0]

    def fold(e):
        if e == var or isinstance(e, (Integer, Real, Rational)) or \
                (isinstance(e, Symbol) and e.name in CONSTANTS) or \
                (isinstance(e, Expr) and e.head in (S.Slot, S.SlotSequence)):
            return e        # another slot: ElementwiseLayer refuses the function itself
        if not mentions(e, var):
            return ev.evaluate(Expr(S.N, e))
        if isinstance(e, Expr):
            return Expr.make(e.head, [fold(a) for a in e.args])
        return e
    return Expr.make(S.Function, f.args[:-1] + (fold(f.args[-1]),))
