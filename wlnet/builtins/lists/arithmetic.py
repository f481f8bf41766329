"""Arithmetic on whole lists: Total, Accumulate, Differences, Inner, Dot, Outer, with NumPy
fast paths for packed arrays."""

from __future__ import annotations

import math

import numpy as np

from ...expr import Atom, Expr, Integer, PackedArray, S, Symbol, from_python, is_list, pack
from ...kernel.builtin import builtin
from ...kernel.limits import EXPR_BYTES, check_allocation
from ..common import INF, _is_infinity
from ..structure.levels import map_levels
from ..structure.parts import array_expr, elements, length, rebuild
from ..structure.shape import dimensions
from .rearrange import _flatten, _transpose_generic


# -- arithmetic on lists -----------------------------------------------------------------


def _safe_int_sum(arr: np.ndarray, axis) -> np.ndarray | object:
    """Sum of an int64 array that falls back to Python integers instead of overflowing."""
    if arr.dtype.kind == "i" and arr.size:
        count = arr.size if axis is None else np.prod([arr.shape[a] for a in np.atleast_1d(axis)])
        if int(np.abs(arr).max()) * int(count) >= 2**63:
            return arr.astype(object).sum(axis=axis)
    return arr.sum(axis=axis)


def _array_result(value):
    """An expression for a NumPy result (object arrays hold big Python ints)."""
    if isinstance(value, np.ndarray) and value.dtype == object:
        return from_python(value.tolist())
    return from_python(value)


def _plus_of(items):
    return Expr.make(S.Plus, items)


@builtin(argc=(1, 2),
         usage="Total[list] gives the sum of the elements of list.\nTotal[list, n] sums at "
               "the levels 1 through n, and Total[list, {n}] at level n only.")
def Total(ev, expr):
    """Total[list] sums the elements; Total[list, n] sums levels 1..n; Total[list, {n}]
    only level n. Packed arrays are summed by NumPy."""
    e = expr.args[0]
    spec = expr.args[1] if len(expr.args) == 2 else Integer(1)
    if isinstance(e, Atom):
        return e
    if isinstance(spec, Integer) or _is_infinity(spec):
        n = spec.value if isinstance(spec, Integer) else INF
        exact_level = False
    elif is_list(spec) and len(spec.args) == 1 and isinstance(spec.args[0], Integer):
        n, exact_level = spec.args[0].value, True
    else:
        ev.message("Total", "level", spec)
        return None
    if isinstance(e, PackedArray) and 1 <= n and (not exact_level or n <= e.array.ndim):
        axes = (n - 1,) if exact_level else tuple(range(int(min(n, e.array.ndim))))
        return _array_result(_safe_int_sum(e.array, axes))
    if n < 1:
        return e
    if exact_level:
        return map_levels(e, lambda x, _: _plus_of(elements(x)) if not isinstance(x, Atom)
                          else x, n - 1, n - 1)
    return _plus_of(elements(e) if n == 1 else _flatten(e, n - 1, e.head))


@builtin(argc=1,
         usage="Accumulate[list] gives the running totals {a, a + b, a + b + c, ...} of "
               "the elements of list.")
def Accumulate(ev, expr):
    """Accumulate[list]: running totals {a, a + b, a + b + c, ...}."""
    e = expr.args[0]
    if isinstance(e, PackedArray):
        a = e.array
        if a.dtype.kind == "i" and a.size and int(np.abs(a).max()) * a.shape[0] >= 2**63:
            a = a.astype(object)
        return _array_result(np.cumsum(a, axis=0))
    if isinstance(e, Atom):
        ev.message("Accumulate", "normal", Integer(1), expr)
        return None
    out, total = [], None
    for x in e.args:
        total = x if total is None else ev.evaluate(Expr(S.Plus, total, x))
        out.append(total)
    return rebuild(e, out)


class _Mismatch(Exception):
    """Tensors whose contracted dimensions differ."""


def _inner(ev, f, a, b, g):
    """Inner[f, a, b, g]: contract the last index of a with the first index of b."""
    if a.args and is_list(a.args[0]):
        return pack([_inner(ev, f, row, b, g) for row in a.args])
    if len(a.args) != length(b):
        raise _Mismatch()
    if b.args and is_list(b.args[0]):
        columns = _transpose_generic(b, dimensions(b, 2), [1, 0]) \
            if len(dimensions(b, 2)) == 2 else None
        if columns is None:
            raise _Mismatch()
        return pack([_inner(ev, f, a, col, g) for col in columns.args])
    return ev.evaluate(Expr.make(g, [Expr(f, x, y) for x, y in zip(a.args, b.args)]))


