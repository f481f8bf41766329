"""Padding and rotating lists: PadLeft, PadRight, RotateLeft, RotateRight.

Padding follows Wolfram's model: cyclic copies of the padding are laid down over the whole
result, and the list is put on top of them. PadRight anchors the padding at the list's
first position (x1 under the first element), PadLeft at its last (xs under the last
element); since both anchors depend only on n and the margin, a padded position's value
does not depend on the list, which makes the nested case a plain recursion.
"""

from __future__ import annotations

import numpy as np

from ...expr import Atom, Expr, Integer, PackedArray, Real, S, from_python, is_list, pack
from ...kernel.builtin import builtin
from ...kernel.limits import EXPR_BYTES, check_allocation
from ..structure.parts import elements, length


def _ints(spec):
    """The Python ints of an integer or a list of integers, else None."""
    items = spec.args if is_list(spec) else (spec,)
    if not items or not all(isinstance(x, Integer) for x in items):
        return None
    return [x.value for x in items]


def _full_dims(e) -> list[int]:
    """The largest length at each level down to where the elements stop being lists:
    the dimensions PadRight[list] fills a ragged array to."""
    dims, level = [], [e]
    while level and all(isinstance(x, Expr) and not isinstance(x, Atom) for x in level):
        dims.append(max(length(x) for x in level))
        level = [y for x in level for y in elements(x)]
    return dims


def _block(padding, k):
    """The padding as a k-dimensional cyclic block (a function of index tuples), or None
    when a list padding is not a rectangular array of depth k or more."""
    if not is_list(padding):
        return lambda index: padding
    if k == 1:
        items = elements(padding)
        return (lambda index: items[index[0] % len(items)]) if items else None
    rows = elements(padding)
    if not rows or not all(is_list(r) for r in rows):
        return None
    subs = [_block(r, k - 1) for r in rows]
    if None in subs:
        return None
    return lambda index: subs[index[0] % len(subs)](index[1:])


def _pad(e, plan, block, index=()):
    """e padded by plan, one (n, margin, left) per level; block gives padding values."""
    n, margin, left = plan[0]
    items = elements(e) if not isinstance(e, Atom) else ()
    start = n - margin - len(items) if left else margin
    anchor = n - margin if left else margin
    out = []
    for i in range(n):
        j = i - start
        if 0 <= j < len(items):
            x = items[j]
            out.append(_pad(x, plan[1:], block, index + (i - anchor,)) if len(plan) > 1 else x)
        elif len(plan) > 1:
            out.append(_padding_only(plan[1:], block, index + (i - anchor,)))
        else:
            out.append(block(index + (i - anchor,)))
    head = e.head if isinstance(e, Expr) else S.List
    return pack(out) if head is S.List else Expr.make(head, out)


def _padding_only(plan, block, index):
    return _pad(Expr(S.List), plan, block, index)


def _packed_pad(arr, plan, value):
    """The NumPy form of _pad for a packed array padded with a number of its own type."""
    shape = tuple(n for n, _, _ in plan) + arr.shape[len(plan):]
    out = np.full(shape, value, dtype=arr.dtype)
    src, dst = [], []
    for (n, margin, left), size in zip(plan, arr.shape):
        start = n - margin - size if left else margin
        lo, hi = max(start, 0), min(start + size, n)
        if lo >= hi:
            return out
        dst.append(slice(lo, hi))
        src.append(slice(lo - start, hi - start))
    out[tuple(dst)] = arr[tuple(src)]
    return out


