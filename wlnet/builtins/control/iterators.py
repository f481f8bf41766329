"""Iterator specifications shared by Do, Table, Sum-like builtins: ``{n}``, ``{i, n}``,
``{i, a, b}``, ``{i, a, b, d}`` and ``{i, {values...}}``, nested left to right.

The iteration variable is bound the way Block binds it (a temporary own value, restored
afterwards), so the body sees ``i`` by evaluation, as in Wolfram. Values are produced
lazily, so ``Do[..., {10^12}]`` costs no memory and runs until interrupted; a builtin that
keeps every result (Table) passes ``guard`` to refuse a count it could not hold.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ...expr import Expr, S, Symbol, from_python
from ...kernel.definitions import Rule
from ..numbers.numeric import number_value as _number


def _values(ev, spec):
    """(variable or None, count, iterable of values) for one iterator, or None if it is
    malformed."""
    if not (isinstance(spec, Expr) and spec.head is S.List):
        spec = Expr(S.List, spec)
    parts = spec.args
    if len(parts) == 1:
        n = _number(ev.evaluate(parts[0]))
        if n is None:
            return None
        count = _count(1, n, 1)
        return None if count is None else (None, count, range(count))
    var = parts[0]
    if not isinstance(var, Symbol):
        return None
    if len(parts) == 2:
        bound = ev.evaluate(parts[1])
        if isinstance(bound, Expr) and bound.head is S.List:
            return var, len(bound.args), bound.args
        lo, hi, step = 1, _number(bound), 1
    elif len(parts) in (3, 4):
        lo, hi = _number(ev.evaluate(parts[1])), _number(ev.evaluate(parts[2]))
        step = _number(ev.evaluate(parts[3])) if len(parts) == 4 else 1
    else:
        return None
    if lo is None or hi is None or step is None or step == 0:
        return None
    count = _count(lo, hi, step)
    if count is None:
        return None
    return var, count, (from_python(lo + k * step) for k in range(count))


def _count(lo, hi, step) -> int | None:
    """How many values lo, lo + step, ... up to hi; None when machine reals cannot count
    them (bounds so far apart that the count overflows to infinity, or NaN)."""
    try:
        if not any(isinstance(x, float) for x in (lo, hi, step)):
            return max(0, math.floor((Fraction(hi) - Fraction(lo)) / Fraction(step)) + 1)
        return max(0, math.floor((hi - lo) / step + 1e-12) + 1)
    except (OverflowError, ValueError):
        return None


class BadIterator(Exception):
    """An iterator specification that is not of a valid form (``iterb`` was issued)."""


def iterations(ev, expr, specs, guard=None):
    """Yield once for every combination of iterator values, with the variables bound.

    Leaving the loop early (``break``) restores the variables, as does an exception.
    Raises BadIterator after issuing ``Head::iterb`` for a malformed specification.
    ``guard(count)`` is called with each iterator's number of values before its first
    value (it may refuse by raising).
    """
    if not specs:
        yield
        return
    resolved = _values(ev, specs[0])
    if resolved is None:
        ev.message(expr.head.name, "iterb", specs[0])
        raise BadIterator()
    var, count, values = resolved
    if guard is not None:
        guard(count)
    if var is None:
        for _ in values:
            ev.check_abort()
            yield from iterations(ev, expr, specs[1:], guard)
        return
    d = ev.defs.ensure(var)
    saved = d.own
    try:
        for v in values:
            ev.check_abort()
            d.own = Rule(var, v, False)
            yield from iterations(ev, expr, specs[1:], guard)
    finally:
        d.own = saved
