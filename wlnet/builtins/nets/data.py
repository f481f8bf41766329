"""Numeric data between expressions and the net runtime's ndarrays.

Nets compute in float32 on NumPy arrays; users write nested lists (often packed). These
helpers are the one place that converts, so every net builtin agrees on what counts as
numeric data: a packed array is taken as it is (no Python objects per element), a
nested list of machine numbers must be rectangular, and anything else is "not data"
(None), which the caller turns into a message.
"""

from __future__ import annotations

import numpy as np

from ...expr import Expr, Integer, NumericArray, PackedArray, Rational, Real, S, String, pack

__all__ = ["to_array", "to_sequences", "from_array", "has_numeric_array", "to_label"]


def to_array(expr, dtype=np.float32) -> np.ndarray | None:
    """The rectangular array of finite numbers ``expr`` denotes, or None if it is not one
    (a number too big for ``dtype`` is not data a net can use)."""
    try:
        with np.errstate(over="ignore"):
            a = _array(expr, dtype)
    except OverflowError:
        return None
    return a if a is not None and np.isfinite(a).all() else None


def _array(expr, dtype):
    if isinstance(expr, (PackedArray, NumericArray)):
        return expr.array.astype(dtype, copy=False)
    if isinstance(expr, (Integer, Real)):
        return np.array(expr.value, dtype=dtype)
    if isinstance(expr, Rational):
        return np.array(float(expr.value), dtype=dtype)
    if not (isinstance(expr, Expr) and expr.head is S.List):
        return None
    if all(type(a) in (Integer, Real) for a in expr.args):
        return np.array([a.value for a in expr.args], dtype=dtype)
    rows = [_array(a, dtype) for a in expr.args]
    if any(r is None for r in rows):
        return None
    if not rows:
        return np.zeros((0,), dtype=dtype)
    if len({r.shape for r in rows}) != 1:
        return None
    return np.stack(rows)


def to_sequences(expr, dtype=np.float32) -> list[np.ndarray] | None:
    """A list of sequences of possibly different lengths (each one rectangular), or None."""
    if not (isinstance(expr, Expr) and expr.head is S.List):
        return None
    seqs = [to_array(a, dtype) for a in expr.args]
    if any(s is None or s.ndim == 0 for s in seqs):
        return None
    return seqs


def from_array(a, numeric: bool = False) -> Expr:
    """An ndarray (or a list of them, for sequences of several lengths) as an expression:
    float arrays become packed lists of machine reals (with ``numeric``, "Real32"
    NumericArrays, as a net gives for NumericArray input), 0-d arrays a Real."""
    if isinstance(a, list):
        return pack(from_array(x, numeric) for x in a)
    a = np.asarray(a)
    if a.ndim == 0:
        return Real(float(a))
    if numeric:
        return NumericArray(a.astype(np.float32), "Real32")
    if a.size == 0:
        return Expr.make(S.List, [from_array(x) for x in a])
    return PackedArray(a.astype(np.float64))


def has_numeric_array(expr) -> bool:
    """Whether a NumericArray occurs in the data (then a net's outputs are NumericArrays,
    as Wolfram's are)."""
    if isinstance(expr, NumericArray):
        return True
    return isinstance(expr, Expr) and not isinstance(expr, PackedArray) and \
        any(has_numeric_array(x) for x in expr.args)


def to_label(expr):
    """A class label as the runtime holds it: integers and strings as Python ints and
    strs (integer labels can then be looked up in bulk), anything else as the expression
    itself, opaque to the runtime (format.nets.label_expr is the way back)."""
    if isinstance(expr, Integer):
        return expr.value
    if isinstance(expr, String):
        return expr.value
    return expr
