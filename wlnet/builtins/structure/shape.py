"""The shape of an expression: Length, Dimensions, Depth, ArrayDepth, Head, AtomQ,
ListQ, VectorQ, MatrixQ."""

from __future__ import annotations

from ...expr import FALSE, TRUE, Atom, Expr, Integer, PackedArray, S, Symbol, is_list, pack
from ...kernel.builtin import builtin
from ..common import INF, _is_infinity, boolean
from .levels import depth
from .parts import elements, is_assoc, length


# -- shape -------------------------------------------------------------------------------


@builtin(argc=1,
         usage="Length[expr] gives the number of elements of expr.")
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


@builtin(argc=(1, 2),
         usage="Dimensions[expr] gives the list of the dimensions of expr, as far as it is "
               "a rectangular array.\nDimensions[expr, n] gives at most n of them.")
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


@builtin(argc=1,
         usage="Depth[expr] gives the greatest number of indices needed to specify a part "
               "of expr, plus 1.")
def Depth(ev, expr):
    """Nesting depth: 1 for an atom, and heads do not count."""
    return Integer(depth(expr.args[0]))


@builtin(argc=1,
         usage="ArrayDepth[expr] gives the number of levels of expr that form a full "
               "rectangular array.")
def ArrayDepth(ev, expr):
    """How many levels form a full (rectangular) array."""
    return Integer(len(dimensions(expr.args[0])))


@builtin(argc=(1, 2),
         usage="Head[expr] gives the head of expr.\nHead[expr, h] wraps the head in h.")
def Head(ev, expr):
    """Head[expr], or Head[expr, h] to wrap the head in h."""
    head = expr.args[0].head
    return head if len(expr.args) == 1 else Expr(expr.args[1], head)


@builtin(argc=1,
         usage="AtomQ[expr] gives True if expr cannot be divided into parts, and False "
               "otherwise.")
def AtomQ(ev, expr):
    """True for atoms (numbers, strings, symbols, objects) and for associations."""
    e = expr.args[0]
    return boolean(isinstance(e, Atom) or is_assoc(e))


@builtin(argc=1,
         usage="ListQ[expr] gives True if expr is a list, and False otherwise.")
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


@builtin(argc=(1, 2),
         usage="VectorQ[expr] gives True if expr is a list none of whose elements are "
               "lists.\nVectorQ[expr, test] also asks that test give True for each element.")
def VectorQ(ev, expr):
    """VectorQ[expr]: a list with no list elements; VectorQ[expr, test]: and each passes."""
    return _array_q(ev, expr, 1)


@builtin(argc=(1, 2),
         usage="MatrixQ[expr] gives True if expr is a list of lists of the same length, "
               "none of whose elements are lists.\nMatrixQ[expr, test] also asks that test "
               "give True for each element.")
def MatrixQ(ev, expr):
    """MatrixQ[expr]: a list of equal-length lists of non-lists; with test, every element
    passes it."""
    return _array_q(ev, expr, 2)
