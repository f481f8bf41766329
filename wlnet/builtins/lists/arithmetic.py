"""Lists and structural operations: construction (Range, Table, Array, ConstantArray),
shape (Length, Dimensions, Depth), rearranging (Join, Flatten, Partition, Transpose,
Reverse, Sort, Union), arithmetic on whole lists (Total, Mean, Accumulate, Dot, Outer,
Inner), functional iteration (Map, Apply, Fold, Nest, FixedPoint, ...), and pattern-based
searching and rewriting (Select, Cases, Position, ReplaceAll, ...).

Numeric tensors stay packed: every builtin here that can work on a PackedArray's NumPy
array does, and numeric results are packed again (``pack``/``from_python``).
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cmp_to_key, wraps
from itertools import combinations, islice

import numpy as np

from ..expr import (FALSE, TRUE, Atom, Expr, Integer, PackedArray, Real, S, Symbol,
                    from_python, is_list, pack)
from ..kernel import patterns
from ..kernel.builtin import builtin
from ..kernel.definitions import Rule
from ..kernel.evaluator import SUBVALUE_HANDLERS
from ..kernel.ordering import sort_key
from ..kernel.limits import EXPR_BYTES, check_allocation
from .arithmetic import number_value
from .iterators import BadIterator, iterations
from .parts import elements, is_assoc, length, rebuild, subset

INF = math.inf


def boolean(b: bool):
    return TRUE if b else FALSE


def operator_form(name: str, target_first: bool = True):
    """Let ``name[op][target]`` evaluate as ``name[target, op]`` (or ``name[op, target]``),
    Wolfram's operator forms such as ``Select[EvenQ][list]`` and ``Map[f][list]``."""
    def handler(ev, expr):
        if len(expr.head.args) == 1 and len(expr.args) == 1:
            op, target = expr.head.args[0], expr.args[0]
            return Expr(Symbol(name), target, op) if target_first else \
                Expr(Symbol(name), op, target)
        return None
    SUBVALUE_HANDLERS[Symbol(name)] = handler


def _is_infinity(e) -> bool:
    return e is S.Infinity or (isinstance(e, Expr) and e.head is S.DirectedInfinity and
                               e.args == (Integer(1),))


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
    """Wolfram's Depth: 1 for an atom, one more than the deepest element otherwise."""
    if isinstance(e, PackedArray):
        return e.array.ndim + 1
    if isinstance(e, Atom):
        return 1
    return 1 + max((depth(x) for x in elements(e)), default=0)


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


# -- shape -------------------------------------------------------------------------------


@builtin(argc=1)
def Length(ev, expr):
    """Number of elements; 0 for an atom, the number of keys of an association."""
    return Integer(length(expr.args[0]))


def dimensions(e, limit=INF) -> list[int]:
    """The dimensions of the rectangular array part of e (every level with the same head)."""
    if isinstance(e, PackedArray):
        return list(e.array.shape[:int(min(limit, e.array.ndim))])
    if isinstance(e, Atom):
        return []
    dims = [length(e)]
    level = list(elements(e))
    while len(dims) < limit and level:
        if all(isinstance(x, PackedArray) for x in level) and \
                len({x.array.shape for x in level}) == 1 and e.head is S.List:
            dims.extend(level[0].array.shape[:int(min(limit - len(dims), level[0].array.ndim))])
            break
        if any(isinstance(x, Atom) or x.head is not e.head for x in level):
            break
        n = length(level[0])
        if any(length(x) != n for x in level):
            break
        dims.append(n)
        level = [y for x in level for y in elements(x)]
    return dims


@builtin(argc=(1, 2))
def Dimensions(ev, expr):
    """Dimensions[expr] or Dimensions[expr, n]: the sizes of each rectangular level."""
    limit = INF
    if len(expr.args) == 2:
        spec = expr.args[1]
        if not (isinstance(spec, Integer) and spec.value >= 0) and not _is_infinity(spec):
            ev.message("Dimensions", "intnn", expr, Integer(2))
            return None
        limit = spec.value if isinstance(spec, Integer) else INF
    return pack([Integer(d) for d in dimensions(expr.args[0], limit)])


