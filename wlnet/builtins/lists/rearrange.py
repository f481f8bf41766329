"""Rearranging and restructuring lists: Flatten, Partition, Transpose, Reverse, Riffle,
Subsets, Permutations, ArrayReshape, Tuples."""

from __future__ import annotations

import math
from itertools import combinations, islice, permutations, product

import numpy as np

from ...expr import Atom, Expr, Integer, PackedArray, Real, S, from_python, is_list, pack
from ...kernel.builtin import builtin
from ...kernel.limits import EXPR_BYTES, check_allocation
from ..common import INF, _is_infinity
from ..structure.parts import elements, is_assoc, length, rebuild
from ..structure.shape import dimensions


def _flatten(e, n, head):
    """Elements of e with sublists of the given head spliced in, n levels deep."""
    out = []
    for x in e.args:
        if n > 0 and isinstance(x, Expr) and x.head is head:
            out.extend(_flatten(x, n - 1, head))
        else:
            out.append(x)
    return out


@builtin(argc=(1, 3),
         usage="Flatten[list] gives list with all nested lists flattened "
               "out.\nFlatten[list, n] flattens n levels, and Flatten[list, n, h] flattens "
               "expressions with head h.")
def Flatten(ev, expr):
    """Flatten[list], Flatten[list, n], Flatten[list, n, h]: nested lists (or h's) spliced
    into one; a packed array is just reshaped."""
    e = expr.args[0]
    if isinstance(e, Atom):
        ev.message("Flatten", "normal", Integer(1), expr)
        return None
    n = INF
    if len(expr.args) >= 2:
        spec = expr.args[1]
        if not (isinstance(spec, Integer) or _is_infinity(spec)):
            return None
        n = spec.value if isinstance(spec, Integer) else INF
    head = expr.args[2] if len(expr.args) == 3 else e.head
    if isinstance(e, PackedArray) and head is S.List:
        keep = int(min(n + 1, e.array.ndim))
        return from_python(e.array.reshape((-1,) + e.array.shape[keep:]))
    return Expr.make(e.head, _flatten(e, n, head)) if e.head is not S.List else \
        pack(_flatten(e, n, head))


@builtin(argc=(2, 3),
         usage="Partition[list, n] splits list into sublists of length n, dropping a "
               "shorter end.\nPartition[list, n, d] starts a sublist every d elements.")
def Partition(ev, expr):
    """Partition[list, n] or Partition[list, n, d]: sublists of length n at offsets d
    (default n); a shorter tail is dropped."""
    e = expr.args[0]
    sizes = [a.value if isinstance(a, Integer) and a.value > 0 else None for a in expr.args[1:]]
    if None in sizes:
        bad = 2 + sizes.index(None)
        ev.message("Partition", "ilsmn", expr, Integer(bad))
        return None
    if isinstance(e, Atom):
        ev.message("Partition", "normal", Integer(1), expr)
        return None
    n, d = sizes[0], sizes[-1]
    starts = range(0, length(e) - n + 1, d)
    if isinstance(e, PackedArray):
        if not len(starts):
            return Expr(S.List)
        windows = np.lib.stride_tricks.sliding_window_view(e.array, n, axis=0)[::d]
        return from_python(np.moveaxis(windows, -1, 1))
    return Expr.make(e.head, [Expr.make(e.head, e.args[i:i + n]) for i in starts])


@builtin(argc=(1, 2), messages={"nmtx": "The first two levels of `1` cannot be transposed.",
                                "perm": "`1` is not a permutation of the levels of `2`."},
         usage="Transpose[m] gives the transpose of the "
               "matrix m.\nTranspose[t, {n1, n2, ...}] "
               "makes level k of t level nk of the result.")
def Transpose(ev, expr):
    """Transpose[m] swaps the first two levels; Transpose[t, perm] sends level k to level
    perm[[k]]. Packed arrays are transposed by NumPy (a view)."""
    e = expr.args[0]
    dims = dimensions(e)
    perm = list(range(1, len(dims) + 1))
    if len(dims) >= 2:
        perm[0], perm[1] = 2, 1
    if len(expr.args) == 2:
        given = _permutation(expr.args[1], len(dims))
        if given is None:
            ev.message("Transpose", "perm", expr.args[1], e)
            return None
        perm = given + list(range(len(given) + 1, len(dims) + 1))
    if is_list(e) and len(dims) == 1 and len(expr.args) == 1 and \
            not any(is_list(x) for x in e.args):
        return e
    if not is_list(e) or len(dims) < 2:
        ev.message("Transpose", "nmtx", e)
        return None
    axes = [perm.index(k + 1) for k in range(len(perm))]   # output axis k comes from input axis
    if isinstance(e, PackedArray):
        return from_python(np.transpose(e.array, axes + list(range(len(axes), e.array.ndim))))
    return _transpose_generic(e, dims[:len(perm)], axes)


