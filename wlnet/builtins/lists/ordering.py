"""Ordering lists: Sort, ReverseSort, SortBy, Ordering, Order, Union, Intersection,
Complement, Tally, in Wolfram's canonical order
or by an ordering function."""

from __future__ import annotations

import numpy as np

from ...expr import FALSE, TRUE, Atom, Expr, Integer, PackedArray, S, from_python, is_list, pack
from ...kernel.builtin import builtin
from ...kernel.ordering import sort_key
from ..common import operator_form
from ..structure.parts import elements, is_assoc, rebuild


# -- ordering ----------------------------------------------------------------------------


def in_order(ev, p):
    """Whether a comes before b by Wolfram's ordering function p: True or 1 (in order), 0
    (treated as the same: kept in order), False or -1 (out of order); any other value
    counts as in order."""
    def test(a, b):
        r = ev.evaluate(Expr(p, a, b))
        return not (r is FALSE or r == Integer(-1))
    return test


def merge_sort(items: list, before) -> list:
    """``items`` sorted by a merge sort that asks ``before(a, b)`` with a from the earlier
    run, as Wolfram's Sort does: equal elements keep their order exactly when ``before``
    says a pair of them is in order (GreaterEqual keeps it, Greater reverses it)."""
    if len(items) <= 1:
        return list(items)
    mid = len(items) // 2
    left, right = merge_sort(items[:mid], before), merge_sort(items[mid:], before)
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if before(left[i], right[j]):
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]


def _sorted_elements(ev, e, p=None, reverse=False):
    """e with its elements sorted (canonical order, or by the ordering function p), or
    in the reverse order with ties kept in place (ReverseSort)."""
    if isinstance(e, PackedArray) and e.array.ndim == 1 and p is None:
        order = descending_order(e.array) if reverse else np.argsort(e.array, kind="stable")
        return from_python(e.array[order])
    if is_assoc(e):
        rules = _sorted_by(ev, list(e.args), lambda r: r.args[1], p, reverse)
        return Expr.make(S.Association, rules)
    return rebuild(e, _sorted_by(ev, list(e.args), lambda x: x, p, reverse))


def descending_order(a: np.ndarray) -> np.ndarray:
    """The indices that sort a vector from largest to smallest, ties in their order (a
    stable sort of the reversed vector, read backwards; -a would overflow at -2^63)."""
    return len(a) - 1 - np.argsort(a[::-1], kind="stable")[::-1]


def _sorted_by(ev, items, value, p, reverse=False):
    """items ordered by value(item): canonical order, or the ordering function p; reverse
    uses the reversed order (p with its arguments swapped) and keeps ties in place."""
    if p is None:
        return sorted(items, key=lambda x: sort_key(value(x)), reverse=reverse)
    test = in_order(ev, p)
    if reverse:
        return merge_sort(items, lambda a, b: test(value(b), value(a)))
    return merge_sort(items, lambda a, b: test(value(a), value(b)))


@builtin(argc=(1, 2),
         usage="Sort[list] gives the elements of list in canonical order.\nSort[list, p] "
               "orders them by the ordering function p.")
def Sort(ev, expr):
    """Sort[list] in canonical order; Sort[list, p] with p[a, b] True when a comes first."""
    e = expr.args[0]
    if isinstance(e, Atom):
        ev.message("Sort", "normal", Integer(1), expr)
        return None
    return _sorted_elements(ev, e, expr.args[1] if len(expr.args) == 2 else None)


@builtin(argc=(1, 2),
         usage="ReverseSort[list] sorts the elements of list into reverse canonical order."
               "\nReverseSort[list, p] sorts them using the ordering function p.")
def ReverseSort(ev, expr):
    """ReverseSort[list]: Sort reversed, except that ties keep their order;
    ReverseSort[list, p] sorts with p's arguments swapped."""
    e = expr.args[0]
    if isinstance(e, Atom):
        ev.message("ReverseSort", "normal", Integer(1), expr)
        return None
    return _sorted_elements(ev, e, expr.args[1] if len(expr.args) == 2 else None, True)


@builtin(argc=(1, 3),
         usage="SortBy[list, f] sorts the elements of list in the order of the values "
               "f[elem].\nSortBy[list, {f1, f2, ...}] breaks ties with f2, ..., and "
               "SortBy[list, f, p] orders the values by p.")
def SortBy(ev, expr):
    """SortBy[list, f]: ordered by f[elem] (canonical order), ties by the elements;
    SortBy[list, {f1, f2}] breaks ties with f2; SortBy[list, f, p] orders the f[elem] by
    the ordering function p."""
    if len(expr.args) == 1:
        return None
    e, f = expr.args[:2]
    if isinstance(e, Atom):
        ev.message("SortBy", "normal", Integer(1), expr)
        return None
    if len(expr.args) == 3:
        values = {}

        def value(x):
            x = x.args[1] if is_assoc(e) else x
            if id(x) not in values:
                values[id(x)] = (x, ev.evaluate(Expr(f, x)))
            return values[id(x)][1]
        items = _sorted_by(ev, list(e.args), value, expr.args[2])
        return Expr.make(S.Association, items) if is_assoc(e) else rebuild(e, items)
    fs = f.args if is_list(f) else (f,)

    def key(x):
        return tuple(sort_key(ev.evaluate(Expr(g, x))) for g in fs) + (sort_key(x),)
    if is_assoc(e):
        return Expr.make(S.Association, sorted(e.args, key=lambda r: key(r.args[1])))
    return rebuild(e, sorted(e.args, key=key))


operator_form("SortBy")


