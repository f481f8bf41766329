"""Power, Sqrt and Exp with Wolfram's exact rules: exact roots, powers of -1 and of
infinities, and the NumPy fast path."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ...expr import Expr, Integer, PackedArray, Rational, S
from ...kernel.builtin import builtin
from .arithmetic import _unchanged_or
from .numeric import (COMPLEX_INFINITY, ROOT_TRIAL_LIMIT, _float_or_none, _is_one,
                      _numericize_if_inexact, _too_big, infinity, infinity_kind, is_exact,
                      number_value, real_value, to_atom)
from .exact import log2_size
from .packed import _all_int, _float_unary, _magnitude, _operands, _packed_result


def _power_fast(ev, args):
    """Packed powers: reals with NumPy; integers only for non-negative integer exponents
    that cannot overflow (others give rationals or big integers, elementwise)."""
    if len(args) != 2:
        return None
    if args[0] is S.E and isinstance(args[1], PackedArray):
        return _float_unary(np.exp)(ev, args[1:])
    ops = _operands(args)
    if ops is None:
        return None
    base, exponent = ops
    if _all_int(ops):
        if _magnitude(exponent) != 0 and (np.min(exponent) < 0 or
                                          np.max(exponent) * math.log2(max(_magnitude(base), 1))
                                          >= 62):
            return None
    with np.errstate(all="ignore"):
        result = np.power(base, exponent) if _all_int(ops) else \
            np.power(np.asarray(base, dtype=np.result_type(base, 1.0)), exponent)
    if result.dtype.kind == "f" and (np.isinf(result) & np.isfinite(np.asarray(base))).any():
        return None     # 0.^-1 and friends: let the elementwise path issue Power::infy
    return _packed_result(result)


@builtin(attributes="Listable NumericFunction OneIdentity", vectorized=_power_fast,
         messages={"infy": "Infinite expression `1` encountered.",
                   "indet": "Indeterminate expression `1` encountered."},
         usage="x^y or Power[x, y] gives x to the power y.")
def Power(ev, expr):
    """Power[x, y] (x^y): x to the power y; exact for integer and rational powers."""
    args = expr.args
    if not args:
        return Integer(1)
    if len(args) == 1:
        return args[0]
    if len(args) > 2:
        return Expr(S.Power, args[0], Expr.make(S.Power, args[1:]))
    base, exponent = _numericize_if_inexact(ev, args)
    if S.Indeterminate in (base, exponent):
        return S.Indeterminate
    b, e = number_value(base), number_value(exponent)
    if b is not None and e is not None:
        return _power_numbers(ev, expr, b, e)
    if e is not None:
        return _power_symbolic(ev, expr, base, e)
    if infinity_kind(exponent) in (1, -1):
        return _power_of_infinity(ev, base, infinity_kind(exponent))
    if _is_one(base):
        return Integer(1)
    if base is S.E and isinstance(exponent, Expr) and exponent.head is S.Log and \
            len(exponent.args) == 1:
        return exponent.args[0]
    return _unchanged_or(expr, Expr(S.Power, base, exponent))


def _power_symbolic(ev, expr, base, e):
    """x^n for a symbolic or infinite base and a numeric exponent."""
    if e == 0:
        if infinity_kind(base) is not None:
            ev.message("Power", "indet", expr)
            return S.Indeterminate
        return to_atom(1.0 if isinstance(e, float) else 1)
    if is_exact(e) and e == 1:
        return base
    kind = infinity_kind(base)
    if kind is not None:
        if e < 0:
            return Integer(0)
        if kind == "complex" or not isinstance(e, int):
            return COMPLEX_INFINITY if kind == "complex" else None
        return infinity(kind ** e)
    if not isinstance(e, int):
        return None
    if base is S.I:
        return [Integer(1), S.I, Integer(-1), Expr(S.Times, Integer(-1), S.I)][e % 4]
    if isinstance(base, Expr) and base.head is S.Power and len(base.args) == 2:
        return Expr(S.Power, base.args[0], Expr(S.Times, base.args[1], Integer(e)))
    if isinstance(base, Expr) and base.head is S.Times:
        return Expr.make(S.Times, [Expr(S.Power, f, Integer(e)) for f in base.args])
    return None


def _power_of_infinity(ev, base, direction):
    """b^Infinity and b^-Infinity for a positive real b other than 1 (E^-Infinity → 0)."""
    b = real_value(ev, base)
    if b is None or b <= 0 or b == 1:
        return None
    grows = (b > 1) == (direction > 0)
    return infinity(1) if grows else Integer(0)


def _power_numbers(ev, expr, b, e):
    """b^e for two numbers."""
    if b == 0 and e == 0:
        ev.message("Power", "indet", expr)
        return S.Indeterminate
    if b == 0:
        if e < 0:
            ev.message("Power", "infy", expr)
            return COMPLEX_INFINITY
        return to_atom(0.0 if isinstance(b, float) or isinstance(e, float) else 0)
    if isinstance(b, float) or isinstance(e, float):
        return _float_or_none(ev, lambda x, y: float(x) ** float(y), b, e)
    if isinstance(e, int):
        if abs(b) != 1 and _too_big(ev, expr, abs(e) * log2_size(b)):
            return None
        return to_atom(Fraction(b) ** e)
    return _unchanged_or(expr, _exact_root(ev, Fraction(b), e))


def _iroot(n: int, q: int) -> int:
    """The integer part of the q-th root of n >= 0 (Newton's method on integers)."""
    if n < 2 or q == 1:
        return n
    if q >= n.bit_length():
        return 1
    x = 1 << ((n.bit_length() + q - 1) // q)
    while True:
        y = ((q - 1) * x + n // x ** (q - 1)) // q
        if y >= x:
            return x
        x = y


def _root_parts(n: int, q: int) -> tuple[int, int]:
    """(a, b) with n == a**q * b, taking out every q-th power of a small factor, or all of
    n when it is a perfect power: Sqrt[12] is 2 Sqrt[3]."""
    a = 1
    for p in range(2, ROOT_TRIAL_LIMIT):
        pq = p ** q
        if pq > n:
            break
        while n % pq == 0:
            n //= pq
            a *= p
    r = _iroot(n, q)
    return (a * r, 1) if r ** q == n else (a, n)


def _exact_root(ev, b: Fraction, e: Fraction):
    """b^e for a rational, non-integer exponent: numeric factors pulled out
    (8^(1/3) → 2, 2^(3/2) → 2 Sqrt[2], Sqrt[1/2] → 1/Sqrt[2]) and a negative base as
    (-1)^e (Sqrt[-4] → 2 I)."""
    if b == -1:
        return _minus_one_power(e)
    magnitude = abs(b) if e > 0 else 1 / abs(b)
    k, r = divmod(abs(e.numerator), e.denominator)
    q = e.denominator
    if _too_big(ev, Expr(S.Power, to_atom(b), to_atom(e)), k * max(log2_size(magnitude), 1)):
        return None
    na, nb = _root_parts(magnitude.numerator, q)
    da, db = _root_parts(magnitude.denominator, q)
    factors = []
    coefficient = magnitude ** k * Fraction(na, da) ** r
    if coefficient != 1:
        factors.append(to_atom(coefficient))
    inside = Fraction(nb, db)
    if inside != 1:
        if inside.numerator == 1:
            factors.append(Expr(S.Power, Integer(inside.denominator), to_atom(Fraction(-r, q))))
        else:
            factors.append(Expr(S.Power, to_atom(inside), to_atom(Fraction(r, q))))
    if b < 0:
        factors.append(Expr(S.Power, Integer(-1), to_atom(e)))
    if not factors:
        return Integer(1)
    return factors[0] if len(factors) == 1 else Expr.make(S.Times, factors)


def _minus_one_power(e: Fraction):
    """(-1)^e with e reduced into (-1, 1]; (-1)^(±1/2) is ±I."""
    reduced = (e + 1) % 2 - 1
    if reduced == -1:
        reduced = Fraction(1)
    if reduced == Fraction(1, 2):
        return S.I
    if reduced == Fraction(-1, 2):
        return Expr(S.Times, Integer(-1), S.I)
    return Expr(S.Power, Integer(-1), to_atom(reduced))


@builtin(attributes="Listable NumericFunction", argc=1,
         vectorized=_float_unary(np.sqrt, lambda a: bool((a >= 0).all())),
         usage="Sqrt[z] gives the square root of z.")
def Sqrt(ev, expr):
    """Sqrt[x]: the square root, x^(1/2)."""
    return Expr(S.Power, expr.args[0], Rational(Fraction(1, 2)))


@builtin(attributes="Listable NumericFunction", argc=1, vectorized=_float_unary(np.exp),
         usage="Exp[z] gives the exponential of z, E^z.")
def Exp(ev, expr):
    """Exp[x]: E^x."""
    return Expr(S.Power, S.E, expr.args[0])