@builtin(argc=1)
def Depth(ev, expr):
    """Nesting depth: 1 for an atom, and heads do not count."""
    return Integer(depth(expr.args[0]))


@builtin(argc=1)
def ArrayDepth(ev, expr):
    """How many levels form a full (rectangular) array."""
    return Integer(len(dimensions(expr.args[0])))


@builtin(argc=(1, 2))
def Head(ev, expr):
    """Head[expr], or Head[expr, h] to wrap the head in h."""
    head = expr.args[0].head
    return head if len(expr.args) == 1 else Expr(expr.args[1], head)


@builtin(argc=1)
def AtomQ(ev, expr):
    """True for atoms (numbers, strings, symbols, objects) and for associations."""
    e = expr.args[0]
    return boolean(isinstance(e, Atom) or is_assoc(e))


@builtin(argc=1)
def ListQ(ev, expr):
    return boolean(is_list(expr.args[0]))


def _test_all(ev, test, items) -> bool:
    return all(ev.evaluate(Expr(test, x)) is TRUE for x in items)


_PACKED_TESTS = {"NumberQ": "if", "NumericQ": "if", "IntegerQ": "i",
                 "MachineNumberQ": "f", "Real": "f"}


def _packed_test(arr, test):
    """Whether every element of a packed array passes a known number test (None: unknown)."""
    kinds = _PACKED_TESTS.get(test.name) if isinstance(test, Symbol) else None
    return None if kinds is None else arr.dtype.kind in kinds


def _array_q(ev, expr, rank):
    """VectorQ (rank 1) and MatrixQ (rank 2): whether expr is a full list array of that
    rank whose elements are not lists, each passing the test when one is given."""
    e = expr.args[0]
    test = expr.args[1] if len(expr.args) == 2 else None
    if isinstance(e, PackedArray):
        if e.array.ndim != rank:
            return FALSE
        known = True if test is None else _packed_test(e.array, test)
        if known is not None:
            return boolean(known)
    if not is_list(e) or len(dimensions(e, rank)) != rank:
        return FALSE
    items = e.args if rank == 1 else [y for x in e.args for y in x.args]
    if any(is_list(x) for x in items):
        return FALSE
    return boolean(test is None or _test_all(ev, test, items))


@builtin(argc=(1, 2))
def VectorQ(ev, expr):
    """VectorQ[expr]: a list with no list elements; VectorQ[expr, test]: and each passes."""
    return _array_q(ev, expr, 1)


@builtin(argc=(1, 2))
def MatrixQ(ev, expr):
    """MatrixQ[expr]: a list of equal-length lists of non-lists; with test, every element
    passes it."""
    return _array_q(ev, expr, 2)


# -- construction ------------------------------------------------------------------------


@builtin(attributes="Listable", argc=(1, 3),
         messages={"range": "Range specification in `1` does not have appropriate bounds."})
def Range(ev, expr):
    """Range[n], Range[a, b], Range[a, b, d]: a packed list when the numbers are machine
    integers or reals."""
    nums = [number_value(a) for a in expr.args]
    if None in nums:
        ev.message("Range", "range", expr)
        return None
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


@builtin(attributes="HoldAll", argc=(1, None))
def Table(ev, expr):
    """Table[body, iterators...]: body evaluated for each value of each iterator (bound as
    Block binds them); numeric results come back packed."""
    if len(expr.args) == 1:
        return ev.evaluate(expr.args[0])
    try:
        return _table(ev, expr, expr.args[0], expr.args[1:])
    except BadIterator:
        return None


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


@builtin(argc=(2, 3))
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


@builtin(argc=2)
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


# -- adding and joining ---------------------------------------------------------------------


def _fits(arr: np.ndarray, item) -> np.ndarray | None:
    """item as an array row of a packed array (same number kind and row shape), or None."""
    kind = arr.dtype.kind
    if arr.ndim == 1 and ((kind == "i" and isinstance(item, Integer) and abs(item.value) < 2**63)
                          or (kind == "f" and isinstance(item, Real))):
        return np.array([item.value], dtype=arr.dtype)
    if isinstance(item, PackedArray) and item.array.shape == arr.shape[1:] and \
            (item.array.dtype.kind == "f") == (kind == "f"):
        return item.array[None].astype(arr.dtype)
    return None


