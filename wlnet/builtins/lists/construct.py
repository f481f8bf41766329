"""Constructing lists: Range, Table, Array, ConstantArray; and Sum and Product, which
iterate as Table does."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ...expr import Expr, Integer, PackedArray, Real, S, from_python, is_list, pack
from ...kernel.builtin import builtin, declare
from ...kernel.limits import EXPR_BYTES, check_allocation
from ..control.iterators import BadIterator, iterations
from ..numbers.numeric import number_value
from .arithmetic import _leaf_count


# -- construction ------------------------------------------------------------------------

declare("Nothing", usage="Nothing is an element that is removed from any list it is in: "
                         "{a, Nothing, b} is {a, b}.")


@builtin(attributes="Listable", argc=(1, 3),
         messages={"range": "Range specification in `1` does not have appropriate bounds."},
         usage="Range[imax] gives the list {1, 2, ..., imax}.\nRange[imin, imax] "
               "starts at imin, and Range[imin, imax, di] uses steps di.")
def Range(ev, expr):
    """Range[n], Range[a, b], Range[a, b, d]: a packed list when the numbers are machine
    integers or reals."""
    nums = [number_value(a) for a in expr.args]
    if None in nums:
        return _symbolic_range(ev, expr)
    if len(nums) == 1:
        a, b, d = 1, nums[0], 1
    else:
        a, b = nums[0], nums[1]
        d = nums[2] if len(nums) == 3 else 1
    if d == 0:
        ev.message("Range", "range", expr)
        return None
    real = any(isinstance(x, float) for x in (a, d))
    try:        # machine-real bounds too far apart to count overflow (or give NaN)
        span = (b - a) / d
        count = math.floor(span + 1e-10 * max(1.0, abs(span))) + 1 \
            if isinstance(span, float) else math.floor(Fraction(b - a) / Fraction(d)) + 1
    except (OverflowError, ValueError):
        ev.message("Range", "range", expr)
        return None
    if count <= 0:
        return Expr(S.List)
    check_allocation(ev, expr, count)
    if real:
        return from_python(a + np.arange(count, dtype=np.float64) * d)
    if isinstance(a, int) and isinstance(d, int) and \
            max(abs(a), abs(a + (count - 1) * d)) < 2**63:
        return from_python(np.arange(count, dtype=np.int64) * d + a)
    return pack([from_python(a + k * d) for k in range(count)])


def _symbolic_range(ev, expr):
    """Range[x, x + 4] and the like: bounds that are not numbers but whose difference,
    in steps, is one: {x, 1 + x, ...}."""
    if len(expr.args) == 1:
        ev.message("Range", "range", expr)
        return None
    a, b = expr.args[:2]
    d = expr.args[2] if len(expr.args) == 3 else Integer(1)
    steps = number_value(ev.evaluate(Expr(S.Times, Expr(S.Plus, b, Expr(S.Times, Integer(-1), a)),
                                          Expr(S.Power, d, Integer(-1)))))
    if steps is None:
        ev.message("Range", "range", expr)
        return None
    count = math.floor(steps) + 1
    if count <= 0:
        return Expr(S.List)
    check_allocation(ev, expr, count, EXPR_BYTES)
    return pack([ev.evaluate(Expr(S.Plus, a, Expr(S.Times, Integer(k), d)))
                 for k in range(count)])


def _table(ev, expr, body, specs, outer=1):
    """The nested rows; ``outer`` is the number of rows already being built around this
    level, so the guard sees the total element count of the result."""
    if not specs:
        return ev.evaluate(body)
    counts = []

    def guard(count):
        check_allocation(ev, expr, outer * count, EXPR_BYTES)
        counts.append(count)
    rows = [_table(ev, expr, body, specs[1:], outer * counts[0])
            for _ in iterations(ev, expr, specs[:1], guard)]
    return pack(rows)


@builtin(attributes="HoldAll", argc=(1, None),
         usage="Table[expr, n] gives a list of n copies of expr.\nTable[expr, {i, imax}] "
               "gives the values of expr for i from 1 to imax; {i, imin, imax}, {i, imin, "
               "imax, di} and {i, {i1, i2, ...}} give other values of i.\nTable[expr, {i, "
               "...}, {j, ...}, ...] gives a nested list, i outermost.")
def Table(ev, expr):
    """Table[body, iterators...]: body evaluated for each value of each iterator (bound as
    Block binds them); numeric results come back packed."""
    if len(expr.args) == 1:
        return ev.evaluate(expr.args[0])
    try:
        return _table(ev, expr, expr.args[0], expr.args[1:])
    except BadIterator:
        return None


def _fold_iterations(ev, expr, head, body, specs):
    """head (Plus or Times) of body over every value of the iterators, innermost first."""
    if not specs:
        return ev.evaluate(body)
    terms = [_fold_iterations(ev, expr, head, body, specs[1:])
             for _ in iterations(ev, expr, specs[:1])]
    return ev.evaluate(Expr.make(head, terms))


def _iterated(name, head, usage):
    """Register Sum or Product: head (Plus or Times) of f over the iterators of Table."""
    def function(ev, expr):
        try:
            return _fold_iterations(ev, expr, head, expr.args[0], expr.args[1:])
        except BadIterator:
            return None
    function.__name__ = name
    builtin(name, attributes="HoldAll", argc=(2, None), usage=usage)(function)


_iterated("Sum", S.Plus, "Sum[f, {i, imax}] gives the sum of f for i from 1 to imax.\n"
          "Sum[f, {i, imin, imax}], Sum[f, {i, imin, imax, di}] and Sum[f, {i, {i1, i2, "
          "...}}] use the iterators of Table.\nSum[f, {i, ...}, {j, ...}, ...] sums over "
          "several indices, the last innermost.")
_iterated("Product", S.Times, "Product[f, {i, imax}] gives the product of f for i from 1 to "
          "imax.\nProduct[f, {i, imin, imax, di}], Product[f, {i, {i1, ...}}] and several "
          "iterators work as in Sum.")


def _dims_arg(spec):
    """Non-negative integer dimensions from n or {n1, n2, ...}, else None."""
    items = spec.args if is_list(spec) else (spec,)
    if items and all(isinstance(x, Integer) and x.value >= 0 for x in items):
        return [x.value for x in items]
    return None


def _array(ev, f, dims, origins, index=()):
    if not dims:
        return ev.evaluate(Expr.make(f, [Integer(i) for i in index]))
    ev.check_abort()
    return pack([_array(ev, f, dims[1:], origins[1:], index + (origins[0] + k,))
                 for k in range(dims[0])])


@builtin(argc=(2, 3),
         usage="Array[f, n] gives the list {f[1], f[2], ..., f[n]}.\nArray[f, {n1, n2, "
               "...}] gives a nested array of f[i1, i2, ...], and Array[f, dims, origin] "
               "starts the indices at origin.")
def Array(ev, expr):
    """Array[f, n] is {f[1], ..., f[n]}; Array[f, {n1, n2}] nests; a third argument gives
    the starting index (or one per dimension)."""
    f = expr.args[0]
    dims = _dims_arg(expr.args[1])
    if dims is None:
        ev.message("Array", "ilsmn", expr, Integer(2))
        return None
    origins = [1] * len(dims)
    if len(expr.args) == 3:
        given = expr.args[2].args if is_list(expr.args[2]) else (expr.args[2],) * len(dims)
        if len(given) != len(dims) or not all(isinstance(x, Integer) for x in given):
            return None
        origins = [x.value for x in given]
    check_allocation(ev, expr, math.prod(dims), EXPR_BYTES)
    return _array(ev, f, dims, origins)


@builtin(argc=2,
         usage="ConstantArray[c, n] gives a list of n copies of c.\nConstantArray[c, {n1, "
               "n2, ...}] gives an array of those dimensions.")
def ConstantArray(ev, expr):
    """ConstantArray[c, n] or ConstantArray[c, {n1, n2, ...}]: packed when c is a number."""
    c, dims = expr.args[0], _dims_arg(expr.args[1])
    if dims is None:
        ev.message("ConstantArray", "ilsmn", expr, Integer(2))
        return None
    check_allocation(ev, expr, math.prod(dims) * max(1, _leaf_count(c, S.List)))
    if 0 not in dims:
        if isinstance(c, (Integer, Real)) and (isinstance(c, Real) or abs(c.value) < 2**63):
            return from_python(np.full(dims, c.value, dtype=np.float64 if isinstance(c, Real)
                                       else np.int64))
        if isinstance(c, PackedArray):
            return from_python(np.broadcast_to(c.array, tuple(dims) + c.array.shape).copy())
    value = c
    for n in reversed(dims):
        value = Expr.make(S.List, (value,) * n)
    return value


@builtin(argc=(1, 2), options={"WorkingPrecision": S.Infinity},
         messages={"nokun": "There is no unit vector in direction `1` in `2` dimensions."},
         usage="UnitVector[k] gives the two-dimensional unit vector in the k-th "
               "direction.\nUnitVector[n, k] gives the n-dimensional unit vector in the k-th "
               "direction.")
def UnitVector(ev, expr):
    """UnitVector[n, k]: a packed vector of n zeros with a 1 at k (exact integers, or
    machine reals with a finite WorkingPrecision)."""
    split = ev.split_options(expr, "UnitVector")
    if split is None:
        return None
    args, opts = split
    n, k = (Integer(2), args[0]) if len(args) == 1 else args
    for pos, a in ((1, n), (len(args), k)):
        if not (isinstance(a, Integer) and a.value > 0):
            ev.message("UnitVector", "intp", expr, Integer(pos))
            return None
    if k.value > n.value:
        ev.message("UnitVector", "nokun", k, n)
        return None
    check_allocation(ev, expr, n.value)
    exact = opts["WorkingPrecision"] is S.Infinity
    vector = np.zeros(n.value, dtype=np.int64 if exact else np.float64)
    vector[k.value - 1] = 1
    return from_python(vector)


@builtin(argc=(1, 3),
         usage="Subdivide[n] gives the list {0, 1/n, 2/n, ..., 1}.\nSubdivide[xmax, n] "
               "divides the interval from 0 to xmax into n equal parts.\nSubdivide[xmin, "
               "xmax, n] divides the interval from xmin to xmax into n equal parts.")
def Subdivide(ev, expr):
    """Subdivide[xmin, xmax, n]: the n + 1 values xmin + (xmax - xmin) k / n, exact for
    exact bounds, a packed real vector for machine reals, and symbolic bounds as
    ((n - k) xmin + k xmax) / n, the form Wolfram prints."""
    *bounds, n = expr.args
    if not (isinstance(n, Integer) and n.value > 0):
        ev.message("Subdivide", "intp", expr, Integer(len(expr.args)))
        return None
    lo, hi = ([Integer(0), Integer(1)] if not bounds else
              [Integer(0), bounds[0]] if len(bounds) == 1 else bounds)
    a, b = number_value(lo), number_value(hi)
    if (isinstance(a, float) or isinstance(b, float)) and a is not None and b is not None:
        check_allocation(ev, expr, n.value + 1)
        return from_python(a + (b - a) * np.arange(n.value + 1) / n.value)
    check_allocation(ev, expr, n.value + 1, EXPR_BYTES)
    if a is not None and b is not None:
        return pack([from_python(a + Fraction(b - a) * k / n.value) for k in range(n.value + 1)])
    return pack([ev.evaluate(Expr(S.Plus, Expr(S.Times, from_python(Fraction(n.value - k, n.value)),
                                               lo),
                                  Expr(S.Times, from_python(Fraction(k, n.value)), hi)))
                 for k in range(n.value + 1)])
