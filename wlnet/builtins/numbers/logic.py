"""Comparisons and logic: Equal/Unequal/Less/... (chained, and Inequality), SameQ/UnsameQ,
And/Or/Not/Xor, TrueQ, Boole, BooleanQ.

A comparison is decided when Wolfram would decide it (numbers, numeric quantities such as
Pi, infinities, strings and lists for equality) and otherwise stays unevaluated, so
``x < 1`` remains a condition. Machine reals are equal when they differ only in their
last eight bits, as in Wolfram (``0.1 + 0.2 == 0.3`` is True).
"""

from __future__ import annotations

import math

import numpy as np

from ...expr import FALSE, TRUE, Expr, Integer, PackedArray, Real, S, String, Symbol, is_list
from ...kernel.builtin import builtin
from .numeric import number_value, real_value

EQUAL_BITS_TOLERANCE = 2.0 ** -45   # relative: the last 8 of 53 bits may differ


def _close(x, y) -> bool:
    """Numeric equality with Wolfram's tolerance whenever a machine real takes part."""
    if x == y:
        return True
    if isinstance(x, float) or isinstance(y, float):
        x, y = float(x), float(y)
        return math.isfinite(x) and math.isfinite(y) and \
            abs(x - y) <= EQUAL_BITS_TOLERANCE * max(abs(x), abs(y))
    return False


def _equal(ev, a, b):
    """True/False when a == b is decidable, None when it stays symbolic."""
    if a == b:
        return True
    va, vb = number_value(a), number_value(b)
    if va is not None and vb is not None:
        return _close(va, vb)
    if isinstance(a, PackedArray) and isinstance(b, PackedArray):
        return a.array.shape == b.array.shape and \
            bool(np.allclose(a.array, b.array, rtol=EQUAL_BITS_TOLERANCE, atol=0))
    if is_list(a) and is_list(b):
        return _all_or_none(_equal(ev, x, y) for x, y in zip(a.args, b.args)) \
            if len(a.args) == len(b.args) else False
    if isinstance(a, String) or isinstance(b, String):
        other = b if isinstance(a, String) else a
        return False if isinstance(other, String) or number_value(other) is not None else None
    if a in (TRUE, FALSE) and b in (TRUE, FALSE):
        return False
    ra, rb = real_value(ev, a), real_value(ev, b)
    if ra is not None and rb is not None:
        return _close(ra, rb)
    return None


def _all_or_none(results):
    """False if any is False, True if all are True, else None (undecided)."""
    undecided = False
    for r in results:
        if r is False:
            return False
        undecided = undecided or r is None
    return None if undecided else True


def _order(ev, a, b):
    """-1, 0 or 1 comparing two real quantities, None if either is not one."""
    ra, rb = real_value(ev, a), real_value(ev, b)
    if ra is None or rb is None:
        return None
    if _close(ra, rb):
        return 0
    return -1 if ra < rb else 1


RELATIONS = {
    "Less": lambda s: s < 0, "LessEqual": lambda s: s <= 0,
    "Greater": lambda s: s > 0, "GreaterEqual": lambda s: s >= 0,
}
NEGATIONS = {"Equal": "Unequal", "Unequal": "Equal", "Less": "GreaterEqual",
             "LessEqual": "Greater", "Greater": "LessEqual", "GreaterEqual": "Less"}


def _relation(ev, name: str, a, b):
    """Decide ``name[a, b]`` for one pair: True, False or None."""
    if name == "Equal":
        return _equal(ev, a, b)
    if name == "Unequal":
        r = _equal(ev, a, b)
        return None if r is None else not r
    s = _order(ev, a, b)
    return None if s is None else RELATIONS[name](s)


def _boolean(result):
    return None if result is None else (TRUE if result else FALSE)


def _chain(name):
    """Equal/Less/...: every adjacent pair must hold (``1 < 2 < 3``)."""
    def function(ev, expr):
        args = expr.args
        return _boolean(_all_or_none(_relation(ev, name, a, b) for a, b in zip(args, args[1:])))
    function.__name__ = name
    return function


_USAGES = {
    "Equal": "lhs == rhs gives True if lhs and rhs are equal, and False if they are not.",
    "Less": "x < y gives True if x is less than y, and False if it is not.\nx1 < x2 < x3 "
            "tests that the xi increase.",
    "LessEqual": "x <= y gives True if x is less than or equal to y, and False if it is not.",
    "Greater": "x > y gives True if x is greater than y, and False if it is not.\nx1 > x2 > "
               "x3 tests that the xi decrease.",
    "GreaterEqual": "x >= y gives True if x is greater than or equal to y, and False if it is "
                    "not.",
}
for _name, _usage in _USAGES.items():
    builtin(_name, usage=_usage)(_chain(_name))


@builtin(usage="lhs != rhs gives True if lhs and rhs are not equal, and False if they are.")
def Unequal(ev, expr):
    """x != y: True if x and y are certainly different; Unequal[a, b, c] if all differ."""
    args = expr.args
    return _boolean(_all_or_none(_relation(ev, "Unequal", a, b)
                                 for i, a in enumerate(args) for b in args[i + 1:]))


