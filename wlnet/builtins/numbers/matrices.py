"""Vectors and matrices: IdentityMatrix, DiagonalMatrix, KroneckerProduct, Norm, Normalize.

Packed machine arrays go through NumPy; exact and symbolic entries are built as
expressions and evaluated, so ``Norm[{1, 1}]`` is ``Sqrt[2]`` as in Wolfram.
"""

from __future__ import annotations

import math

import numpy as np

from ...expr import Expr, Integer, PackedArray, S, String, from_python, is_list, make_list, pack
from ...kernel.builtin import builtin
from ...kernel.limits import check_allocation
from ..structure.shape import dimensions
from .numeric import number_value


def _positive_dims(ev, expr, spec):
    """(rows, columns) from n or {m, n}, or None after a message."""
    items = spec.args if is_list(spec) else (spec, spec)
    if len(items) != 2 or not all(isinstance(i, Integer) and i.value >= 0 for i in items):
        ev.message(expr.head.name, "inn", spec)
        return None
    rows, cols = items[0].value, items[1].value
    check_allocation(ev, expr, rows * cols)
    return rows, cols


@builtin(argc=1, messages={"inn": "The argument `1` should be a non-negative integer or a "
                                  "list of two of them."},
         usage="IdentityMatrix[n] gives the n x n identity matrix.\nIdentityMatrix[{m, n}] "
               "gives the m x n matrix with 1 on its diagonal and 0 elsewhere.")
def IdentityMatrix(ev, expr):
    dims = _positive_dims(ev, expr, expr.args[0])
    if dims is None:
        return None
    if 0 in dims:
        return pack([Expr(S.List)] * dims[0])
    return from_python(np.eye(*dims, dtype=np.int64))


@builtin(argc=(1, 2), usage="DiagonalMatrix[list] gives the square matrix with the elements "
                            "of list on its diagonal and 0 elsewhere.\nDiagonalMatrix[list, k]"
                            " puts them on the k-th diagonal above (k > 0) or below (k < 0).")
def DiagonalMatrix(ev, expr):
    e = expr.args[0]
    k = expr.args[1] if len(expr.args) == 2 else Integer(0)
    if not is_list(e):
        ev.message("DiagonalMatrix", "list", expr, Integer(1))
        return None
    if not isinstance(k, Integer):
        ev.message("DiagonalMatrix", "int", expr, Integer(2))
        return None
    items, k = e.args, k.value
    n = len(items) + abs(k)
    check_allocation(ev, expr, n * n)
    if isinstance(e, PackedArray) and e.array.ndim == 1:
        return from_python(np.diag(e.array, k))
    zero = Integer(0)
    rows = [[zero] * n for _ in range(n)]
    for i, x in enumerate(items):
        r, c = (i, i + k) if k >= 0 else (i - k, i)
        rows[r][c] = x
    return pack([pack(r) for r in rows])


def _kron(ev, a, b):
    if isinstance(a, PackedArray) and isinstance(b, PackedArray) and \
            a.array.ndim == b.array.ndim:
        return from_python(np.kron(a.array, b.array))
    da, db = dimensions(a), dimensions(b)
    if len(da) == 1 and len(db) == 1:
        return ev.evaluate(pack([Expr(S.Times, x, y) for x in a.args for y in b.args]))
    if len(da) != 2 or len(db) != 2:
        return None
    rows = [[Expr(S.Times, x, y) for x in ra.args for y in rb.args]
            for ra in a.args for rb in b.args]
    return ev.evaluate(pack([pack(r) for r in rows]))


@builtin(argc=(1, None), usage="KroneckerProduct[m1, m2, ...] gives the Kronecker product of "
                               "the matrices (or vectors) mi: each element of m1 times the "
                               "whole of m2, laid out as one block matrix.")
def KroneckerProduct(ev, expr):
    result = expr.args[0]
    for b in expr.args[1:]:
        if not (is_list(result) and is_list(b)):
            return None
        check_allocation(ev, expr, _size(result) * _size(b))
        result = _kron(ev, result, b)
        if result is None:
            return None
    return result


def _size(e) -> int:
    return e.array.size if isinstance(e, PackedArray) else math.prod(dimensions(e)) or 1


# -- Norm and Normalize ----------------------------------------------------------------------


