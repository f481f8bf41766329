"""Applying functions to expressions: Map, MapIndexed, Apply, Scan, MapThread, Thread."""

from __future__ import annotations

from ...expr import Atom, Expr, Integer, S, is_list, pack
from ...kernel.builtin import builtin
from ..common import operator_form
from ..structure.levels import at_levels, map_levels, walk
from ..structure.parts import elements, length
from ..structure.shape import dimensions


# -- functional iteration -----------------------------------------------------------------


def _apply1(ev, f, x):
    return ev.evaluate(Expr(f, x))


@builtin(argc=(1, 3),
         usage="f /@ expr or Map[f, expr] applies f to each element of expr.\nMap[f, expr, "
               "levelspec] applies f to the parts of expr at the levels levelspec.\nMap[f] "
               "is an operator form of Map.")
@at_levels((1, 1))
def Map(ev, expr, f, e, levels):
    """f /@ expr: f applied to each element (values of an association); Map[f, expr, levels]
    at other levels."""
    return map_levels(e, lambda x, _: Expr(f, x), *levels)


operator_form("Map", target_first=False)


@builtin(argc=(1, 3),
         usage="MapIndexed[f, expr] applies f to each element of expr, giving it the "
               "element and its position {i}.\nMapIndexed[f, expr, levelspec] does so at "
               "the levels levelspec.")
@at_levels((1, 1))
def MapIndexed(ev, expr, f, e, levels):
    """MapIndexed[f, expr]: f[elem, {i}] for each element; other levels give longer
    positions."""
    return map_levels(e, lambda x, pos: Expr(f, x, Expr.make(S.List, pos)), *levels)


operator_form("MapIndexed", target_first=False)


@builtin(argc=(1, 3),
         usage="f @@ expr or Apply[f, expr] replaces the head of expr by f.\nf @@@ expr or "
               "Apply[f, expr, {1}] replaces the heads of the elements of expr.")
@at_levels((0, 0))
def Apply(ev, expr, f, e, levels):
    """f @@ expr replaces the head of expr by f (an association gives its values);
    Apply[f, expr, {1}] (f @@@ expr) replaces the heads of the elements."""
    return map_levels(e, lambda x, _: x if isinstance(x, Atom) else Expr.make(f, elements(x)),
                      *levels)


operator_form("Apply", target_first=False)


@builtin(argc=(1, 3),
         usage="Scan[f, expr] evaluates f applied to each element of expr, for what it "
               "does, and gives Null.")
@at_levels((1, 1))
def Scan(ev, expr, f, e, levels):
    """Scan[f, expr]: evaluate f on each element for its side effects; gives Null."""
    for _, part in walk(e, *levels):
        ev.evaluate(Expr(f, part))
    return S.Null


operator_form("Scan", target_first=False)


@builtin(argc=(2, 3), messages={
    "mptc": "Incompatible dimensions of objects at positions {2, `1`} and {2, `2`} of `3`; "
            "dimensions are `4` and `5`.",
    "mptd": "Object `1` at position {2, `2`} in `3` has only `4` of required `5` dimensions."},
         usage="MapThread[f, {{a1, a2, ...}, {b1, b2, ...}, ...}] gives {f[a1, b1, "
               "...], f[a2, b2, ...], ...}.\nMapThread[f, lists, n] threads n levels "
               "deep.")
def MapThread(ev, expr):
    """MapThread[f, {l1, l2, ...}]: {f[l1[[1]], l2[[1]], ...], ...}; MapThread[f, lists, n]
    threads n levels deep."""
    f, lists = expr.args[:2]
    n = expr.args[2].value if len(expr.args) == 3 and isinstance(expr.args[2], Integer) else 1
    if not is_list(lists):
        ev.message("MapThread", "list", expr, Integer(2))
        return None
    for i, x in enumerate(lists.args):
        if len(dimensions(x, n)) < n:
            ev.message("MapThread", "mptd", x, Integer(i + 1), expr,
                       Integer(len(dimensions(x, n))), Integer(n))
            return None
    for i, x in enumerate(lists.args[1:], 2):
        if dimensions(x, n) != dimensions(lists.args[0], n):
            ev.message("MapThread", "mptc", Integer(1), Integer(i), expr,
                       pack([Integer(d) for d in dimensions(lists.args[0], n)]),
                       pack([Integer(d) for d in dimensions(x, n)]))
            return None
    return _map_thread(f, lists.args, n)


def _map_thread(f, lists, n):
    if n == 0:
        return Expr.make(f, lists)
    return Expr.make(S.List, [_map_thread(f, [x.args[i] for x in lists], n - 1)
                              for i in range(length(lists[0]))])


@builtin(argc=(1, 3),
         usage="Thread[f[{a1, a2}, {b1, b2}]] gives {f[a1, b1], f[a2, b2]}, other "
               "arguments being repeated.\nThread[expr, h] threads over the arguments with "
               "head h.")
def Thread(ev, expr):
    """Thread[f[{a, b}, {c, d}]] is {f[a, c], f[b, d]}; other arguments are repeated.
    Thread[expr, h] threads over h instead of List."""
    e = expr.args[0]
    h = expr.args[1] if len(expr.args) >= 2 else S.List
    if isinstance(e, Atom):
        return e
    threaded = [isinstance(a, Expr) and a.head is h for a in e.args]
    lengths = {length(a) for a, t in zip(e.args, threaded) if t}
    if not lengths:
        return e
    if len(lengths) > 1:
        ev.message("Thread", "tdlen", e)
        return None
    return Expr.make(h, [Expr.make(e.head, [a.args[i] if t else a
                                            for a, t in zip(e.args, threaded)])
                         for i in range(lengths.pop())])