def _add(ev, name, target, item, at_end: bool, whole):
    """Append (at_end) or Prepend item to target, or None after ``name::normal``."""
    if isinstance(target, Atom):
        ev.message(name, "normal", Integer(1), whole)
        return None
    if isinstance(target, PackedArray):
        row = _fits(target.array, item)
        if row is not None:
            parts = (target.array, row) if at_end else (row, target.array)
            return from_python(np.concatenate(parts))
    if is_assoc(target):
        extra = _association_from(item)
        if extra is None:
            return None
        rules = _merge_rules([target.args, extra] if at_end else [extra, target.args])
        return Expr.make(S.Association, rules)
    items = target.args + (item,) if at_end else (item,) + target.args
    return Expr.make(target.head, items)


def _association_from(item):
    """The rules of a rule, list of rules or association (for Append to an association)."""
    if isinstance(item, Expr) and item.head in (S.Rule, S.RuleDelayed):
        return (item,)
    if is_assoc(item) or (is_list(item) and all(
            isinstance(x, Expr) and x.head in (S.Rule, S.RuleDelayed) for x in item.args)):
        return item.args
    return None


def _merge_rules(groups):
    """Rules of several associations in order, a later key replacing an earlier value."""
    merged = {}
    for rules in groups:
        for r in rules:
            merged[r.args[0]] = r
    return list(merged.values())


@builtin(argc=2)
def Append(ev, expr):
    """Append[expr, elem]: elem added at the end (a rule updates an association)."""
    return _add(ev, "Append", expr.args[0], expr.args[1], True, expr)


@builtin(argc=2)
def Prepend(ev, expr):
    """Prepend[expr, elem]: elem added at the start."""
    return _add(ev, "Prepend", expr.args[0], expr.args[1], False, expr)


def _add_to(ev, expr, at_end: bool):
    """AppendTo/PrependTo: update the symbol's own value and give the new value."""
    name = "AppendTo" if at_end else "PrependTo"
    sym = expr.args[0]
    d = ev.defs.get(sym) if isinstance(sym, Symbol) else None
    if d is None or d.own is None:
        ev.message(name, "rvalue", sym)
        return None
    new = _add(ev, name, ev.evaluate(sym), ev.evaluate(expr.args[1]), at_end, expr)
    if new is None:
        return None
    d.own = Rule(sym, new, False)
    return new


@builtin(attributes="HoldFirst", argc=2)
def AppendTo(ev, expr):
    """AppendTo[x, elem]: x = Append[x, elem]."""
    return _add_to(ev, expr, True)


@builtin(attributes="HoldFirst", argc=2)
def PrependTo(ev, expr):
    """PrependTo[x, elem]: x = Prepend[x, elem]."""
    return _add_to(ev, expr, False)


@builtin(messages={"heads": "Heads `1` and `2` at positions `3` and `4` are expected to be "
                            "the same."})
def Join(ev, expr):
    """Join[l1, l2, ...]: the elements of all, which must share one head; associations
    merge (later keys win); packed arrays concatenate in NumPy."""
    args = expr.args
    if not args:
        return Expr(S.List)
    for i, a in enumerate(args):
        if isinstance(a, Atom):
            ev.message("Join", "normal", Integer(i + 1), expr)
            return None
        if a.head is not args[0].head:
            ev.message("Join", "heads", args[0].head, a.head, Integer(1), Integer(i + 1))
            return None
    if is_assoc(args[0]):
        return Expr.make(S.Association, _merge_rules([a.args for a in args]))
    packed = [a for a in args if length(a)]
    if packed and all(isinstance(a, PackedArray) for a in packed) and \
            len({(a.array.shape[1:], a.array.dtype.kind == "f") for a in packed}) == 1:
        return from_python(np.concatenate([a.array for a in packed]))
    return Expr.make(args[0].head, [x for a in args for x in a.args])


