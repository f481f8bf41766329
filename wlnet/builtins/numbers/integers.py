"""Integer functions: Factorial, Binomial, GCD, LCM, Numerator, Denominator."""

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


def _integer_binomial(n: int, k: int) -> int:
    """Binomial[n, k] for integers, negative n included, as the limit Wolfram takes
    (Binomial[-3, 2] is 6, Binomial[5, 7] is 0)."""
    if n >= 0:
        return math.comb(n, k) if 0 <= k <= n else 0
    if k >= 0:
        return (-1) ** k * math.comb(k - n - 1, k)
    return (-1) ** (n - k) * math.comb(-k - 1, n - k) if k <= n else 0


def _falling_binomial(n, k: int):
    """Binomial[n, k] for a non-negative integer k: n (n - 1) ... (n - k + 1) / k!."""
    return math.prod((n - i for i in range(k)), start=Fraction(1)) / math.factorial(k)


@builtin(attributes="Listable NumericFunction ReadProtected", argc=2,
         usage="Binomial[n, m] gives the binomial coefficient n!/(m! (n - m)!).")
def Binomial(ev, expr):
    """Binomial[n, m]: exact for integers (and for rationals n with an integer m), Gamma
    quotients for machine reals; Binomial[n, 0] and Binomial[n, n] are 1 and
    Binomial[n, 1] is n for any n, as Wolfram gives."""
    n, k = expr.args
    nv, kv = number_value(n), number_value(k)
    if k == Integer(0) or n == k:
        return Integer(1)
    if k == Integer(1):
        return n
    if isinstance(nv, int) and isinstance(kv, int):
        # the result has about min(k, n - k) log2(n) bits (|k| + |n| for negative n)
        smaller = min(abs(kv), abs(nv - kv)) if nv >= 0 else abs(kv) + abs(nv)
        if _too_big(ev, expr, smaller * math.log2(max(abs(nv), abs(kv), 2))):
            return None
        return Integer(_integer_binomial(nv, kv))
    if nv is None or kv is None:
        return None
    if isinstance(nv, float) or isinstance(kv, float):
        return _float_or_none(ev, _real_binomial, float(nv), float(kv))
    if isinstance(kv, int) and 0 <= kv <= FACTORIAL_LIMIT:
        return to_atom(_falling_binomial(Fraction(nv), kv))
    return None


def _real_binomial(n: float, k: float) -> float:
    """Binomial for machine reals: the falling product for a whole k >= 0 (exact for
    Binomial[5.5, 2]), else Gamma[n + 1] / (Gamma[k + 1] Gamma[n - k + 1])."""
    if k.is_integer() and 0 <= k <= 1000:
        return math.prod((n - i) / (i + 1) for i in range(int(k)))
    try:
        return math.gamma(n + 1) / (math.gamma(k + 1) * math.gamma(n - k + 1))
    except (OverflowError, ValueError):
        return math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)) \
            * _gamma_sign(n + 1, k + 1, n - k + 1)


def _gamma_sign(a, b, c) -> int:
    """The sign of Gamma[a] / (Gamma[b] Gamma[c]), which lgamma loses."""
    def sign(x):
        return 1 if x > 0 or math.floor(x) % 2 == 0 else -1
    return sign(a) * sign(b) * sign(c)


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