@builtin(messages={"ineq": "Inequality `1` must have an odd number of arguments with "
                           "comparison operators at the even positions."},
         usage="Inequality[a, op1, b, op2, c, ...] is a chain "
               "of comparisons such as a < b <= c.")
def Inequality(ev, expr):
    """Inequality[a, op1, b, op2, c, ...]: the chain a op1 b op2 c (from ``a < b <= c``)."""
    args = expr.args
    operators = args[1::2]
    if len(args) % 2 == 0 or not all(isinstance(o, Symbol) and o.name in NEGATIONS
                                     for o in operators):
        return None
    if len(args) == 1:
        return TRUE
    if len(args) == 3:
        return Expr(args[1], args[0], args[2])
    values = args[0::2]
    return _boolean(_all_or_none(_relation(ev, o.name, a, b)
                                 for o, a, b in zip(operators, values, values[1:])))


def _same(a, b) -> bool:
    """SameQ: identical expressions; machine reals may differ in their last bit."""
    if type(a) is Real and type(b) is Real:
        x, y = a.value, b.value
        return x == y or abs(x - y) <= 2 * math.ulp(max(abs(x), abs(y)))
    return a == b


@builtin(usage="lhs === rhs gives True if lhs and rhs are identical expressions, and False "
               "otherwise.")
def SameQ(ev, expr):
    """x === y: True if x and y are identical expressions, else False."""
    args = expr.args
    return TRUE if all(_same(a, b) for a, b in zip(args, args[1:])) else FALSE


@builtin(usage="lhs =!= rhs gives True if lhs and rhs are not identical expressions, and "
               "False otherwise.")
def UnsameQ(ev, expr):
    """x =!= y: True if no two of the expressions are identical."""
    args = expr.args
    return FALSE if any(_same(a, b) for i, a in enumerate(args) for b in args[i + 1:]) \
        else TRUE


def _connective(name, absorbing, neutral):
    """And/Or: evaluate left to right, stop at the absorbing value (False for And, True
    for Or), drop the neutral one, keep the undecided rest."""
    def function(ev, expr):
        rest = []
        for a in expr.args:
            v = ev.evaluate(a)
            if v is absorbing:
                return absorbing
            if v is not neutral:
                rest.append(v)
        if not rest:
            return neutral
        if len(rest) == 1:
            return rest[0]
        out = Expr.make(expr.head, rest)
        return None if out == expr else out
    function.__name__ = name
    return function


builtin("And", attributes="Flat HoldAll OneIdentity",
        usage="e1 && e2 && ... or And[e1, e2, ...] gives True if all the ei are True, "
              "evaluating them in turn and stopping at the first one that is False.")(
    _connective("And", FALSE, TRUE))
builtin("Or", attributes="Flat HoldAll OneIdentity",
        usage="e1 || e2 || ... or Or[e1, e2, ...] gives True if any of the ei is True, "
              "evaluating them in turn and stopping at the first one that is True.")(
    _connective("Or", TRUE, FALSE))


@builtin(argc=1,
         usage="!expr or Not[expr] gives False if expr is True, and True if it is False.")
def Not(ev, expr):
    """!e: True for False, False for True; a negated comparison is the opposite one."""
    x = expr.args[0]
    if x is TRUE or x is FALSE:
        return FALSE if x is TRUE else TRUE
    if isinstance(x, Expr) and isinstance(x.head, Symbol):
        if x.head is S.Not and len(x.args) == 1:
            return x.args[0]
        opposite = NEGATIONS.get(x.head.name)
        if opposite is not None and len(x.args) == 2:
            return Expr(S[opposite], *x.args)
    return None


@builtin(attributes="Flat OneIdentity Orderless",
         usage="Xor[e1, e2, ...] gives True if an odd number of the ei are True.")
def Xor(ev, expr):
    """Xor[e1, e2, ...]: True if an odd number of the ei are True."""
    odd = sum(a is TRUE for a in expr.args) % 2 == 1
    rest = [a for a in expr.args if a is not TRUE and a is not FALSE]
    if not rest:
        return TRUE if odd else FALSE
    inner = rest[0] if len(rest) == 1 else Expr.make(S.Xor, rest)
    out = Expr(S.Not, inner) if odd else inner
    return None if out == expr else out


@builtin(argc=1,
         usage="TrueQ[expr] gives True if expr is True, and False otherwise.")
def TrueQ(ev, expr):
    """TrueQ[e]: True if e is True, False otherwise."""
    return TRUE if expr.args[0] is TRUE else FALSE


@builtin(argc=1,
         usage="BooleanQ[expr] gives True if expr is True or False, and False otherwise.")
def BooleanQ(ev, expr):
    """BooleanQ[e]: True if e is True or False."""
    return TRUE if expr.args[0] in (TRUE, FALSE) else FALSE


@builtin(attributes="Listable", argc=1,
         usage="Boole[expr] gives 1 if expr is True and 0 if it is False.")
def Boole(ev, expr):
    """Boole[e]: 1 for True, 0 for False."""
    x = expr.args[0]
    return Integer(1) if x is TRUE else Integer(0) if x is FALSE else None