def _flatten(e, n, head):
    """Elements of e with sublists of the given head spliced in, n levels deep."""
    out = []
    for x in e.args:
        if n > 0 and isinstance(x, Expr) and x.head is head:
            out.extend(_flatten(x, n - 1, head))
        else:
            out.append(x)
    return out


@builtin(argc=(1, 3))
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


@builtin(argc=(2, 3))
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
                                "perm": "`1` is not a permutation of the levels of `2`."})
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


@builtin(argc=(1, 2))
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


@builtin(argc=(1, 2))
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


@builtin(argc=1, messages={"mean": "`1` is not a non-empty list or array of numbers."})
def Mean(ev, expr):
    """Mean[list]: Total[list]/Length[list] (exact for integers, NumPy for packed reals)."""
    e = expr.args[0]
    if not is_list(e) or length(e) == 0:
        ev.message("Mean", "mean", e)
        return None
    n = length(e)
    if isinstance(e, PackedArray):
        if e.array.dtype.kind == "f":
            return from_python(e.array.mean(axis=0))
        exact = np.frompyfunc(lambda t: Fraction(int(t), n), 1, 1)(_safe_int_sum(e.array, 0))
        return from_python(exact.tolist() if isinstance(exact, np.ndarray) else exact)
    return Expr(S.Times, from_python(Fraction(1, n)), _plus_of(e.args))


@builtin(argc=1)
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
                                         "with length `4` of dimension `5` in `6`."})
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


@builtin(attributes="Flat OneIdentity")
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


@builtin(argc=(2, None))
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


# -- functional iteration -----------------------------------------------------------------


def _apply1(ev, f, x):
    return ev.evaluate(Expr(f, x))


@builtin(argc=(1, 3))
@at_levels((1, 1))
def Map(ev, expr, f, e, levels):
    """f /@ expr: f applied to each element (values of an association); Map[f, expr, levels]
    at other levels."""
    return map_levels(e, lambda x, _: Expr(f, x), *levels)


operator_form("Map", target_first=False)


@builtin(argc=(1, 3))
@at_levels((1, 1))
def MapIndexed(ev, expr, f, e, levels):
    """MapIndexed[f, expr]: f[elem, {i}] for each element; other levels give longer
    positions."""
    return map_levels(e, lambda x, pos: Expr(f, x, Expr.make(S.List, pos)), *levels)


operator_form("MapIndexed", target_first=False)


@builtin(argc=(1, 3))
@at_levels((0, 0))
def Apply(ev, expr, f, e, levels):
    """f @@ expr replaces the head of expr by f (an association gives its values);
    Apply[f, expr, {1}] (f @@@ expr) replaces the heads of the elements."""
    return map_levels(e, lambda x, _: x if isinstance(x, Atom) else Expr.make(f, elements(x)),
                      *levels)


operator_form("Apply", target_first=False)


@builtin(argc=(1, 3))
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
    "mptd": "Object `1` at position {2, `2`} in `3` has only `4` of required `5` dimensions."})
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


@builtin(argc=(1, 3))
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


def _running(ev, step, x, items):
    """x, then step(x, item) for each item in turn: the values that Fold, Nest and their
    List forms pass through. A generator, so Fold and Nest hold only the latest."""
    yield x
    for item in items:
        ev.check_abort()
        x = step(x, item)
        yield x


def _last(values):
    """The final value of a non-empty iterator."""
    for value in values:
        pass
    return value


def _fold_values(ev, expr):
    """The running values of Fold/FoldList, the 2-argument form taking the first element
    as start; None when it stays unevaluated."""
    if len(expr.args) == 3:
        f, x, e = expr.args
        if isinstance(e, Atom):
            ev.message(expr.head.name, "normal", Integer(3), expr)
            return None
        items = elements(e)
    else:
        f, e = expr.args
        if isinstance(e, Atom) or length(e) == 0:
            return None
        x, items = elements(e)[0], elements(e)[1:]
    return _running(ev, lambda acc, item: ev.evaluate(Expr(f, acc, item)), x, items)


