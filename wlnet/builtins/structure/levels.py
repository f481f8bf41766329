"""Level specifications (``n``, ``{n}``, ``{m, n}``, ``Infinity``, negative levels) and
walking an expression level by level, as Map, Apply, Cases, Position and Count use them."""

from __future__ import annotations

from functools import wraps

from ...expr import Atom, Expr, Integer, PackedArray, S, is_list
from ...kernel import patterns
from ..common import INF, _is_infinity
from .parts import elements, is_assoc, rebuild


# -- level specifications ------------------------------------------------------------------


def level_spec(ev, name, spec):
    """(lo, hi) for n, {n}, {m, n}, Infinity or All; negative levels count from the leaves.
    None after ``name::level``."""
    def bound(x):
        if isinstance(x, Integer):
            return x.value
        return INF if _is_infinity(x) else None
    if spec is S.All:
        return 0, INF
    if isinstance(spec, Integer) or _is_infinity(spec):
        return 1, bound(spec)
    if is_list(spec) and len(spec.args) in (1, 2):
        bounds = [bound(x) for x in spec.args]
        if None not in bounds:
            return (bounds[0], bounds[0]) if len(bounds) == 1 else tuple(bounds)
    ev.message(name, "level", spec)
    return None


def depth(e) -> int:
    """Wolfram's Depth: 1 for an atom, one more than the deepest element otherwise; an
    expression without elements counts as holding an atom (``Depth[{}]`` is 2)."""
    if isinstance(e, PackedArray):
        return e.array.ndim + 1
    if isinstance(e, Atom):
        return 1
    return 1 + max((depth(x) for x in elements(e)), default=1)


def _within(lo, hi, level, e) -> bool:
    """Whether a part at ``level`` lies in {lo, hi} (a negative bound -k compares Depth k)."""
    if (level < lo) if lo >= 0 else (depth(e) > -lo):
        return False
    return (level <= hi) if hi >= 0 else (depth(e) >= -hi)


def _descends(hi, level) -> bool:
    return hi < 0 or level < hi


def _is_leaf(e) -> bool:
    return isinstance(e, Atom)


def _child_positions(e):
    """(position index, child) pairs: Key[k] positions for an association's values."""
    if is_assoc(e):
        return [(Expr(S.Key, r.args[0]), r.args[1]) for r in e.args]
    return [(Integer(i + 1), x) for i, x in enumerate(e.args)]


def walk(e, lo, hi, heads=False, pos=(), level=0):
    """Yield (position tuple, part) for the parts of e in levels {lo, hi}, depth first,
    children (head first) before their parent, the order Position and Cases report."""
    if not _is_leaf(e) and _descends(hi, level):
        if heads and not is_assoc(e):
            yield from walk(e.head, lo, hi, heads, pos + (Integer(0),), level + 1)
        for p, child in _child_positions(e):
            yield from walk(child, lo, hi, heads, pos + (p,), level + 1)
    if _within(lo, hi, level, e):
        yield pos, e


def map_levels(e, fn, lo, hi, pos=(), level=0):
    """e with fn(part, position) put in place of every part in levels {lo, hi}, innermost
    first (so an outer part sees its already-mapped elements)."""
    if not _is_leaf(e) and _descends(hi, level):
        new = [map_levels(child, fn, lo, hi, pos + (p,), level + 1)
               for p, child in _child_positions(e)]
        if any(a is not b for a, b in zip(new, elements(e))):
            e = Expr.make(e.head, new) if not is_assoc(e) else rebuild(e, new)
    return fn(e, pos) if _within(lo, hi, level, e) else e


def _matches(ev, pattern, e) -> bool:
    return patterns.match(pattern, e, ev) is not None


def _levels_arg(ev, expr, index, default):
    """The level spec at argument ``index`` (or the default), as (lo, hi) or None."""
    return level_spec(ev, expr.head.name, expr.args[index]) if len(expr.args) > index \
        else default


def at_levels(default):
    """Decorator for ``Name[a, b, levels, ...]`` builtins (Map, Cases, Count, ...): the body
    gets ``a``, ``b`` and the levels as (lo, hi), so each builtin says only what it does
    there. ``Name[a]`` alone is half an operator form and a bad level spec has had its
    message; both stay unevaluated."""
    def decorate(body):
        @wraps(body)
        def run(ev, expr):
            if len(expr.args) == 1:
                return None
            levels = _levels_arg(ev, expr, 2, default)
            if levels is None:
                return None
            return body(ev, expr, expr.args[0], expr.args[1], levels)
        return run
    return decorate
