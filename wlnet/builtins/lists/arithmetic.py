"""Arithmetic on whole lists: Total, Accumulate, Differences, Inner, Dot, Outer, with NumPy
fast paths for packed arrays."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ...expr import (Atom, Expr, Integer, PackedArray, S, String, Symbol, from_python, is_list,
                      pack)
from ...kernel.builtin import builtin
from ...kernel.limits import EXPR_BYTES, check_allocation
from ..common import INF, _is_infinity
from ..structure.levels import map_levels
from ..structure.parts import array_expr, elements, length, rebuild
from ..structure.shape import dimensions
from .rearrange import _flatten, _transpose_generic, nest


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


def _total_axes(spec, ndim: int):
    """The axes of an ndim-dimensional packed array that Total's level spec sums (n,
    {n}, {n1, n2}, negative levels counting from the last, Infinity), or None."""
    def level(v):
        return v + ndim + 1 if v < 0 else v
    if _is_infinity(spec):
        return tuple(range(ndim))
    if isinstance(spec, Integer):
        return tuple(range(min(max(level(spec.value), 0), ndim)))
    if is_list(spec) and 1 <= len(spec.args) <= 2 and \
            all(isinstance(x, Integer) for x in spec.args):
        lo, hi = (level(x.value) for x in (spec.args * 2)[:2])
        if 1 <= lo <= hi <= ndim:
            return tuple(range(lo - 1, hi))
    return None


def _compensated(a: np.ndarray, axes) -> np.ndarray | float:
    """Sum of a float array over axes with math.fsum (exactly rounded)."""
    moved = np.moveaxis(a, axes, tuple(range(len(axes)))).reshape(-1, *[
        a.shape[i] for i in range(a.ndim) if i not in axes])
    if moved.ndim == 1:
        return math.fsum(moved.tolist())
    flat = moved.reshape(moved.shape[0], -1)
    return np.array([math.fsum(col) for col in flat.T.tolist()]).reshape(moved.shape[1:])


@builtin(argc=(1, 2), options={"Method": S.Automatic, "AllowedHeads": S.Automatic},
         messages={"meth": "Method `1` should be Automatic or \"CompensatedSummation\"."},
         usage="Total[list] gives the sum of the elements of list.\nTotal[list, n] sums at "
               "the levels 1 through n, Total[list, {n}] at level n only, and Total[list, "
               "{n1, n2}] at the levels n1 through n2; negative levels count from the "
               "deepest.\nTotal[list, Method -> \"CompensatedSummation\"] sums machine reals "
               "with less rounding error.")
def Total(ev, expr):
    """NumPy sums packed arrays along the axes the level spec names; other expressions are
    added up with Plus, level by level."""
    split = ev.split_options(expr, "Total", first_option=1)
    if split is None:
        return None
    args, opts = split
    e = args[0]
    spec = args[1] if len(args) == 2 else Integer(1)
    method = opts["Method"]
    if method not in (S.Automatic, String("CompensatedSummation")):
        ev.message("Total", "meth", method)
        return None
    heads = opts["AllowedHeads"]
    if isinstance(e, Atom) or (heads not in (S.Automatic, S.All, S.Inherited) and
                               e.head not in (heads.args if is_list(heads) else (heads,))):
        return e
    if isinstance(e, PackedArray):
        axes = _total_axes(spec, e.array.ndim)
        if axes is not None and axes:
            if method != S.Automatic and e.array.dtype.kind == "f":
                return _array_result(_compensated(e.array, axes))
            return _array_result(_safe_int_sum(e.array, axes))
    if isinstance(spec, Integer) or _is_infinity(spec):
        n = spec.value if isinstance(spec, Integer) else INF
        if n < 1:
            return e
        return _plus_of(elements(e) if n == 1 else _flatten(e, n - 1, e.head))
    levels = [x.value for x in spec.args] if is_list(spec) and 1 <= len(spec.args) <= 2 and \
        all(isinstance(x, Integer) for x in spec.args) else None
    if levels is None or (len(levels) == 2 and (levels[0] < 0) != (levels[1] < 0)):
        ev.message("Total", "level", spec)
        return None
    if levels[0] < 0:                    # negative levels count list levels from the deepest
        deepest = _list_depth(e)
        levels = [deepest + 1 + v for v in levels]
    for n in range(levels[-1], max(levels[0], 1) - 1, -1):
        e = _total_level(ev, e, n)       # deepest level first: shallower ones stay put
    return e


def _list_depth(e) -> int:
    """How deeply lists nest in e (ragged lists count their deepest branch)."""
    if isinstance(e, PackedArray):
        return e.array.ndim
    return 1 + max((_list_depth(x) for x in e.args if is_list(x)), default=0)


def _total_level(ev, e, n: int):
    """e with the elements at level n (negative: counted from the deepest) added up."""
    return map_levels(e, lambda x, _: ev.evaluate(_plus_of(elements(x)))
                      if not isinstance(x, Atom) else x, n - 1, n - 1)


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


def _packed_moving_average(a, r, weights):
    """MovingAverage of a packed array in NumPy: reals directly; integers (with integer
    weights) as exact window sums over the weight total, when int64 cannot overflow;
    None otherwise (the general path)."""
    windows = np.lib.stride_tricks.sliding_window_view(a, r, axis=0)
    w = np.ones(r, dtype=np.int64) if weights is None else weights.array
    if a.dtype.kind == "f" or w.dtype.kind == "f":
        w = w.astype(np.float64)
        return from_python(np.tensordot(windows, w / w.sum(), axes=([-1], [0])))
    total = int(w.sum())
    if total == 0 or (a.size and int(np.abs(a).max()) * int(np.abs(w).sum()) >= 2**63):
        return None
    sums = np.tensordot(windows, w, axes=([-1], [0]))
    if total == 1:
        return from_python(sums)
    exact = [from_python(Fraction(int(x), total)) for x in sums.ravel()]
    return nest(exact, sums.shape)


@builtin(argc=2, messages={
    "arg2": "The second argument `1` of `2` should be a positive integer or a non-empty list "
            "of weights, no longer than the first argument."},
         usage="MovingAverage[list, r] gives the moving average of list, the means of "
               "successive runs of r elements.\nMovingAverage[list, {w1, w2, ..., wr}] "
               "weights the elements of each run by the wi.")
def MovingAverage(ev, expr):
    """MovingAverage[list, r] or [list, weights]: Length[list] - r + 1 (weighted) means of
    runs, exact for exact data; a packed real array is averaged in NumPy."""
    data, spec = expr.args
    if not is_list(data):
        ev.message("MovingAverage", "list", expr, Integer(1))
        return None
    n = length(data)
    if isinstance(spec, Integer) and 0 < spec.value <= n:
        r, weights = spec.value, None
    elif is_list(spec) and 0 < length(spec) <= n:
        r, weights = length(spec), spec
    else:
        ev.message("MovingAverage", "arg2", spec, expr)
        return None
    if isinstance(data, PackedArray) and (weights is None or isinstance(weights, PackedArray)):
        fast = _packed_moving_average(data.array, r, weights)
        if fast is not None:
            return fast
    items = elements(data)
    ws = [Integer(1)] * r if weights is None else list(elements(weights))
    scale = ev.evaluate(Expr(S.Power, Expr(S.Plus, *ws), Integer(-1)))
    return pack([ev.evaluate(Expr(S.Times, scale, Expr(S.Plus, *[
        Expr(S.Times, w, x) for w, x in zip(ws, items[i:i + r])])))
        for i in range(n - r + 1)])
