"""Plus and Times with Wolfram's exact rules, and Subtract, Minus, Divide in their terms.

Exact numbers are Python ``int`` and ``Fraction`` (so ``1/2`` stays a Rational and ``2/4``
becomes ``1/2``); machine reals are ``float``, and an inexact number anywhere makes the
result inexact, as in Wolfram. Plus and Times collect like terms and powers the way
Wolfram's basic evaluator does (``x + x`` → ``2 x``, ``x x`` → ``x^2``); the evaluator
sorts the result (Orderless). Every Listable function has a NumPy fast path so packed
arrays stay packed.
"""

from __future__ import annotations

import numpy as np

from ...expr import Expr, Integer, S
from ...kernel.builtin import builtin
from .numeric import (COMPLEX_INFINITY, INT64_LIMIT, _is_one, _numericize_if_inexact,
                      _overflow, infinity, infinity_kind, is_exact, number_value, to_atom)
from .exact import TooBig, check_exact, refused
from .packed import _any_unary, _binary_fast, _magnitude, _product, _vectorized_fold


# ---------------------------------------------------------------------------------------
# Plus, Times, Power and their relatives
# ---------------------------------------------------------------------------------------

def _term(e):
    """Split a term into (numeric coefficient, rest): ``3 x y`` → (3, x y)."""
    if isinstance(e, Expr) and e.head is S.Times and len(e.args) >= 2:
        c = number_value(e.args[0])
        if c is not None:
            rest = e.args[1] if len(e.args) == 2 else Expr.make(S.Times, e.args[1:])
            return c, rest
    return 1, e


def _scaled(c, rest):
    """The term c·rest, or None when the coefficient is an exact zero."""
    if is_exact(c) and c == 0:
        return None
    if is_exact(c) and c == 1:
        return rest
    factors = rest.args if isinstance(rest, Expr) and rest.head is S.Times else (rest,)
    return Expr.make(S.Times, (to_atom(c),) + tuple(factors))


def _unchanged_or(expr, out):
    return None if out == expr else out


def _rebuilt(expr, items):
    """What Plus, Times, Max and Min give for the items they could not combine further: a
    lone item itself, else expr's head over them (None when that is expr unchanged)."""
    return items[0] if len(items) == 1 else _unchanged_or(expr, Expr.make(expr.head, items))


def _combine_infinities(ev, expr, kinds):
    """The sum of infinities, or Indeterminate (with Infinity::indet) for ∞ - ∞."""
    if len(set(kinds)) > 1 or (kinds[0] == "complex" and len(kinds) > 1):
        ev.message("Infinity", "indet", expr)
        return S.Indeterminate
    return infinity(None if kinds[0] == "complex" else kinds[0])


@builtin(attributes="Flat Listable NumericFunction OneIdentity Orderless",
         vectorized=_vectorized_fold(np.add, sum),
         usage="x + y + z or Plus[x, y, z] gives the sum of the terms.")
def Plus(ev, expr):
    """Plus[x, y, ...] (x + y + ...): the sum, with like terms collected."""
    args = expr.args
    if not args:
        return Integer(0)
    if S.Indeterminate in args:
        return S.Indeterminate
    kinds = [k for k in map(infinity_kind, args) if k is not None]
    if kinds:
        inf = _combine_infinities(ev, expr, kinds)
        rest = [a for a in args if infinity_kind(a) is None and number_value(a) is None]
        if inf is S.Indeterminate or not rest:
            return inf
        return _unchanged_or(expr, Expr.make(S.Plus, [inf] + rest))
    try:
        total, terms = _like_terms(_numericize_if_inexact(ev, args))
    except OverflowError:
        return _overflow(ev)
    except TooBig as problem:
        return refused(ev, expr, problem)
    out = [t for t in (_scaled(c, rest) for rest, c in terms.items()) if t is not None]
    if total is not None and (not is_exact(total) or total != 0 or not out):
        out.insert(0, to_atom(total))
    return _rebuilt(expr, out) if out else Integer(0)


