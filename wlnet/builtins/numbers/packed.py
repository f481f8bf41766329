"""NumPy fast paths for Listable numeric functions on packed arrays, shared by the
arithmetic, power and elementary functions."""

from __future__ import annotations

from functools import reduce

import numpy as np

from ...expr import Integer, PackedArray, Rational, Real, from_python
from .numeric import CONSTANTS, INT64_LIMIT


# ---------------------------------------------------------------------------------------
# NumPy fast paths for Listable functions on packed arrays
# ---------------------------------------------------------------------------------------

def _operands(args):
    """The NumPy operands of a fast path, aligned for Wolfram's threading (leading axes
    match, so a vector combines with the rows of a matrix), or None to let the evaluator
    thread element by element (symbols, unpacked lists, exact rationals with integers)."""
    has_float = any((isinstance(a, PackedArray) and a.array.dtype.kind == "f") or type(a) is Real
                    for a in args)
    ops = []
    for a in args:
        if isinstance(a, PackedArray):
            ops.append(a.array)
        elif type(a) is Integer and -INT64_LIMIT <= a.value < INT64_LIMIT:
            ops.append(a.value)
        elif type(a) is Real:
            ops.append(a.value)
        elif has_float and (type(a) is Rational or a in CONSTANTS):
            ops.append(float(a.value) if type(a) is Rational else CONSTANTS[a])
        else:
            return None
    arrays = [o for o in ops if isinstance(o, np.ndarray)]
    if not arrays:
        return None
    depth = max(a.ndim for a in arrays)
    longest = next(a.shape for a in arrays if a.ndim == depth)
    if any(a.shape != longest[:a.ndim] for a in arrays):
        return None
    return [o.reshape(o.shape + (1,) * (depth - o.ndim)) if isinstance(o, np.ndarray) else o
            for o in ops]


def _magnitude(op) -> int:
    if isinstance(op, np.ndarray):
        return max(abs(int(op.max())), abs(int(op.min())))
    return abs(int(op))


def _all_int(ops) -> bool:
    return all(o.dtype.kind in "iu" if isinstance(o, np.ndarray) else type(o) is int for o in ops)


def _packed_result(result):
    """Pack a NumPy result; None (use the slow path) if it has NaNs Wolfram would not give."""
    if result.dtype.kind == "f" and np.isnan(result).any():
        return None
    return from_python(result)


def _vectorized_fold(np_op, int_bound):
    """A fast path folding np_op over the operands; int_bound(magnitudes) must stay under
    2^63 for an all-integer computation, else the exact slow path runs."""
    def fast(ev, args):
        ops = _operands(args)
        if ops is None:
            return None
        if _all_int(ops) and int_bound([_magnitude(o) for o in ops]) >= INT64_LIMIT:
            return None
        with np.errstate(all="ignore"):
            return _packed_result(reduce(np_op, ops))
    return fast


def _product(values):
    return reduce(lambda a, b: a * b, values, 1)


def _float_unary(np_fn, domain=None):
    """A fast path applying np_fn to a packed real array (exact arrays stay symbolic, like
    ``Sin[{1, 2}]``); domain(array) False means some element leaves the reals."""
    def fast(ev, args):
        if len(args) != 1 or not isinstance(args[0], PackedArray):
            return None
        a = args[0].array
        if a.dtype.kind != "f" or (domain is not None and not domain(a)):
            return None
        with np.errstate(all="ignore"):
            return _packed_result(np_fn(a))
    return fast


def finite_packed(args):
    """The array of a lone packed argument holding finite numbers only, else None (the
    general path then handles Infinity, Indeterminate and everything else)."""
    if len(args) != 1 or not isinstance(args[0], PackedArray):
        return None
    a = args[0].array
    return None if a.dtype.kind == "f" and not np.isfinite(a).all() else a


def _any_unary(np_fn):
    """A fast path for functions exact on integers too (Abs, Sign, Floor, ...)."""
    def fast(ev, args):
        a = finite_packed(args)
        return None if a is None else _packed_result(np_fn(a))
    return fast


def _binary_fast(np_op, int_ok):
    """A two-argument fast path (Subtract, Divide, Mod); int_ok(ops) says whether an
    all-integer computation is exact and safe in int64."""
    def fast(ev, args):
        ops = _operands(args)
        if ops is None or len(ops) != 2 or (_all_int(ops) and not int_ok(ops)):
            return None
        with np.errstate(all="ignore"):
            return _packed_result(np_op(*ops))
    return fast
