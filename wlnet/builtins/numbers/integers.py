"""Integer functions: Factorial, GCD, LCM, Numerator, Denominator."""

from __future__ import annotations

import math
from fractions import Fraction

from ...expr import Expr, Integer, S
from ...kernel.builtin import builtin
from .arithmetic import _factor
from .numeric import (COMPLEX_INFINITY, FACTORIAL_LIMIT, _float_or_none, _too_big, is_exact,
                      number_value, to_atom)


# ---------------------------------------------------------------------------------------
# Integers: Factorial, GCD, LCM, Numerator, Denominator
# ---------------------------------------------------------------------------------------

@builtin(attributes="Listable NumericFunction", argc=1,
         usage="n! or Factorial[n] gives the factorial of n, n (n - 1) ... 1.")
def Factorial(ev, expr):
    """Factorial[n] (n!): the factorial; Gamma[n + 1] for machine reals."""
    v = number_value(expr.args[0])
    if isinstance(v, int):
        if v < 0:
            return COMPLEX_INFINITY
        if v > FACTORIAL_LIMIT:
            _too_big(ev, expr, v * math.log2(v))
            return None
        return Integer(math.factorial(v))
    if isinstance(v, float):
        return _float_or_none(ev, math.gamma, v + 1)
    return None


def _integer_fold(fn, empty):
    """GCD/LCM over integers and rationals (numerators and denominators separately)."""
    def function(ev, expr):
        values = [number_value(a) for a in expr.args]
        if not values:
            return Integer(empty)
        if not all(is_exact(v) for v in values):
            return None
        fractions = [Fraction(v) for v in values]
        other = math.lcm if fn is math.gcd else math.gcd
        return to_atom(Fraction(fn(*(f.numerator for f in fractions)),
                                other(*(f.denominator for f in fractions))))
    return function


builtin("GCD", attributes="Flat Listable OneIdentity Orderless",
        usage="GCD[n1, n2, ...] gives the greatest common divisor of the integers ni."
        )(_integer_fold(math.gcd, 0))
builtin("LCM", attributes="Flat Listable OneIdentity Orderless",
        usage="LCM[n1, n2, ...] gives the least common multiple of the integers ni."
        )(_integer_fold(math.lcm, 1))


def _fraction_parts(e):
    """(numerator, denominator) expressions: factors with negative exponents go below."""
    v = number_value(e)
    if isinstance(v, Fraction):
        return Integer(v.numerator), Integer(v.denominator)
    if v is not None:
        return e, Integer(1)
    factors = e.args if isinstance(e, Expr) and e.head is S.Times else (e,)
    top, bottom = [], []
    for f in factors:
        if number_value(f) is not None:
            n, d = _fraction_parts(f)
            top.append(n)
            bottom.append(d)
            continue
        base, exponent = _factor(f)
        x = number_value(exponent)
        if x is not None and x < 0:
            bottom.append(Expr(S.Power, base, to_atom(-x)))
        else:
            top.append(f)
    return Expr.make(S.Times, top), Expr.make(S.Times, bottom)


@builtin(attributes="Listable", argc=1,
         usage="Numerator[expr] gives the numerator of expr.")
def Numerator(ev, expr):
    """Numerator[x]: the numerator of a rational number or of a product with reciprocals."""
    return _fraction_parts(expr.args[0])[0]


@builtin(attributes="Listable", argc=1,
         usage="Denominator[expr] gives the denominator of expr.")
def Denominator(ev, expr):
    """Denominator[x]: the denominator (1 when there is none)."""
    return _fraction_parts(expr.args[0])[1]