def _permutation(spec, rank):
    """The permutation {p1, p2, ...} as Python ints, if it is one of at most rank levels."""
    if not is_list(spec) or not all(isinstance(x, Integer) for x in spec.args):
        return None
    perm = [x.value for x in spec.args]
    return perm if sorted(perm) == list(range(1, len(perm) + 1)) and len(perm) <= rank else None


def _transpose_generic(e, dims, axes):
    """Transpose nested lists by computing, for every output index, its input index."""
    def build(out_index):
        if len(out_index) == len(dims):
            node = e
            for k in (out_index[axes.index(j)] for j in range(len(dims))):
                node = node.args[k]
            return node
        return pack([build(out_index + (i,)) for i in range(dims[axes[len(out_index)]])])
    return build(())


@builtin(argc=(1, 2),
         usage="Reverse[expr] gives expr with its elements in reverse "
               "order.\nReverse[expr, n] reverses at level n.")
def Reverse(ev, expr):
    """Reverse[expr] reverses the elements; Reverse[expr, n] or {n1, ...} at those levels."""
    e = expr.args[0]
    if isinstance(e, Atom):
        ev.message("Reverse", "normal", Integer(1), expr)
        return None
    levels = {1}
    if len(expr.args) == 2:
        spec = expr.args[1]
        items = spec.args if is_list(spec) else (spec,)
        if not all(isinstance(x, Integer) and x.value > 0 for x in items):
            return None
        levels = {x.value for x in items}
    if isinstance(e, PackedArray) and max(levels) <= e.array.ndim:
        return from_python(np.flip(e.array, axis=tuple(k - 1 for k in levels)))
    return _reverse(e, levels, 1)


def _reverse(e, levels, level):
    if isinstance(e, Atom):
        return e
    items = [_reverse(x, levels, level + 1) for x in elements(e)] \
        if level < max(levels) else list(elements(e))
    if level in levels:
        items.reverse()
        if is_assoc(e):
            return Expr.make(S.Association, list(reversed(e.args)))
    return rebuild(e, items)


# -- rearranging -------------------------------------------------------------------------


@builtin(argc=(2, 3),
         usage="Riffle[{e1, e2, ...}, x] gives {e1, x, e2, x, ...}.\nRiffle[{e1, e2, ...}, "
               "{x1, x2, ...}] gives {e1, x1, e2, x2, ...}.")
def Riffle(ev, expr):
    """Riffle[{a, b, c}, x] is {a, x, b, x, c}; Riffle[list, {x, y, ...}] interleaves the
    second list (one longer or of equal length ends with its last element)."""
    e, x = expr.args[:2]
    if not is_list(e):
        ev.message("Riffle", "list", expr, Integer(1))
        return None
    items = e.args
    if is_list(x) and length(x) in (len(items), len(items) - 1) and len(items) > 1:
        seps = x.args
    else:
        seps = (x,) * max(0, len(items) - 1)
    out = []
    for i, item in enumerate(items):
        out.append(item)
        if i < len(seps):
            out.append(seps[i])
    return pack(out)


@builtin(argc=(1, 3),
         usage="Subsets[list] gives all the subsets of list, smaller ones "
               "first.\nSubsets[list, n] gives those with at most n elements, "
               "Subsets[list, {n}] those with exactly n, and Subsets[list, {m, n}] those "
               "with m through n.")
def Subsets(ev, expr):
    """Subsets[list] all subsets by size; Subsets[list, n] up to size n; Subsets[list, {n}]
    exactly n; Subsets[list, {m, n}] sizes m to n."""
    e = expr.args[0]
    if isinstance(e, Atom):
        ev.message("Subsets", "normal", Integer(1), expr)
        return None
    n = length(e)
    lo, hi = 0, n
    if len(expr.args) >= 2:
        spec = expr.args[1]
        if isinstance(spec, Integer):
            hi = spec.value
        elif is_list(spec) and all(isinstance(x, Integer) for x in spec.args) and \
                len(spec.args) in (1, 2):
            lo, hi = spec.args[0].value, spec.args[-1].value
        elif spec is not S.All:
            return None
    items = elements(e)
    sizes = range(max(lo, 0), min(hi, n) + 1)
    wanted = sum(math.comb(n, k) * max(k, 1) for k in sizes)
    limit = expr.args[2].value if len(expr.args) == 3 and isinstance(expr.args[2], Integer) \
        else None
    if limit is not None:
        if limit < 0:
            return None
        wanted = min(wanted, limit * max(n, 1))
    check_allocation(ev, expr, wanted, EXPR_BYTES)
    found = (Expr.make(e.head, c) for k in sizes for c in combinations(items, k))
    return Expr.make(S.List, islice(found, limit))


def _leaves(e) -> list:
    """The elements of a nested list at its bottom, in order (Flatten[e])."""
    if isinstance(e, PackedArray):
        return list(from_python(e.array.ravel()).args) if e.array.size else []
    return [y for x in e.args for y in (_leaves(x) if is_list(x) else [x])]


