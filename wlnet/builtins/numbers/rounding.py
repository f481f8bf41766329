"""Abs, Sign, Ramp, Unitize, UnitStep, rounding (Round, Floor, Ceiling, IntegerPart,
FractionalPart), Mod and Quotient."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ...expr import Expr, Integer, S, from_python
from ...kernel.builtin import builtin
from .elementary import _negated, _sign
from .exact import refused_division
from .numeric import COMPLEX_INFINITY, infinity, infinity_kind, is_exact, number_value, to_atom
from .packed import _any_unary, _operands, _packed_result, finite_packed


# ---------------------------------------------------------------------------------------
# Abs, Sign, Ramp and rounding
# ---------------------------------------------------------------------------------------

def _numeric_unary(name, usage, op, np_op, parity=None, infinite=None):
    """Register a Listable function of one number through op(python number) -> atom, with
    an elementwise NumPy fast path for packed arrays (integers included)."""
    def function(ev, expr):
        x = expr.args[0]
        v = number_value(x)
        if v is not None:
            if isinstance(v, float) and not math.isfinite(v):
                return None
            return op(v)
        kind = infinity_kind(x)
        if kind is not None and infinite is not None:
            return infinite(kind)
        neg = _negated(x) if parity is not None else None
        if neg is not None:
            inner = Expr(expr.head, neg)
            return inner if parity == "even" else Expr(S.Times, Integer(-1), inner)
        return None
    function.__name__ = name
    builtin(name, attributes="Listable NumericFunction", argc=1, usage=usage,
            vectorized=_any_unary(np_op))(function)


_numeric_unary("Abs", "Abs[z] gives the absolute value of z.", lambda v: to_atom(abs(v)), np.abs,
               "even", lambda kind: infinity(1))
_numeric_unary("Sign", "Sign[x] gives -1, 0 or 1 when x is negative, zero or positive.",
    lambda v: Integer(_sign(v)),
               lambda a: np.sign(a).astype(np.int64), "odd",
               lambda kind: None if kind == "complex" else Integer(kind))
_numeric_unary("Ramp", "Ramp[x] gives x if x is positive and 0 otherwise.",
               lambda v: to_atom(v if v > 0 else v * 0), lambda a: np.maximum(a, 0))
_numeric_unary("Unitize", "Unitize[x] gives 0 when x is zero and 1 for any other number.",
               lambda v: Integer(int(v != 0)), lambda a: (a != 0).astype(np.int64),
               infinite=lambda kind: Integer(1))
_numeric_unary("UnitStep", "UnitStep[x] gives 1 for x >= 0 and 0 for x < 0.",
               lambda v: Integer(int(v >= 0)), lambda a: (a >= 0).astype(np.int64),
               infinite=lambda kind: None if kind == "complex" else Integer(int(kind > 0)))


def _to_int_array(a):
    """A rounded float array as int64, or None if it does not fit."""
    if a.dtype.kind != "f":
        return a
    if a.size and np.abs(a).max() >= 2.0 ** 62:
        return None
    return a.astype(np.int64)


def _rounding(name, usage, op, np_op):
    """Register Round/Floor/Ceiling/IntegerPart: f[x] an integer, f[x, a] a multiple of a."""
    def fast(ev, args):
        a = finite_packed(args)
        if a is None:
            return None
        result = _to_int_array(np_op(a))
        return None if result is None else from_python(result)

    def function(ev, expr):
        values = [number_value(a) for a in expr.args]
        if None in values or any(isinstance(v, float) and not math.isfinite(v) for v in values):
            return None
        if len(values) == 1:
            return Integer(op(values[0]))
        x, a = values
        if a == 0:
            return None
        return to_atom(op(Fraction(x) / Fraction(a) if is_exact(x) and is_exact(a) else x / a) * a)
    function.__name__ = name
    builtin(name, attributes="Listable NumericFunction", argc=(1, 2), usage=usage,
            vectorized=fast)(function)


_rounding("Round", "Round[x] gives the integer closest to x, an even one when x is halfway "
          "between two.\nRound[x, a] rounds to the closest multiple of a.", round, np.rint)
_rounding("Floor", "Floor[x] gives the greatest integer less than or equal to x.", math.floor,
          np.floor)
_rounding("Ceiling", "Ceiling[x] gives the smallest integer greater than or equal to x.",
          math.ceil, np.ceil)
_rounding("IntegerPart", "IntegerPart[x] gives the integer part of x, its digits before the "
                         "decimal point.", math.trunc,
          np.trunc)


@builtin(attributes="Listable NumericFunction", argc=1,
         vectorized=_any_unary(lambda a: a - np.trunc(a) if a.dtype.kind == "f" else a * 0),
         usage="FractionalPart[x] gives the fractional part of x, x - "
               "IntegerPart[x].")
def FractionalPart(ev, expr):
    """FractionalPart[x]: x minus IntegerPart[x] (negative for negative x)."""
    v = number_value(expr.args[0])
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return None
    return to_atom(v - math.trunc(v))


def _divisor(ev, expr, name, tag, result):
    """The second argument of Mod/Quotient as a number; for 0, the message and ``result``."""
    values = [number_value(a) for a in expr.args]
    if None in values:
        return None, None
    if values[1] == 0:
        ev.message(name, tag, expr)
        return values, result
    return values, None


def _mod_fast(ev, args):
    if len(args) != 2:
        return None
    ops = _operands(args)
    if ops is None or np.any(np.asarray(ops[1]) == 0):
        return None
    with np.errstate(all="ignore"):
        return _packed_result(np.mod(*ops))


@builtin(attributes="Listable NumericFunction", argc=(2, 3), vectorized=_mod_fast,
         usage="Mod[m, n] gives the remainder of m divided by n, with the sign of "
               "n.\nMod[m, n, d] gives a remainder from d to d + n - 1.")
def Mod(ev, expr):
    """Mod[m, n]: the remainder of m on division by n, with the sign of n;
    Mod[m, n, d]: the remainder in the range d to d + n."""
    values, failed = _divisor(ev, expr, "Mod", "indet", S.Indeterminate)
    if values is None or failed is not None:
        return failed
    m, n = values[:2]
    d = values[2] if len(values) == 3 else 0
    if refused_division(ev, expr, m - d if _exact_all(m, d) else m, n):
        return None
    return to_atom(m - n * math.floor(Fraction(m - d) / n if _exact_all(m, n, d)
                                      else (m - d) / n))


def _exact_all(*values) -> bool:
    return all(is_exact(v) for v in values)


@builtin(attributes="Listable NumericFunction", argc=(2, 3),
         usage="Quotient[m, n] gives the integer quotient of m and n, "
               "Floor[m/n].\nQuotient[m, n, d] gives Floor[(m - d)/n].")
def Quotient(ev, expr):
    """Quotient[m, n]: the integer quotient Floor[m/n]; Quotient[m, n, d]: Floor[(m-d)/n]."""
    values, failed = _divisor(ev, expr, "Quotient", "infy", COMPLEX_INFINITY)
    if values is None or failed is not None:
        return failed
    m, n = values[:2]
    d = values[2] if len(values) == 3 else 0
    if refused_division(ev, expr, m - d if _exact_all(m, d) else m, n):
        return None
    return Integer(math.floor(Fraction(m - d) / n if _exact_all(m, n, d) else (m - d) / n))
