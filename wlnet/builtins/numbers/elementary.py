"""Elementary functions: Sin, Cos, Tan, the hyperbolic functions, LogisticSigmoid, Log,
ArcSin, ArcCos, ArcTan, with the exact values Wolfram gives (Sin[Pi/6] is 1/2)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ...expr import Expr, Integer, Rational, Real, S
from ...kernel.builtin import builtin
from .arithmetic import _scaled
from .numeric import (COMPLEX_INFINITY, _float_or_none, infinity, infinity_kind, is_exact,
                      number_value, to_atom)
from .packed import _binary_fast, _float_unary


# ---------------------------------------------------------------------------------------
# Elementary functions
# ---------------------------------------------------------------------------------------

def _negated(e):
    """-e for an argument that looks negative (a negative number or -c x), else None."""
    v = number_value(e)
    if v is not None:
        return to_atom(-v) if v < 0 else None
    if isinstance(e, Expr) and e.head is S.Times and len(e.args) >= 2:
        c = number_value(e.args[0])
        if c is not None and c < 0:
            return _scaled(-c, Expr.make(S.Times, e.args[1:]) if len(e.args) > 2 else e.args[1])
    return None


def _pi_multiple(e):
    """r for an argument r Pi (or r Degree) with rational r; 0 for 0; else None."""
    if type(e) is Integer and e.value == 0:
        return Fraction(0)
    scale = {S.Pi: Fraction(1), S.Degree: Fraction(1, 180)}
    if e in scale:
        return scale[e]
    if isinstance(e, Expr) and e.head is S.Times and len(e.args) == 2 and e.args[1] in scale:
        c = number_value(e.args[0])
        if is_exact(c):
            return Fraction(c) * scale[e.args[1]]
    return None


_SIN_TABLE = {Fraction(0): Integer(0), Fraction(1, 6): Rational(Fraction(1, 2)),
              Fraction(1, 4): Expr(S.Power, Integer(2), Rational(Fraction(-1, 2))),
              Fraction(1, 3): Expr(S.Times, Rational(Fraction(1, 2)),
                                   Expr(S.Power, Integer(3), Rational(Fraction(1, 2)))),
              Fraction(1, 2): Integer(1)}


def _sin_pi(r: Fraction):
    """Sin[r Pi] exactly for multiples of Pi/4 and Pi/6, else None."""
    r %= 2
    sign = 1
    if r >= 1:
        sign, r = -1, r - 1
    if r > Fraction(1, 2):
        r = 1 - r
    value = _SIN_TABLE.get(r)
    if value is None or sign == 1 or value == Integer(0):
        return value
    return Expr(S.Times, Integer(-1), value)


def _exact_sin(ev, x):
    r = _pi_multiple(x)
    return None if r is None else _sin_pi(r)


def _exact_cos(ev, x):
    r = _pi_multiple(x)
    return None if r is None else _sin_pi(r + Fraction(1, 2))


def _exact_tan(ev, x):
    r = _pi_multiple(x)
    if r is None:
        return None
    s, c = _sin_pi(r), _sin_pi(r + Fraction(1, 2))
    if s is None or c is None:
        return None
    if c == Integer(0):
        return COMPLEX_INFINITY
    return Expr(S.Times, s, Expr(S.Power, c, Integer(-1)))


def _exact_arctan(ev, x):
    kind = infinity_kind(x)
    if kind in (1, -1):
        return Expr(S.Times, Rational(Fraction(kind, 2)), S.Pi)
    return {Integer(0): Integer(0), Integer(1): Expr(S.Times, Rational(Fraction(1, 4)), S.Pi)
            }.get(x)


def _exact_log(ev, x):
    v = number_value(x)
    if v == 0 and is_exact(v):
        return infinity(-1)
    if v == 1 and is_exact(v):
        return Integer(0)
    if x is S.E:
        return Integer(1)
    if infinity_kind(x) in (1, -1, "complex"):
        return infinity(1)
    if isinstance(x, Expr) and x.head is S.Power and x.args[0] is S.E and \
            is_exact(number_value(x.args[1])):
        return x.args[1]
    return None


def _at_zero(value):
    """The exact-value rule of a function known only at 0 (f[0] == value)."""
    def exact(ev, x):
        return value if type(x) is Integer and x.value == 0 else None
    return exact


def _logistic(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def _elementary(name, usage, fn, np_fn, exact=None, parity=None, domain=None):
    """Register a Listable numeric function of one argument: machine reals through fn
    (NumPy np_fn for packed reals), exact special values through exact(ev, x), and the
    symmetry f[-x] = -f[x] (parity "odd") or f[-x] = f[x] ("even")."""
    def function(ev, expr):
        x = expr.args[0]
        if type(x) is Real:
            return _float_or_none(ev, fn, x.value)
        if parity is not None:
            neg = _negated(x)
            if neg is not None:
                inner = Expr(expr.head, neg)
                return inner if parity == "even" else Expr(S.Times, Integer(-1), inner)
        return exact(ev, x) if exact is not None else None
    function.__name__ = name
    builtin(name, attributes="Listable NumericFunction", argc=1, usage=usage,
            vectorized=_float_unary(np_fn, domain))(function)


_elementary("Sin", "Sin[z] gives the sine of z, an angle in radians.",
            math.sin, np.sin, _exact_sin, "odd")
_elementary("Cos", "Cos[z] gives the cosine of z, an angle in radians.",
            math.cos, np.cos, _exact_cos, "even")
_elementary("Tan", "Tan[z] gives the tangent of z, an angle in radians.",
            math.tan, np.tan, _exact_tan, "odd")
_elementary("Sinh", "Sinh[z] gives the hyperbolic sine of z.", math.sinh, np.sinh,
            _at_zero(Integer(0)), "odd")
_elementary("Cosh", "Cosh[z] gives the hyperbolic cosine of z.", math.cosh, np.cosh,
            _at_zero(Integer(1)), "even")
_elementary("Tanh", "Tanh[z] gives the hyperbolic tangent of z.", math.tanh, np.tanh,
            _at_zero(Integer(0)), "odd")
_elementary("LogisticSigmoid", "LogisticSigmoid[z] gives the logistic sigmoid function 1/(1 + "
                               "E^-z).", _logistic,
            lambda a: 0.5 * (1 + np.tanh(0.5 * a)), _at_zero(Rational(Fraction(1, 2))))


def _pi_times(r: Fraction):
    return Integer(0) if r == 0 else S.Pi if r == 1 else \
        Expr(S.Times, to_atom(r), S.Pi)


def _exact_inverse(table):
    """The exact-value rule of ArcSin/ArcCos: r Pi for the rational arguments in table."""
    def exact(ev, x):
        v = number_value(x)
        if not is_exact(v) or Fraction(v) not in table:
            return None
        return _pi_times(table[Fraction(v)])
    return exact


def _in_unit_interval(a):
    return bool((np.abs(a) <= 1).all())


_elementary("ArcSin", "ArcSin[z] gives the inverse sine of z, an angle in radians from -Pi/2 "
            "to Pi/2 for z from -1 to 1.", math.asin, np.arcsin,
            _exact_inverse({Fraction(0): Fraction(0), Fraction(1, 2): Fraction(1, 6),
                            Fraction(1): Fraction(1, 2)}), "odd", _in_unit_interval)
_elementary("ArcCos", "ArcCos[z] gives the inverse cosine of z, an angle in radians from 0 "
            "to Pi for z from -1 to 1.", math.acos, np.arccos,
            _exact_inverse({Fraction(1): Fraction(0), Fraction(1, 2): Fraction(1, 3),
                            Fraction(0): Fraction(1, 2), Fraction(-1, 2): Fraction(2, 3),
                            Fraction(-1): Fraction(1)}), None, _in_unit_interval)


def _log_one(ev, x):
    if type(x) is Real:
        return _float_or_none(ev, math.log, x.value) if x.value != 0 else infinity(-1)
    return _exact_log(ev, x)


def _exact_log_base(b, z):
    """n when z == b^n for positive rationals b, z and an integer n (Log[2, 8] → 3)."""
    if b <= 0 or z <= 0 or b == 1:
        return None
    n = round(math.log(z) / math.log(b))
    return Integer(n) if Fraction(b) ** n == z else None


@builtin(attributes="Listable NumericFunction", argc=(1, 2),
         vectorized=_float_unary(np.log, lambda a: bool((a > 0).all())),
         usage="Log[z] gives the natural logarithm of z.\nLog[b, z] gives the "
               "logarithm of z to base b.")
def Log(ev, expr):
    """Log[z]: the natural logarithm; Log[b, z]: the logarithm to base b."""
    if len(expr.args) == 1:
        return _log_one(ev, expr.args[0])
    base, z = expr.args
    b, v = number_value(base), number_value(z)
    if b is not None and v is not None:
        if isinstance(b, float) or isinstance(v, float):
            return _float_or_none(ev, lambda x, y: math.log(y) / math.log(x), b, v)
        exact = _exact_log_base(b, v)
        if exact is not None:
            return exact
    return Expr(S.Times, Expr(S.Log, z), Expr(S.Power, Expr(S.Log, base), Integer(-1)))


def _log_to_base(base: int, np_log):
    def log(ev, expr):
        """Log2[x] or Log10[x]: Log[base, x], exact when x is a power of the base; a
        negative real stays as it is, as Log[-2.] does in wlnet (no complex numbers)."""
        x = expr.args[0]
        if number_value(x) == 0:
            return infinity(-1)
        if infinity_kind(x) is not None:     # Log of an infinity, over Log[base] > 0
            inner = ev.evaluate(Expr(S.Log, x))
            return inner if infinity_kind(inner) in (1, -1) else None
        if type(x) is Real:
            return Real(float(np_log(x.value))) if x.value > 0 else None
        return ev.evaluate(Expr(S.Log, Integer(base), x))
    return log


def _positive(a) -> bool:
    return bool((a > 0).all())


Log2 = builtin("Log2", attributes="Listable NumericFunction", argc=1,
               vectorized=_float_unary(np.log2, _positive),
               usage="Log2[x] gives the base-2 logarithm of x."
               )(_log_to_base(2, np.log2))
Log10 = builtin("Log10", attributes="Listable NumericFunction", argc=1,
                vectorized=_float_unary(np.log10, _positive),
                usage="Log10[x] gives the base-10 logarithm of x."
                )(_log_to_base(10, np.log10))


def _arctan_fast(ev, args):
    return _float_unary(np.arctan)(ev, args) if len(args) == 1 else \
        _binary_fast(lambda x, y: np.arctan2(y, x), lambda ops: False)(ev, args)


@builtin(attributes="Listable NumericFunction", argc=(1, 2), vectorized=_arctan_fast,
         usage="ArcTan[z] gives the inverse tangent of z, an angle in radians.\nArcTan[x, "
               "y] gives the angle of the point {x, y}.")
def ArcTan(ev, expr):
    """ArcTan[z]: the inverse tangent; ArcTan[x, y]: the angle of the point {x, y}."""
    if len(expr.args) == 1:
        x = expr.args[0]
        if type(x) is Real:
            return Real(math.atan(x.value))
        neg = _negated(x)
        if neg is not None:
            return Expr(S.Times, Integer(-1), Expr(S.ArcTan, neg))
        return _exact_arctan(ev, x)
    x, y = (number_value(a) for a in expr.args)
    if x is None or y is None:
        return None
    if isinstance(x, float) or isinstance(y, float):
        return Real(math.atan2(y, x))
    if x == 0:
        return Integer(0) if y == 0 else Expr(S.Times, Rational(Fraction(_sign(y), 2)), S.Pi)
    angle = Expr(S.ArcTan, to_atom(Fraction(y) / x))
    return angle if x > 0 else Expr(S.Plus, angle, Expr(S.Times, Integer(1 if y >= 0 else -1),
                                                        S.Pi))


def _sign(v) -> int:
    return (v > 0) - (v < 0)
