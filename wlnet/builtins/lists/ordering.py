"""Ordering lists: Sort, SortBy, Union, Tally in Wolfram's canonical order."""

from __future__ import annotations

from functools import cmp_to_key

import numpy as np

from ...expr import TRUE, Atom, Expr, Integer, PackedArray, S, from_python, is_list
from ...kernel.builtin import builtin
from ...kernel.ordering import sort_key
from ..common import operator_form
from ..structure.parts import is_assoc, rebuild


# -- ordering ----------------------------------------------------------------------------


def _ordering_cmp(ev, p):
    """A comparison from Wolfram's ordering function p: True (or 1) means in order."""
    def cmp(a, b):
        r = ev.evaluate(Expr(p, a, b))
        if r is TRUE or r == Integer(1):
            return -1
        return 0 if r == Integer(0) else 1
    return cmp_to_key(cmp)


def _sorted_elements(ev, e, p=None):
    """e with its elements sorted (canonical order, or by the ordering function p)."""
    if isinstance(e, PackedArray) and e.array.ndim == 1 and p is None:
        return from_python(np.sort(e.array, kind="stable"))
    order = sort_key if p is None else _ordering_cmp(ev, p)
    if is_assoc(e):
        return Expr.make(S.Association, sorted(e.args, key=lambda r: order(r.args[1])))
    return rebuild(e, sorted(e.args, key=order))


@builtin(argc=(1, 2))
def Sort(ev, expr):
    """Sort[list] in canonical order; Sort[list, p] with p[a, b] True when a comes first."""
    e = expr.args[0]
    if isinstance(e, Atom):
        ev.message("Sort", "normal", Integer(1), expr)
        return None
    return _sorted_elements(ev, e, expr.args[1] if len(expr.args) == 2 else None)


@builtin(argc=(1, 2))
def SortBy(ev, expr):
    """SortBy[list, f]: ordered by f[elem] (canonical order), ties by the elements;
    SortBy[list, {f1, f2}] breaks ties with f2."""
    if len(expr.args) == 1:
        return None
    e, f = expr.args
    if isinstance(e, Atom):
        ev.message("SortBy", "normal", Integer(1), expr)
        return None
    fs = f.args if is_list(f) else (f,)

    def key(x):
        return tuple(sort_key(ev.evaluate(Expr(g, x))) for g in fs) + (sort_key(x),)
    if is_assoc(e):
        return Expr.make(S.Association, sorted(e.args, key=lambda r: key(r.args[1])))
    return rebuild(e, sorted(e.args, key=key))


operator_form("SortBy")


@builtin(attributes="Flat OneIdentity")
def Union(ev, expr):
    """Union[l1, l2, ...]: the distinct elements of all, in canonical order."""
    args = expr.args
    if not args:
        return Expr(S.List)
    if any(isinstance(a, Atom) for a in args):
        bad = next(i for i, a in enumerate(args) if isinstance(a, Atom))
        ev.message("Union", "normal", Integer(bad + 1), expr)
        return None
    if all(isinstance(a, PackedArray) and a.array.ndim == 1 for a in args) and \
            len({a.array.dtype.kind == "f" for a in args}) == 1:
        return from_python(np.unique(np.concatenate([a.array for a in args])))
    distinct = dict.fromkeys(x for a in args for x in a.args)
    return rebuild(args[0], sorted(distinct, key=sort_key))


@builtin(argc=(1, 2))
def Tally(ev, expr):
    """Tally[list]: {{elem, count}, ...} for the distinct elements, in first-seen order."""
    e = expr.args[0]
    if not is_list(e):
        ev.message("Tally", "list", expr, Integer(1))
        return None
    counts: dict = {}
    for x in e.args:
        counts[x] = counts.get(x, 0) + 1
    return Expr.make(S.List, [Expr(S.List, x, Integer(n)) for x, n in counts.items()])