def _like_terms(args):
    """(the sum of the numbers among args or None, {term: coefficient} for the others);
    OverflowError when a sum grows too large."""
    total = None
    terms: dict = {}
    for a in args:
        v = number_value(a)
        if v is not None:
            if total is not None:
                check_exact(total, v, product=False)
            total = v if total is None else total + v
        else:
            c, rest = _term(a)
            terms[rest] = terms[rest] + c if rest in terms else c
    return total, terms


def _factor(e):
    """Split a factor into (base, exponent): ``x^2`` → (x, 2), ``x`` → (x, 1)."""
    if isinstance(e, Expr) and e.head is S.Power and len(e.args) == 2:
        return e.args
    return e, Integer(1)


@builtin(attributes="Flat Listable NumericFunction OneIdentity Orderless",
         vectorized=_vectorized_fold(np.multiply, _product),
         usage="x*y*z, x y z or Times[x, y, z] gives the product of the factors.")
def Times(ev, expr):
    """Times[x, y, ...] (x y ...): the product, with powers of the same base collected."""
    args = expr.args
    if not args:
        return Integer(1)
    if S.Indeterminate in args:
        return S.Indeterminate
    try:
        product, kinds, powers = _like_factors(_numericize_if_inexact(ev, args))
    except OverflowError:
        return _overflow(ev)
    except TooBig as problem:
        return refused(ev, expr, problem)
    if kinds:
        if product is not None and product == 0:
            ev.message("Infinity", "indet", expr)
            return S.Indeterminate
        leading = [_product_infinity(kinds, product)]
    elif product is not None and product == 0:
        return to_atom(product)
    else:
        leading = [] if product is None or (is_exact(product) and product == 1) \
            else [to_atom(product)]
    out = leading + [_power_factor(ev, base, exps) for base, exps in powers.items()]
    if len(out) == 2 and out[0] == Integer(-1) and isinstance(out[1], Expr) and \
            out[1].head is S.Plus:    # -(a + b) → -a - b, as Wolfram does
        return Expr.make(S.Plus, [Expr(S.Times, Integer(-1), t) for t in out[1].args])
    return _rebuilt(expr, out) if out else Integer(1)


def _like_factors(args):
    """(the product of the numbers among args or None, the kinds of the infinities,
    {base: [exponents]} for the others); OverflowError when a product grows too large."""
    product = None
    kinds = []
    powers: dict = {}
    for a in args:
        v = number_value(a)
        if v is not None:
            if product is not None:
                check_exact(product, v, product=True)
            product = v if product is None else product * v
            continue
        k = infinity_kind(a)
        if k is not None:
            kinds.append(k)
            continue
        base, exponent = _factor(a)
        powers.setdefault(base, []).append(exponent)
    return product, kinds, powers


def _product_infinity(kinds, product):
    if "complex" in kinds:
        return COMPLEX_INFINITY
    sign = _product(kinds) * (1 if product is None or product > 0 else -1)
    return infinity(sign)


def _power_factor(ev, base, exponents):
    exponent = exponents[0] if len(exponents) == 1 else \
        ev.evaluate(Expr.make(S.Plus, exponents))
    return base if _is_one(exponent) else Expr(S.Power, base, exponent)


@builtin(attributes="Listable NumericFunction", argc=2,
         vectorized=_binary_fast(np.subtract, lambda ops: sum(map(_magnitude, ops)) < INT64_LIMIT),
         usage="x - y or Subtract[x, y] gives x minus y.")
def Subtract(ev, expr):
    """Subtract[x, y] (x - y): x plus -1 times y."""
    x, y = expr.args
    return Expr(S.Plus, x, Expr(S.Times, Integer(-1), y))


@builtin(attributes="Listable NumericFunction", argc=1,
         vectorized=_any_unary(np.negative),
         usage="-x or Minus[x] gives the negative of x.")
def Minus(ev, expr):
    """Minus[x] (-x): -1 times x."""
    return Expr(S.Times, Integer(-1), expr.args[0])


@builtin(attributes="Listable NumericFunction", argc=2,
         vectorized=_binary_fast(np.divide, lambda ops: False),
         usage="x/y or Divide[x, y] gives x divided by y.")
def Divide(ev, expr):
    """Divide[x, y] (x/y): x times y^-1, so 1/0 reports Power::infy as in Wolfram."""
    x, y = expr.args
    return Expr(S.Times, x, Expr(S.Power, y, Integer(-1)))
