"""Numbers: the numeric constants, infinities, converting between atoms and Python
numbers (exact ``int``/``Fraction``, machine ``float``), N and the numeric predicates.

Infinities are ``DirectedInfinity[1]``, ``DirectedInfinity[-1]`` and ``DirectedInfinity[]``
(what the symbols Infinity and ComplexInfinity evaluate to).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ...expr import (FALSE, TRUE, Atom, Expr, Integer, PackedArray, Rational, Real, S, String,
                     Symbol)
from ...kernel.builtin import builtin, declare
from ...kernel.evaluator import SYMBOL_VALUES
from ...kernel.limits import MAX_EXACT_BITS, bits_text


INT64_LIMIT = 2 ** 63
FACTORIAL_LIMIT = 200_000
ROOT_TRIAL_LIMIT = 1000           # trial divisors used to pull q-th powers out of a root

# ---------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------

CONSTANTS = {S.Pi: math.pi, S.E: math.e, S.Degree: math.pi / 180,
             S.EulerGamma: 0.5772156649015329, S.GoldenRatio: (1 + math.sqrt(5)) / 2,
             S.Catalan: 0.915965594177219}
declare("Pi", attributes="Constant ReadProtected",
        usage="Pi is the constant pi, about 3.14159.")
declare("E", attributes="Constant ReadProtected",
        usage="E is the exponential constant, about 2.71828.")
declare("Degree", attributes="Constant ReadProtected",
        usage="Degree is Pi/180, the size of one degree in radians.")
declare("EulerGamma", attributes="Constant ReadProtected",
        usage="EulerGamma is Euler's constant, about 0.577216.")
declare("GoldenRatio", attributes="Constant ReadProtected",
        usage="GoldenRatio is the golden ratio (1 + Sqrt[5])/2, about 1.61803.")
declare("Catalan", attributes="Constant ReadProtected",
        usage="Catalan is Catalan's constant, about 0.915966.")
declare("I",
        usage="I is the imaginary unit Sqrt[-1].")
declare("Infinity", attributes="ReadProtected",
        usage="Infinity is a positive infinite quantity.")


def number_value(e):
    """The Python number (int, Fraction or float) of a number atom, else None."""
    t = type(e)
    if t is Integer or t is Real or t is Rational:
        return e.value
    return None


def to_atom(v):
    """The number atom for a Python/NumPy number (a whole Fraction becomes an Integer)."""
    if isinstance(v, (float, np.floating)):
        return Real(float(v))
    if isinstance(v, Fraction):
        return Integer(v.numerator) if v.denominator == 1 else Rational(v)
    return Integer(int(v))


def is_exact(v) -> bool:
    return isinstance(v, (int, Fraction))


def _is_one(e) -> bool:
    return type(e) is Integer and e.value == 1


COMPLEX_INFINITY = Expr(S.DirectedInfinity)
SYMBOL_VALUES[S.Infinity] = lambda ev: Expr(S.DirectedInfinity, Integer(1))
SYMBOL_VALUES[S.ComplexInfinity] = lambda ev: COMPLEX_INFINITY


def infinity(direction) -> Expr:
    """DirectedInfinity for +1/-1, or ComplexInfinity for None."""
    return COMPLEX_INFINITY if direction is None else Expr(S.DirectedInfinity, Integer(direction))


def infinity_kind(e):
    """+1 / -1 for real infinities, "complex" for ComplexInfinity, None otherwise."""
    if isinstance(e, Expr) and e.head is S.DirectedInfinity:
        if not e.args:
            return "complex"
        if len(e.args) == 1 and type(e.args[0]) is Integer and e.args[0].value in (1, -1):
            return e.args[0].value
    return None


@builtin(argc=(0, 1),
         usage="DirectedInfinity[z] is an infinite quantity in the direction of "
               "z.\nDirectedInfinity[] is ComplexInfinity.")
def DirectedInfinity(ev, expr):
    """DirectedInfinity[z]: an infinite quantity in the direction of z (normalised to ±1)."""
    if not expr.args:
        return None
    v = number_value(expr.args[0])
    if v is None:
        return None
    if v == 0:
        return COMPLEX_INFINITY
    out = infinity(1 if v > 0 else -1)
    return None if out == expr else out


def numeric_q(ev, e) -> bool:
    """Wolfram's NumericQ: a number, a numeric constant, or a NumericFunction of those."""
    if number_value(e) is not None:
        return True
    if isinstance(e, Symbol):
        return e in CONSTANTS or e is S.I
    if isinstance(e, (Atom, PackedArray)) or not isinstance(e.head, Symbol):
        return False
    return "NumericFunction" in ev.attributes(e.head) and all(numeric_q(ev, a) for a in e.args)