@builtin(argc=(2, 3))
def Fold(ev, expr):
    """Fold[f, x, {a, b, ...}] is f[f[x, a], b]...; Fold[f, {x, a, ...}] starts from x."""
    values = _fold_values(ev, expr)
    return None if values is None else _last(values)


@builtin(argc=(2, 3))
def FoldList(ev, expr):
    """FoldList[f, x, {a, b, ...}] is {x, f[x, a], f[f[x, a], b], ...}."""
    values = _fold_values(ev, expr)
    return None if values is None else pack(list(values))


def _count_arg(ev, expr, index):
    """A non-negative machine integer argument, or None after ``intnm``."""
    n = expr.args[index]
    if isinstance(n, Integer) and 0 <= n.value < 2**63:
        return n.value
    ev.message(expr.head.name, "intnm", expr, Integer(index + 1))
    return None


def _nest_values(ev, expr):
    """x, f[x], f[f[x]], ... up to n applications, for Nest/NestList; None after ``intnm``."""
    f, x = expr.args[:2]
    n = _count_arg(ev, expr, 2)
    if n is None:
        return None
    return _running(ev, lambda y, _: _apply1(ev, f, y), x, range(n))


@builtin(argc=3)
def Nest(ev, expr):
    """Nest[f, x, n]: f applied n times."""
    values = _nest_values(ev, expr)
    return None if values is None else _last(values)


@builtin(argc=3)
def NestList(ev, expr):
    """NestList[f, x, n]: {x, f[x], f[f[x]], ...} with n applications."""
    values = _nest_values(ev, expr)
    return None if values is None else pack(list(values))


@builtin(argc=(3, 6))
def NestWhile(ev, expr):
    """NestWhile[f, x, test]: apply f while test of the latest result is True;
    NestWhile[f, x, test, m] gives test the m latest results (All: all of them);
    a fifth argument bounds the number of applications."""
    f, x, test = expr.args[:3]
    m = expr.args[3] if len(expr.args) >= 4 else Integer(1)
    limit = expr.args[4] if len(expr.args) >= 5 else S.Infinity
    if not (m is S.All or (isinstance(m, Integer) and m.value >= 1)):
        return None
    most = INF if _is_infinity(limit) else (limit.value if isinstance(limit, Integer) else None)
    if most is None:
        return None
    history = [x]
    steps = 0
    while steps < most:
        ev.check_abort()
        recent = history if m is S.All else history[-m.value:]
        ready = m is S.All or len(recent) == m.value   # too few results yet: keep going
        if ready and ev.evaluate(Expr.make(test, recent)) is not TRUE:
            break
        history.append(_apply1(ev, f, history[-1]))
        steps += 1
    return history[-1]


def _same(ev, a, b) -> bool:
    return a == b or ev.evaluate(Expr(S.SameQ, a, b)) is TRUE


def _fixed_point(ev, expr, keep_all: bool):
    f, x = expr.args[:2]
    limit = INF
    if len(expr.args) == 3:
        limit = _count_arg(ev, expr, 2)
        if limit is None:
            return None
    out = [x]
    steps = 0
    while steps < limit:
        ev.check_abort()
        new = _apply1(ev, f, x)
        steps += 1
        if keep_all:
            out.append(new)
        if _same(ev, new, x):
            x = new
            break
        x = new
    return pack(out) if keep_all else x


@builtin(argc=(2, 3))
def FixedPoint(ev, expr):
    """FixedPoint[f, x]: apply f until the result no longer changes (SameQ)."""
    return _fixed_point(ev, expr, False)


@builtin(argc=(2, 3))
def FixedPointList(ev, expr):
    """FixedPointList[f, x]: {x, f[x], ...} up to the first repeated result."""
    return _fixed_point(ev, expr, True)


# -- rearranging -------------------------------------------------------------------------


@builtin(argc=(2, 3))
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


@builtin(argc=(1, 3))
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


# -- selecting and searching ----------------------------------------------------------------