@builtin(attributes="Flat OneIdentity",
         usage="Union[list1, list2, ...] gives the sorted list of the distinct elements of "
               "the listi.")
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


_HEADS = {"heads": "Heads `1` and `2` at positions `3` and `4` are expected to be the same."}


def _set_operands(ev, expr, name):
    """The list arguments and the SameTest of Intersection or Complement, or None after
    ``name::normal`` (an atom) or ``name::heads`` (two different heads)."""
    split = ev.split_options(expr, name)
    if split is None:
        return None
    args, opts = split
    for i, a in enumerate(args):
        if isinstance(a, Atom):
            ev.message(name, "normal", Integer(i + 1), expr)
            return None
        if a.head is not args[0].head:
            ev.message(name, "heads", args[0].head, a.head, Integer(1), Integer(i + 1))
            return None
    test = opts["SameTest"]
    return args, (None if test is S.Automatic else test)


def _distinct_sorted(ev, e, items, test):
    """The distinct items (by the SameTest test, or identity), in canonical order, with
    e's head."""
    if test is None:
        return rebuild(e, sorted(dict.fromkeys(items), key=sort_key))
    kept = []
    for x in sorted(items, key=sort_key):
        if not any(_same(ev, test, k, x) for k in kept):
            kept.append(x)
    return rebuild(e, kept)


def _same(ev, test, a, b) -> bool:
    return ev.evaluate(Expr(test, a, b)) is TRUE


def _contains(ev, test, e, x) -> bool:
    return any(_same(ev, test, y, x) for y in e.args) if test is not None else x in e.args


def _packed_vectors(args):
    """The arrays of args when all are packed vectors of one number kind, else None."""
    if all(isinstance(a, PackedArray) and a.array.ndim == 1 for a in args) and \
            len({a.array.dtype.kind == "f" for a in args}) == 1:
        return [a.array for a in args]
    return None


@builtin(attributes="Flat OneIdentity ReadProtected", options={"SameTest": S.Automatic},
         messages=_HEADS,
         usage="Intersection[list1, list2, ...] gives a sorted list of the elements common "
               "to all the listi.")
def Intersection(ev, expr):
    """Intersection[l1, l2, ...]: the distinct elements in every li, in canonical order;
    SameTest -> f decides which elements are the same (the first list's are kept)."""
    operands = _set_operands(ev, expr, "Intersection")
    if operands is None:
        return None
    args, test = operands
    if not args:
        return Expr(S.List)
    arrays = _packed_vectors(args) if test is None else None
    if arrays is not None:
        common = arrays[0]
        for a in arrays[1:]:
            common = np.intersect1d(common, a)
        common = np.unique(common) if len(arrays) == 1 else common   # intersect1d: unique
        return from_python(common) if common.size else Expr(S.List)
    items = [x for x in args[0].args if all(_contains(ev, test, a, x) for a in args[1:])]
    return _distinct_sorted(ev, args[0], items, test)


@builtin(argc=(1, None), attributes="ReadProtected", options={"SameTest": S.Automatic},
         messages=_HEADS,
         usage="Complement[eall, e1, e2, ...] gives the sorted elements of eall that are in "
               "none of the ei.")
def Complement(ev, expr):
    """Complement[all, e1, ...]: the distinct elements of all in none of the ei, in
    canonical order; SameTest -> f decides which elements are the same."""
    operands = _set_operands(ev, expr, "Complement")
    if operands is None:
        return None
    args, test = operands
    if not args:
        return None
    arrays = _packed_vectors(args) if test is None else None
    if arrays is not None:
        rest = np.concatenate(arrays[1:]) if len(arrays) > 1 else arrays[0][:0]
        left = np.setdiff1d(arrays[0], rest)
        return from_python(left) if left.size else Expr(S.List)
    items = [x for x in args[0].args if not any(_contains(ev, test, a, x) for a in args[1:])]
    return _distinct_sorted(ev, args[0], items, test)


@builtin(argc=(1, 2),
         usage="Tally[list] gives a list of the distinct elements of list with how often "
               "each occurs, {{elem, count}, ...}.")
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


@builtin(argc=2, usage="Order[a, b] gives 1 if a comes before b in canonical order, -1 if "
                       "it comes after, and 0 if they are the same.")
def Order(ev, expr):
    a, b = (sort_key(x) for x in expr.args)
    return Integer(0 if a == b else 1 if a < b else -1)


@builtin(argc=(1, 3), usage="Ordering[list] gives the positions in list of the elements of "
                            "Sort[list], in order.\nOrdering[list, n] gives the first n of "
                            "them, and Ordering[list, -n] the last n.\nOrdering[list, n, p] "
                            "orders by the ordering function p.")
def Ordering(ev, expr):
    """Positions of the sorted elements (Key[k] for an association's values); equal
    elements keep their order (a stable sort), NumPy's argsort for a packed vector."""
    e = expr.args[0]
    if isinstance(e, Atom):
        ev.message("Ordering", "normal", Integer(1), expr)
        return None
    p = expr.args[2] if len(expr.args) == 3 else None
    if isinstance(e, PackedArray) and e.array.ndim == 1 and p is None:
        positions = from_python(np.argsort(e.array, kind="stable") + 1)
    else:
        items = list(enumerate(elements(e), 1))
        ordered = _sorted_by(ev, items, lambda x: x[1], p)
        keys = [Expr(S.Key, r.args[0]) for r in e.args] if is_assoc(e) else None
        positions = pack([keys[i - 1] if keys else Integer(i) for i, _ in ordered])
    if len(expr.args) == 1 or expr.args[1] is S.All:
        return positions
    return Expr(S.Take, positions, expr.args[1])
