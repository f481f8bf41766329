"""Descriptive statistics: Mean, Median, Variance, StandardDeviation, Standardize.

A list gives one value; a matrix gives one per column, as in Wolfram. Exact numbers give
exact results (``Mean[{1, 2}]`` is 3/2, ``Variance[{1, 2, 3, 4}]`` is 5/3), machine
reals give machine reals through NumPy, and symbolic elements give the symbolic formula
where Wolfram gives one (Mean, Standardize).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ...expr import Expr, Integer, PackedArray, S, from_python, is_list, make_list, pack
from ...kernel.builtin import builtin
from ..structure.parts import length
from .numeric import number_value, to_atom

_RECTN = "Rectangular array of numbers expected at position `2` in `1`."
_SHLEN = "The argument `1` should have at least two elements."


def _columns(e):
    """The columns of a matrix given as a list of equal-length lists, else None."""
    rows = e.args
    if not rows or not all(is_list(r) for r in rows):
        return None
    n = len(rows[0].args)
    if any(len(r.args) != n for r in rows):
        return None
    return [[r.args[j] for r in rows] for j in range(n)]


def _statistic(ev, expr, vector, packed, least=1, tag="rectn"):
    """Apply ``vector`` (list of elements -> Expr or None) to a list, or to each column of
    a matrix; ``packed`` (ndarray -> ndarray or number, along axis 0) for a packed array.
    A list shorter than ``least`` gets ``tag``'s message."""
    e = expr.args[0]
    name = expr.head.name
    if not is_list(e) or length(e) < least:
        if is_list(e) and tag == "shlen":
            ev.message(name, "shlen", e)
        else:
            ev.message(name, "rectn", expr, Integer(1))
        return None
    if isinstance(e, PackedArray) and packed is not None:
        result = packed(e.array)
        if result is not None:
            return from_python(result)
    columns = _columns(e)
    if columns is None:
        if any(is_list(x) for x in e.args):
            ev.message(name, "rectn", expr, Integer(1))
            return None
        return vector(ev, list(e.args))
    values = [vector(ev, c) for c in columns]
    return None if None in values else pack(values)


def _numbers(items):
    """The Python numbers of items when all are numbers (exact ones as Fractions), else
    None."""
    values = [number_value(x) for x in items]
    if None in values:
        return None
    return [v if isinstance(v, float) else Fraction(v) for v in values]


def _exact_int_columns(a: np.ndarray, fn):
    """fn applied to the Python-integer columns of an int64 array (exact arithmetic)."""
    cols = a.astype(object).reshape(a.shape[0], -1).T
    out = [to_atom(fn([int(v) for v in col])) for col in cols]
    if a.ndim == 1:
        return out[0]
    return np.array(out, dtype=object).reshape(a.shape[1:])


def _as_expr(value):
    if isinstance(value, np.ndarray) and value.dtype == object:
        return from_python(value.tolist())
    return value


# -- Mean ---------------------------------------------------------------------------------


def _mean_vector(ev, items):
    return ev.evaluate(Expr(S.Times, Expr(S.Power, Integer(len(items)), Integer(-1)),
                            Expr.make(S.Plus, items)))


def _mean_packed(a):
    if a.dtype.kind == "f":
        return a.mean(axis=0)
    return _as_expr(_exact_int_columns(a, lambda xs: Fraction(sum(xs), len(xs))))


@builtin(argc=1, messages={"rectn": _RECTN},
         usage="Mean[list] gives the mean of the elements of list, Total[list]/Length[list]."
               "\nMean[matrix] gives the mean of each column.")
def Mean(ev, expr):
    return _statistic(ev, expr, _mean_vector, _mean_packed)


# -- Median -------------------------------------------------------------------------------