@builtin(argc=(2, 3), messages={"rect": "Dimensions `1` should be a list of non-negative "
                                        "machine-sized integers."},
         usage="ArrayReshape[list, dims] arranges the elements of list, in order, into an "
               "array of dimensions dims, padding with 0 when there are too few.\n"
               "ArrayReshape[list, dims, padding] pads with padding.")
def ArrayReshape(ev, expr):
    e, dims = expr.args[:2]
    pad = expr.args[2] if len(expr.args) == 3 else Integer(0)
    if not is_list(e):
        ev.message("ArrayReshape", "list", expr, Integer(1))
        return None
    if not (is_list(dims) and dims.args and
            all(isinstance(d, Integer) and 0 <= d.value < 2**31 for d in dims.args)):
        ev.message("ArrayReshape", "rect", dims)
        return None
    shape = tuple(d.value for d in dims.args)
    total = math.prod(shape)
    check_allocation(ev, expr, total)
    if isinstance(e, PackedArray) and total and \
            (e.array.size >= total or type(pad) is (Real if e.array.dtype.kind == "f"
                                                    else Integer)):
        flat = e.array.ravel()[:total]
        if flat.size < total:
            flat = np.concatenate([flat, np.full(total - flat.size, pad.value, flat.dtype)])
        return from_python(flat.reshape(shape))
    flat = _leaves(e)[:total]
    flat += [pad] * (total - len(flat))
    return nest(flat, shape)


def nest(items, shape):
    """A flat list of elements as nested lists of the given shape (packed where they can
    be)."""
    if len(shape) == 1:
        return pack(items)
    step = math.prod(shape[1:])
    return pack([nest(items[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])])


@builtin(argc=(1, 2), usage="Tuples[list, n] gives every list of n elements of list, with "
                            "repetition, in order.\nTuples[{l1, l2, ...}] gives every list "
                            "whose i-th element is from li.")
def Tuples(ev, expr):
    e = expr.args[0]
    if isinstance(e, Atom):
        ev.message("Tuples", "normal", Integer(1), expr)
        return None
    if len(expr.args) == 2:
        n = expr.args[1]
        if not isinstance(n, Integer) or n.value < 0:
            ev.message("Tuples", "intnn", expr, Integer(2))
            return None
        pools = [elements(e)] * n.value
    else:
        if not all(isinstance(x, Expr) for x in e.args):
            ev.message("Tuples", "normal", Integer(1), expr)
            return None
        pools = [elements(x) for x in e.args]
    check_allocation(ev, expr, math.prod(len(p) for p in pools) * max(len(pools), 1),
                     EXPR_BYTES)
    return pack([Expr.make(e.head, t) for t in product(*pools)])


def _length_range(spec, n):
    """The lengths a Permutations spec asks for (All, Infinity, k, {k}, {kmin, kmax} or
    {kmin, kmax, step}), or None if it is not one."""
    if spec is S.All or _is_infinity(spec):
        return range(n + 1)
    if isinstance(spec, Integer) and spec.value >= 0:
        return range(min(spec.value, n) + 1)
    if not (is_list(spec) and 1 <= len(spec.args) <= 3):
        return None
    lo, *rest = spec.args
    hi = rest[0] if rest else lo
    step = rest[1] if len(rest) == 2 else Integer(1)
    if not (isinstance(lo, Integer) and lo.value >= 0 and
            ((isinstance(hi, Integer) and hi.value >= 0) or _is_infinity(hi)) and
            isinstance(step, Integer) and step.value != 0):
        return None
    top = n if _is_infinity(hi) else hi.value
    if step.value > 0:
        return range(lo.value, min(top, n) + 1, step.value)
    return [k for k in range(lo.value, top - 1, step.value) if k <= n]


@builtin(argc=(1, 2), messages={
    "nninfseq": "Position 2 of `1` must be All, Infinity, a non-negative integer, or a List "
                "whose first element (required) is a non-negative integer, second element "
                "(optional) is a non-negative integer or Infinity, and third element "
                "(optional) is a nonzero integer."},
    usage="Permutations[list] gives all the permutations of the elements of list.\n"
          "Permutations[list, n] gives those of at most n elements, and "
          "Permutations[list, {n}] those of exactly n.")
def Permutations(ev, expr):
    """Permutations[list], Permutations[list, n], Permutations[list, {n}], ...: the
    distinct arrangements (repeated elements give each arrangement once), in the order of
    the positions they come from."""
    e = expr.args[0]
    if isinstance(e, Atom):
        ev.message("Permutations", "normal", Integer(1), expr)
        return None
    items = elements(e)
    n = len(items)
    sizes = _length_range(expr.args[1], n) if len(expr.args) == 2 else [n]
    if sizes is None:
        ev.message("Permutations", "nninfseq", expr)
        return None
    wanted = sum(math.perm(n, k) * max(k, 1) for k in sizes)
    check_allocation(ev, expr, wanted, EXPR_BYTES)
    found = dict.fromkeys(p for k in sizes for p in permutations(items, k))
    return pack([pack(p) if e.head is S.List else Expr.make(e.head, p) for p in found])