def _vector_norm(ev, v, p):
    if p is S.Infinity or p == Expr(S.DirectedInfinity, Integer(1)):
        return ev.evaluate(Expr.make(S.Max, [Expr(S.Abs, x) for x in v.args]))
    powers = [Expr(S.Power, Expr(S.Abs, x), p) for x in v.args]
    return ev.evaluate(Expr(S.Power, Expr.make(S.Plus, powers), Expr(S.Power, p, Integer(-1))))


def _matrix_norm(ev, expr, m, p):
    if p == String("Frobenius"):
        squares = [Expr(S.Power, Expr(S.Abs, x), Integer(2)) for row in m.args for x in row.args]
        return ev.evaluate(Expr(S.Sqrt, Expr.make(S.Plus, squares)))
    if p == Integer(1) or p is S.Infinity or p == Expr(S.DirectedInfinity, Integer(1)):
        lines = m.args if p != Integer(1) else ev.evaluate(Expr(S.Transpose, m)).args
        return ev.evaluate(Expr.make(S.Max, [Expr.make(S.Plus, [Expr(S.Abs, x) for x in line.args])
                                             for line in lines]))
    machine = _machine_matrix(m)
    if p == Integer(2) and machine is not None:
        return from_python(float(np.linalg.norm(machine, 2)))
    ev.message("Norm", "wlnet2", m)
    return None


def _two_norm(a: np.ndarray) -> float:
    """Sqrt of the sum of squares, rounded as Sqrt[Total[v^2]] is (Norm[{3., 4.}] is 5.)."""
    return float(np.sqrt(np.dot(a, a)))


def _machine_matrix(m):
    """The float array of a matrix with a machine real among its numbers, else None."""
    if isinstance(m, PackedArray):
        return m.array if m.array.dtype.kind == "f" else None
    if not all(is_list(row) for row in m.args):
        return None
    values = [[number_value(x) for x in row.args] for row in m.args]
    flat = [v for row in values for v in row]
    if None in flat or not any(isinstance(v, float) for v in flat):
        return None
    return np.array(values, dtype=float)


@builtin(argc=(1, 2), messages={
    "ptype": "`1` should be a number p >= 1, Infinity or \"Frobenius\".",
    "wlnet2": "wlnet computes the 2-norm of a matrix only for machine reals; use "
              "Norm[N[`1`]]."},
         usage="Norm[v] gives the length of the vector v, Sqrt[Total[Abs[v]^2]]; Norm[x] is "
               "Abs[x] for a number.\nNorm[v, p] gives the p-norm Total[Abs[v]^p]^(1/p), and "
               "Norm[v, Infinity] the largest Abs[vi].\nNorm[m] gives the 2-norm of the matrix "
               "m (its largest singular value); Norm[m, \"Frobenius\"], Norm[m, 1] and Norm[m, "
               "Infinity] the other usual matrix norms.")
def Norm(ev, expr):
    e = expr.args[0]
    p = expr.args[1] if len(expr.args) == 2 else Integer(2)
    if not is_list(e):
        return ev.evaluate(Expr(S.Abs, e)) if len(expr.args) == 1 else None
    depth = len(dimensions(e))
    v = number_value(p)
    if (v is not None and v < 1) or (isinstance(p, String) and p != String("Frobenius")):
        ev.message("Norm", "ptype", p)
        return None
    if depth == 1:
        if p == String("Frobenius"):
            p = Integer(2)
        if isinstance(e, PackedArray) and e.array.dtype.kind == "f" and \
                isinstance(p, Integer) and p.value >= 1:
            a = e.array
            return from_python(_two_norm(a) if p.value == 2 else
                               float(np.sum(np.abs(a) ** p.value) ** (1 / p.value)))
        return _vector_norm(ev, e, p)
    if depth == 2:
        return _matrix_norm(ev, expr, e, p)
    return None


@builtin(argc=1, usage="Normalize[v] gives the unit vector v/Norm[v] in the direction of v "
                       "(v itself when it is zero).\nNormalize[z] gives z/Abs[z] for a "
                       "number z.")
def Normalize(ev, expr):
    e = expr.args[0]
    machine = _machine_matrix(make_list([e])) if is_list(e) else None
    if machine is not None and machine.ndim == 2 and machine.shape[0] == 1:
        norm = _two_norm(machine[0])
        return e if norm == 0 else from_python(machine[0] / norm)
    norm = ev.evaluate(Expr(S.Norm, e))
    if norm == Integer(0) or (isinstance(norm, Expr) and norm.head is S.Norm):
        return e if norm == Integer(0) else None
    return ev.evaluate(Expr(S.Divide, e, norm))