def numericize(e):
    """Replace exact numbers and numeric constants by machine reals (N, before evaluation)."""
    t = type(e)
    if t is Integer or t is Rational:
        try:
            return Real(float(e.value))
        except OverflowError:
            return e
    if t is Symbol:
        c = CONSTANTS.get(e)
        return e if c is None else Real(c)
    if isinstance(e, PackedArray):
        return e if e.array.dtype.kind == "f" else PackedArray(e.array.astype(np.float64))
    if isinstance(e, Atom):
        return e
    if e.head is S.DirectedInfinity:
        return e
    return Expr.make(e.head, [numericize(a) for a in e.args])


def real_value(ev, e):
    """A float for anything with a real numeric value (numbers, Pi, Sqrt[2], ±Infinity),
    used for comparisons; None otherwise."""
    v = number_value(e)
    if v is not None:
        return v
    k = infinity_kind(e)
    if k in (1, -1):
        return math.inf * k
    if numeric_q(ev, e):
        n = ev.evaluate(numericize(e))
        if type(n) is Real:
            return n.value
    return None


def _numericize_if_inexact(ev, args):
    """With a machine real among the arguments, numeric constants and exact numeric
    expressions become reals too (``1. + Pi`` → ``4.14159``)."""
    if not any(type(a) is Real for a in args):
        return args
    return tuple(ev.evaluate(numericize(a)) if number_value(a) is None and numeric_q(ev, a)
                 else a for a in args)


def _overflow(ev):
    """Overflow[], after General::ovfl: what a computation gives when a number outgrows
    what Python can hold."""
    ev.message("General", "ovfl")
    return Expr(S.Overflow)


def _float_or_none(ev, fn, *values):
    """Machine evaluation of fn; None for results outside the reals, General::ovfl on overflow."""
    try:
        r = fn(*values)
    except OverflowError:
        return _overflow(ev)
    except (ValueError, ZeroDivisionError):
        return None
    if isinstance(r, complex) or r != r:
        return None
    return Real(float(r))


def _too_big(ev, expr, bits: float) -> bool:
    if bits > MAX_EXACT_BITS:
        ev.message("General", "mem", expr, String(bits_text(bits)))
        return True
    return False


# ---------------------------------------------------------------------------------------
# N and the numeric predicates
# ---------------------------------------------------------------------------------------

@builtin(argc=(1, 2), messages={
    "wlnetprec": "N[expr, `1`] gives machine reals (about 16 digits) in wlnet."},
         usage="N[expr] gives the numerical value of expr, with machine reals.\nN[expr, n] asks "
               "for n digits; wlnet says that it gives machine precision instead.")
def N(ev, expr):
    """Arbitrary precision is not implemented: N[expr, n] says so and gives the machine
    value (MachinePrecision is accepted silently)."""
    if len(expr.args) == 2 and expr.args[1] is not S.MachinePrecision:
        ev.message("N", "wlnetprec", expr.args[1])
    return ev.evaluate(numericize(expr.args[0]))


def _predicate(name, usage, test, attributes=""):
    """Register a one-argument predicate; test(ev, x) -> bool, or None to stay unevaluated."""
    def function(ev, expr):
        result = test(ev, expr.args[0])
        return None if result is None else (TRUE if result else FALSE)
    function.__name__ = name
    builtin(name, attributes=attributes, argc=1, usage=usage)(function)


def _sign_test(accept):
    """Positive/Negative/...: decided for anything with a real numeric value."""
    def test(ev, x):
        v = real_value(ev, x)
        return None if v is None else accept(v)
    return test


def _parity_test(remainder):
    def test(ev, x):
        v = number_value(x)
        return isinstance(v, int) and v % 2 == remainder
    return test


_predicate("NumberQ", "NumberQ[expr] gives True if expr is an explicit number, and False "
                      "otherwise.",
           lambda ev, x: number_value(x) is not None)
_predicate("IntegerQ", "IntegerQ[expr] gives True if expr is an integer, and False otherwise.",
           lambda ev, x: type(x) is Integer)
_predicate("NumericQ", "NumericQ[expr] gives True if expr has a numeric value, such as 2 or "
                       "Pi + 1, and False otherwise.",
           numeric_q)
_predicate("EvenQ", "EvenQ[expr] gives True if expr is an even integer, and False otherwise.",
    _parity_test(0))
_predicate("OddQ", "OddQ[expr] gives True if expr is an odd integer, and False otherwise.",
    _parity_test(1))
_predicate("Positive", "Positive[x] gives True if x is a positive number, and False if it is "
                       "a number that is not.",
           _sign_test(lambda v: v > 0), "Listable")
_predicate("Negative", "Negative[x] gives True if x is a negative number, and False if it is "
                       "a number that is not.",
           _sign_test(lambda v: v < 0), "Listable")
_predicate("NonNegative", "NonNegative[x] gives True if x is a number that is zero or "
                          "positive, and False if it is a negative one.",
           _sign_test(lambda v: v >= 0), "Listable")
_predicate("NonPositive", "NonPositive[x] gives True if x is a number that is zero or "
                          "negative, and False if it is a positive one.",
           _sign_test(lambda v: v <= 0), "Listable")