def _padder(name, left):
    def pad(ev, expr):
        e = expr.args[0]
        if isinstance(e, Atom):
            ev.message(name, "normal", Integer(1), expr)
            return None
        spec = expr.args[1] if len(expr.args) > 1 else S.Automatic
        padding = expr.args[2] if len(expr.args) > 2 else Integer(0)
        dims = _full_dims(e) if spec is S.Automatic else _ints(spec)
        if dims is None:
            ev.message(name, "ilsmn", expr, Integer(2))
            return None
        margins = _ints(expr.args[3]) if len(expr.args) > 3 else [0] * len(dims)
        if margins is None or len(margins) not in (1, len(dims)):
            ev.message(name, "ilsmn", expr, Integer(4))
            return None
        margins = margins * len(dims) if len(margins) == 1 else margins
        if padding == Expr(S.List):
            return e
        if not dims:
            return e
        plan = [(abs(n), m, left != (n < 0)) for n, m in zip(dims, margins)]
        size = int(np.prod([abs(n) for n in dims], dtype=object))
        if isinstance(e, PackedArray) and len(plan) <= e.array.ndim and \
                type(padding) is (Real if e.array.dtype.kind == "f" else Integer):
            check_allocation(ev, expr, size * int(np.prod(e.array.shape[len(plan):])))
            return from_python(_packed_pad(e.array, plan, padding.value))
        check_allocation(ev, expr, size, EXPR_BYTES)
        block = _block(padding, len(plan))
        if block is None:
            ev.message(name, "padlist", padding, Integer(len(plan)))
            return None
        return _pad(e, plan, block)
    return pad


_PAD_MESSAGES = {"padlist": "Padding `1` is not a list of depth `2` or a non-list element."}

PadLeft = builtin("PadLeft", argc=(1, 4), messages=_PAD_MESSAGES,
                  usage="PadLeft[list, n] makes a list of length n by padding list with "
                        "zeros on the left.\nPadLeft[list, n, x] pads with x, and "
                        "PadLeft[list, n, {x1, x2, ...}] cyclically with the xi.\n"
                        "PadLeft[list, n, padding, m] leaves a margin of m on the right.\n"
                        "PadLeft[list, {n1, n2, ...}] makes a nested list with length ni at "
                        "level i.\nPadLeft[list] pads a ragged array with zeros to make it "
                        "full.")(_padder("PadLeft", left=True))
PadRight = builtin("PadRight", argc=(1, 4), messages=_PAD_MESSAGES,
                   usage="PadRight[list, n] makes a list of length n by padding list with "
                         "zeros on the right.\nPadRight[list, n, x] pads with x, and "
                         "PadRight[list, n, {x1, x2, ...}] cyclically with the xi.\n"
                         "PadRight[list, n, padding, m] leaves a margin of m on the left.\n"
                         "PadRight[list, {n1, n2, ...}] makes a nested list with length ni "
                         "at level i.\nPadRight[list] pads a ragged array with zeros to make "
                         "it full.")(_padder("PadRight", left=False))


# -- rotating ----------------------------------------------------------------------------


def _rotate(e, shifts):
    """e with the elements at level k cycled shifts[k] places to the left (an
    association's rules, keys with their values)."""
    if isinstance(e, Atom) or not shifts:
        return e
    items = list(e.args)
    if items:
        k = shifts[0] % len(items)
        items = items[k:] + items[:k]
    if len(shifts) > 1:
        items = [_rotate(x, shifts[1:]) for x in items]
    return pack(items) if e.head is S.List else Expr.make(e.head, items)


def _rotator(name, sign):
    def rotate(ev, expr):
        e = expr.args[0]
        if isinstance(e, Atom):
            ev.message(name, "normal", Integer(1), expr)
            return None
        shifts = _ints(expr.args[1]) if len(expr.args) == 2 else [1]
        if shifts is None:
            return None
        shifts = [sign * s for s in shifts]
        if isinstance(e, PackedArray) and len(shifts) <= e.array.ndim:
            return from_python(np.roll(e.array, [-s for s in shifts],
                                       axis=tuple(range(len(shifts)))))
        return _rotate(e, shifts)
    return rotate


RotateLeft = builtin("RotateLeft", argc=(1, 2),
                     usage="RotateLeft[expr, n] cycles the elements of expr n positions to "
                           "the left.\nRotateLeft[expr] cycles one position.\n"
                           "RotateLeft[expr, {n1, n2, ...}] cycles ni positions at level i."
                     )(_rotator("RotateLeft", 1))
RotateRight = builtin("RotateRight", argc=(1, 2),
                      usage="RotateRight[expr, n] cycles the elements of expr n positions "
                            "to the right.\nRotateRight[expr] cycles one position.\n"
                            "RotateRight[expr, {n1, n2, ...}] cycles ni positions at level "
                            "i.")(_rotator("RotateRight", -1))
