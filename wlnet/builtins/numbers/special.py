"""Special functions: Gamma and Erf, exact where Wolfram is (Gamma[5] is 24, Gamma[1/2] is
Sqrt[Pi]) and through Python's math module for machine reals."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ...expr import Expr, Integer, PackedArray, S, from_python
from ...kernel.builtin import builtin
from .elementary import _negated
from .numeric import (COMPLEX_INFINITY, FACTORIAL_LIMIT, _float_or_none, infinity,
                      infinity_kind, number_value, to_atom)


def _elementwise(fn):
    """A fast path applying the scalar function fn to a packed real array."""
    def fast(ev, args):
        if len(args) != 1 or not isinstance(args[0], PackedArray) or \
                args[0].array.dtype.kind != "f":
            return None
        try:
            return from_python(np.array([fn(v) for v in args[0].array.ravel().tolist()])
                               .reshape(args[0].array.shape))
        except (ValueError, OverflowError):
            return None
    return fast


def _gamma_exact(v: Fraction):
    """Gamma at an integer (a factorial, ComplexInfinity at 0, -1, ...) or a half-integer
    (a rational multiple of Sqrt[Pi]), else None."""
    if v.denominator == 1:
        n = v.numerator
        if n <= 0:
            return COMPLEX_INFINITY
        return Integer(math.factorial(n - 1)) if n - 1 <= FACTORIAL_LIMIT else None
    if v.denominator != 2 or abs(v) > FACTORIAL_LIMIT:
        return None
    n = int(v - Fraction(1, 2))       # Gamma[n + 1/2] = (2n)!/(4^n n!) Sqrt[Pi]
    if n >= 0:
        c = Fraction(math.factorial(2 * n), 4 ** n * math.factorial(n))
    else:
        m = -n                        # Gamma[1/2 - m] = (-4)^m m!/(2m)! Sqrt[Pi]
        c = Fraction((-4) ** m * math.factorial(m), math.factorial(2 * m))
    root = Expr(S.Sqrt, S.Pi)
    return root if c == 1 else Expr(S.Times, to_atom(c), root)


def _gamma_real(x: float):
    if x <= 0 and x == int(x):
        return None
    return math.gamma(x)


@builtin(attributes="Listable NumericFunction", argc=(1, 3), vectorized=_elementwise(math.gamma),
         messages={"wlnetinc": "The incomplete gamma function Gamma[a, z] is not implemented "
                               "in wlnet."},
         usage="Gamma[z] gives the Euler gamma function; Gamma[n] is (n - 1)! for a positive "
               "integer n.")
def Gamma(ev, expr):
    if len(expr.args) > 1:
        ev.message("Gamma", "wlnetinc")
        return None
    x = expr.args[0]
    v = number_value(x)
    if isinstance(v, float):
        if v <= 0 and v == int(v):
            return COMPLEX_INFINITY
        return _float_or_none(ev, _gamma_real, v)
    if v is not None:
        return _gamma_exact(Fraction(v))
    kind = infinity_kind(x)
    if kind == 1:
        return infinity(1)
    return None


@builtin(attributes="Listable NumericFunction", argc=(1, 2), vectorized=_elementwise(math.erf),
         usage="Erf[z] gives the error function, 2/Sqrt[Pi] times the integral of "
               "Exp[-t^2] from 0 to z.\nErf[z0, z1] gives Erf[z1] - Erf[z0].")
def Erf(ev, expr):
    if len(expr.args) == 2:
        z0, z1 = expr.args
        return Expr(S.Plus, Expr(S.Erf, z1), Expr(S.Times, Integer(-1), Expr(S.Erf, z0)))
    x = expr.args[0]
    v = number_value(x)
    if isinstance(v, float):
        return _float_or_none(ev, math.erf, v)
    if v == 0:
        return Integer(0)
    kind = infinity_kind(x)
    if kind in (1, -1):
        return Integer(kind)
    neg = _negated(x)
    if neg is not None:
        return Expr(S.Times, Integer(-1), Expr(S.Erf, neg))
    return None