@builtin(argc=(3, 4), messages={"incom": "Length `1` of dimension `2` in `3` is incompatible "
                                         "with length `4` of dimension `5` in `6`."},
         usage="Inner[f, list1, list2, g] is the "
               "generalization of Dot in which f "
               "takes the place of Times and g of "
               "Plus.\nInner[f, list1, list2] "
               "uses Plus for g.")
def Inner(ev, expr):
    """Inner[f, a, b, g] generalises Dot: g of f applied to paired elements (g = Plus)."""
    f, a, b = expr.args[:3]
    g = expr.args[3] if len(expr.args) == 4 else S.Plus
    if not (is_list(a) and is_list(b)):
        return None
    try:
        return _inner(ev, f, a, b, g)
    except _Mismatch:
        da, db = dimensions(a), dimensions(b)
        ev.message("Inner", "incom", Integer(da[-1]), Integer(len(da)), a, Integer(db[0]),
                   Integer(1), b)
        return None


def _packed_dot(a: np.ndarray, b: np.ndarray):
    if a.dtype.kind == "i" and b.dtype.kind == "i" and a.size and b.size and \
            int(np.abs(a).max()) * int(np.abs(b).max()) * a.shape[-1] >= 2**63:
        return np.dot(a.astype(object), b.astype(object))
    return np.dot(a, b)


@builtin(attributes="Flat OneIdentity",
         usage="a . b or Dot[a, b] gives the product of the vectors, matrices or tensors a "
               "and b, summing over the last index of a and the first of b.")
def Dot(ev, expr):
    """a . b: contract the last index of a with the first of b (vectors, matrices, tensors);
    NumPy for packed arrays, Inner[Times, a, b, Plus] otherwise."""
    args = expr.args
    if len(args) == 1:
        return args[0]
    if not args or not all(is_list(a) for a in args):
        return None
    result = args[0]
    for b in args[1:]:
        if isinstance(result, PackedArray) and isinstance(b, PackedArray):
            if result.array.shape[-1] != b.array.shape[0]:
                ev.message("Dot", "dotsh", result, b)
                return None
            result = _array_result(_packed_dot(result.array, b.array))
            continue
        try:
            result = _inner(ev, S.Times, result, b, S.Plus)
        except _Mismatch:
            ev.message("Dot", "dotsh", result, b)
            return None
    return result


_OUTER_UFUNCS = {"Times": np.multiply, "Plus": np.add}


@builtin(argc=(2, None),
         usage="Outer[f, list1, list2, ...] gives f applied to every combination of "
               "elements of the listi, nested as the lists are.")
def Outer(ev, expr):
    """Outer[f, l1, l2, ...]: f applied to every combination of the lists' elements (at all
    levels), nested like the lists; Times and Plus of packed arrays go through NumPy."""
    f, lists = expr.args[0], expr.args[1:]
    if not all(isinstance(x, Expr) for x in lists):
        return None
    check_allocation(ev, expr, math.prod(_leaf_count(x, lists[0].head) for x in lists),
                     EXPR_BYTES)
    if isinstance(f, Symbol) and f.name in _OUTER_UFUNCS and len(lists) == 2 and \
            all(isinstance(x, PackedArray) and x.array.dtype.kind == "f" for x in lists):
        return from_python(_OUTER_UFUNCS[f.name].outer(lists[0].array, lists[1].array))
    return _outer(lists[0].head, f, lists, ())


def _leaf_count(x, head) -> int:
    """How many elements a nest of ``head`` expressions (a tensor, for List) holds at
    its bottom: 1 for anything else."""
    if isinstance(x, PackedArray) and head is S.List:
        return x.array.size
    if isinstance(x, Expr) and x.head is head:
        return sum(_leaf_count(y, head) for y in x.args)
    return 1


def _outer(head, f, lists, chosen):
    if not lists:
        return Expr.make(f, chosen)

    def spread(x):
        if isinstance(x, Expr) and x.head is head:
            return Expr.make(head, [spread(y) for y in x.args])
        return _outer(head, f, lists[1:], chosen + (x,))
    return spread(lists[0])


@builtin(argc=(1, 2), usage="Differences[list] gives the successive differences {b - a, "
                            "c - b, ...} of the elements of list.\nDifferences[list, n] "
                            "gives the n-th differences.")
def Differences(ev, expr):
    e = expr.args[0]
    n = expr.args[1] if len(expr.args) == 2 else Integer(1)
    if isinstance(e, Atom):
        ev.message("Differences", "list", expr, Integer(1))
        return None
    if not isinstance(n, Integer) or n.value < 0:
        ev.message("Differences", "intnn", expr, Integer(2))
        return None
    for _ in range(n.value):
        if isinstance(e, PackedArray) and e.array.dtype.kind == "f":
            e = array_expr(np.diff(e.array, axis=0))
            continue
        items = elements(e)
        e = ev.evaluate(rebuild(e, [Expr(S.Subtract, b, a) for a, b in zip(items, items[1:])]))
    return e