def _median_of(values):
    values = sorted(values)
    n = len(values)
    mid = values[n // 2]
    return mid if n % 2 else (values[n // 2 - 1] + mid) / 2


def _median_vector(ev, items):
    values = _numbers(items)
    if values is None:
        return None
    return to_atom(_median_of(values))


def _median_packed(a):
    if a.dtype.kind == "f":
        return np.median(a, axis=0)
    return _as_expr(_exact_int_columns(a, lambda xs: _median_of([Fraction(x) for x in xs])))


@builtin(argc=1, messages={"rectn": _RECTN},
         usage="Median[list] gives the middle element of the sorted list, or the mean of the "
               "two middle ones when its length is even.\nMedian[matrix] gives the median "
               "of each column.")
def Median(ev, expr):
    return _statistic(ev, expr, _median_vector, _median_packed)


# -- Variance and StandardDeviation ---------------------------------------------------------


def _variance_of(values):
    n = len(values)
    mean = sum(values) / n
    return sum((v - mean) ** 2 for v in values) / (n - 1)


def _variance_vector(ev, items):
    """Exact or machine arithmetic for numbers; for symbols the formula for real data
    (wlnet has no complex numbers, so no Conjugate as in Wolfram's)."""
    values = _numbers(items)
    if values is not None:
        return to_atom(_variance_of(values))
    mean = _mean_vector(ev, items)
    squares = Expr.make(S.Plus, [Expr(S.Power, Expr(S.Plus, x, Expr(S.Times, Integer(-1), mean)),
                                      Integer(2)) for x in items])
    return ev.evaluate(Expr(S.Times, Expr(S.Power, Integer(len(items) - 1), Integer(-1)),
                            squares))


def _variance_packed(a):
    if a.dtype.kind == "f":
        return a.var(axis=0, ddof=1)
    return _as_expr(_exact_int_columns(a, lambda xs: _variance_of([Fraction(x) for x in xs])))


@builtin(argc=1, messages={"rectn": _RECTN, "shlen": _SHLEN},
         usage="Variance[list] gives the sample variance of the elements of list: the sum of "
               "their squared distances from the mean, divided by Length[list] - 1.\n"
               "Variance[matrix] gives the variance of each column.")
def Variance(ev, expr):
    return _statistic(ev, expr, _variance_vector, _variance_packed, 2, "shlen")


def _sqrt_each(ev, value):
    if isinstance(value, PackedArray) and value.array.dtype.kind == "f":
        return from_python(np.sqrt(value.array))
    return ev.evaluate(Expr(S.Sqrt, value))


@builtin(argc=1, messages={"rectn": _RECTN, "shlen": _SHLEN},
         usage="StandardDeviation[list] gives the sample standard deviation of the elements "
               "of list, Sqrt[Variance[list]].\nStandardDeviation[matrix] gives it for each "
               "column.")
def StandardDeviation(ev, expr):
    variance = _statistic(ev, expr, _variance_vector, _variance_packed, 2, "shlen")
    return None if variance is None else _sqrt_each(ev, variance)


# -- Standardize ---------------------------------------------------------------------------


def _standardize_packed(a):
    if a.dtype.kind != "f" or a.shape[0] < 2:
        return None
    sd = a.std(axis=0, ddof=1)
    if (sd == 0).any():
        return None
    return (a - a.mean(axis=0)) / sd


@builtin(argc=1, messages={"rectn": _RECTN, "shlen": _SHLEN},
         usage="Standardize[list] shifts and scales the elements of list to mean 0 and "
               "standard deviation 1.\nStandardize[matrix] standardizes each column.")
def Standardize(ev, expr):
    e = expr.args[0]
    if isinstance(e, PackedArray):
        fast = _standardize_packed(e.array)
        if fast is not None:
            return from_python(fast)
    mean = ev.evaluate(Expr(S.Mean, e))
    sd = ev.evaluate(Expr(S.StandardDeviation, e))
    if not is_list(e) or (isinstance(sd, Expr) and sd.head is S.StandardDeviation):
        return None
    return ev.evaluate(make_list(      # a row of a matrix threads over mean and sd
        Expr(S.Times, Expr(S.Plus, x, Expr(S.Times, Integer(-1), mean)),
             Expr(S.Power, sd, Integer(-1))) for x in e.args))