def _limit_arg(expr, index):
    n = expr.args[index] if len(expr.args) > index else None
    return n.value if isinstance(n, Integer) else INF


@builtin(argc=(1, 3))
def Select(ev, expr):
    """Select[list, crit]: the elements for which crit gives True (an association keeps the
    keys); Select[list, crit, n] the first n of them."""
    if len(expr.args) == 1:
        return None
    e, crit = expr.args[:2]
    if isinstance(e, Atom):
        ev.message("Select", "normal", Integer(1), expr)
        return None
    limit = _limit_arg(expr, 2)
    chosen = []
    for i, x in enumerate(elements(e)):
        if len(chosen) >= limit:
            break
        if ev.evaluate(Expr(crit, x)) is TRUE:
            chosen.append(i)
    return subset(e, chosen)


operator_form("Select")


def _rule_tuple(rule):
    return rule.args[0], rule.args[1], rule.head is S.RuleDelayed


def _is_rule(e) -> bool:
    return isinstance(e, Expr) and e.head in (S.Rule, S.RuleDelayed) and len(e.args) == 2


@builtin(argc=(1, 4))
@at_levels((1, 1))
def Cases(ev, expr, e, pattern, levels):
    """Cases[expr, pattern]: the elements that match (at level 1, or the levels given);
    with a rule pattern -> rhs, the rhs for each match."""
    limit = _limit_arg(expr, 3)
    rule = [_rule_tuple(pattern)] if _is_rule(pattern) else None
    found = []
    for pos, part in walk(e, *levels):
        if len(found) >= limit:
            break
        if rule is not None:
            r = patterns.replace(part, rule, ev)
            if r is not None:
                found.append(r)
        elif _matches(ev, pattern, part):
            found.append(part)
    return pack(found)


operator_form("Cases")


@builtin(argc=(1, 4))
@at_levels((1, 1))
def DeleteCases(ev, expr, e, pattern, levels):
    """DeleteCases[expr, pattern]: expr without the elements that match (level 1, or the
    levels given)."""
    budget = [_limit_arg(expr, 3)]
    return _delete(ev, e, pattern, levels, 0, budget)


def _delete(ev, e, pattern, levels, level, budget):
    lo, hi = levels
    if isinstance(e, Atom) or not _descends(hi, level):
        return e
    kept, values = [], []
    for i, x in enumerate(elements(e)):
        if budget[0] > 0 and _within(lo, hi, level + 1, x) and _matches(ev, pattern, x):
            budget[0] -= 1
            continue
        kept.append(i)
        values.append(_delete(ev, x, pattern, levels, level + 1, budget))
    if is_assoc(e):
        return Expr.make(S.Association, [Expr(e.args[i].head, e.args[i].args[0], v)
                                         for i, v in zip(kept, values)])
    return rebuild(e, values) if e.head is S.List else Expr.make(e.head, values)


operator_form("DeleteCases")


@builtin(argc=(1, 4))
@at_levels((0, INF))
def Position(ev, expr, e, pattern, levels):
    """Position[expr, pattern]: the positions of every matching part at any level (heads
    included), innermost first."""
    limit = _limit_arg(expr, 3)
    found = []
    for pos, part in walk(e, *levels, heads=True):
        if len(found) >= limit:
            break
        if _matches(ev, pattern, part):
            found.append(pack(pos) if pos else Expr(S.List))
    return Expr.make(S.List, found)


operator_form("Position")


@builtin(argc=(1, 3))
@at_levels((1, 1))
def Count(ev, expr, e, pattern, levels):
    """Count[list, pattern]: how many elements match (level 1, or the levels given)."""
    return Integer(sum(1 for _, part in walk(e, *levels) if _matches(ev, pattern, part)))


operator_form("Count")


@builtin(argc=(1, 3))
@at_levels((1, 1))
def MemberQ(ev, expr, e, pattern, levels):
    """MemberQ[list, pattern]: whether some element matches (level 1, or the levels given)."""
    return boolean(any(_matches(ev, pattern, part) for _, part in walk(e, *levels)))


operator_form("MemberQ")


@builtin(argc=(1, 3))
@at_levels((0, INF))
def FreeQ(ev, expr, e, pattern, levels):
    """FreeQ[expr, pattern]: whether no part of expr, at any level and heads included,
    matches."""
    return boolean(not any(_matches(ev, pattern, part)
                           for _, part in walk(e, *levels, heads=True)))


operator_form("FreeQ")


@builtin(argc=(1, 2))
def MatchQ(ev, expr):
    """MatchQ[expr, pattern]: whether expr matches pattern."""
    if len(expr.args) == 1:
        return None
    return boolean(_matches(ev, expr.args[1], expr.args[0]))


operator_form("MatchQ")


# -- replacing -------------------------------------------------------------------------------


def rule_list(ev, name, rules, whole):
    """Rule tuples (lhs, rhs, delayed) from a rule, a list of rules or an association;
    a list of such lists gives a list of rule lists. None after ``name::reps``."""
    if _is_rule(rules):
        return [_rule_tuple(rules)]
    if (is_assoc(rules) or is_list(rules)) and all(_is_rule(r) for r in rules.args):
        return [_rule_tuple(r) for r in rules.args]   # (an invalid association stays one)
    if is_list(rules) and rules.args and all(
            is_list(x) and all(_is_rule(r) for r in x.args) for x in rules.args):
        return [[_rule_tuple(r) for r in x.args] for x in rules.args]
    ev.message(name, "reps", rules if is_list(rules) else Expr(S.List, rules))
    return None


def _each_rule_set(rules, fn):
    """fn applied once, or once per rule list (giving a list) for a list of rule lists."""
    if rules and isinstance(rules[0], list):
        return Expr.make(S.List, [fn(r) for r in rules])
    return fn(rules)


@builtin(argc=(1, 2))
def ReplaceAll(ev, expr):
    """expr /. rules: each part replaced by the first rule that matches it, outermost
    parts first; a replaced part is not searched again."""
    if len(expr.args) == 1:
        return None
    e, given = expr.args
    rules = rule_list(ev, "ReplaceAll", given, expr)
    if rules is None:
        return None
    return _each_rule_set(rules, lambda rs: patterns.replace_all(e, rs, ev)[0])


operator_form("ReplaceAll")


@builtin(argc=(1, 3), options={"MaxIterations": Integer(65536)},
         messages={"rrlim": "Exiting after `1` scanned `2` times."})
def ReplaceRepeated(ev, expr):
    """expr //. rules: ReplaceAll again (evaluating in between) until nothing changes."""
    split = ev.split_options(expr, "ReplaceRepeated", first_option=2)
    if split is None or len(split[0]) < 2:
        return None
    (e, given), opts = split[0][:2], split[1]
    rules = rule_list(ev, "ReplaceRepeated", given, expr)
    if rules is None:
        return None
    limit = opts["MaxIterations"]
    limit = limit.value if isinstance(limit, Integer) else INF

    def repeat(rs):
        current, count = e, 0
        while True:
            ev.check_abort()
            if count >= limit:
                ev.message("ReplaceRepeated", "rrlim", e, Integer(count))
                return current
            new, changed = patterns.replace_all(current, rs, ev)
            count += 1
            if not changed:
                return current
            new = ev.evaluate(new)
            if new == current:
                return current
            current = new
    return _each_rule_set(rules, repeat)


operator_form("ReplaceRepeated")


@builtin(argc=(1, 3))
def Replace(ev, expr):
    """Replace[expr, rules]: the first matching rule applied to the whole of expr;
    Replace[expr, rules, levels] to the parts at those levels, innermost first."""
    if len(expr.args) == 1:
        return None
    e, given = expr.args[:2]
    rules = rule_list(ev, "Replace", given, expr)
    if rules is None:
        return None
    levels = _levels_arg(ev, expr, 2, (0, 0))
    if levels is None:
        return None

    def replace_at(rs):
        def one(x, _):
            r = patterns.replace(x, rs, ev)
            return x if r is None else r
        return map_levels(e, one, *levels)
    return _each_rule_set(rules, replace_at)


operator_form("Replace")
