"""NumericArray: typed numeric arrays as values (NumericArray, NumericArrayQ,
NumericArrayType) and what list functions do with them.

The value itself is the atom ``wlnet.expr.NumericArray``. Here a list becomes one: the
type is given ("Real32", "Integer8", ...) or inferred (the smallest integer type that
holds the values, "Real64" when there are reals), and numbers that do not fit the type
are converted by one of Wolfram's methods, "ClipAndRound" by default. A NumericArray is
an atom, so Length, Part, Take, ... reach it through built-in up values (as Wolfram's
``NumericArray /: Length[...]``): they work on its values and give typed arrays back.
"""

from __future__ import annotations

import numpy as np

from ...expr import FALSE, Expr, Integer, NumericArray, PackedArray, Real, S, String
from ...kernel import patterns
from ...kernel.builtin import ATOM_UPVALUES, builtin
from ..common import boolean

TYPES = NumericArray.TYPES
METHODS = ("ClipAndRound", "Check", "Coerce", "Round", "ClipAndCheck", "ClipAndCoerce")
INTEGER_ORDER = ("UnsignedInteger8", "Integer8", "UnsignedInteger16", "Integer16",
                 "UnsignedInteger32", "Integer32", "UnsignedInteger64", "Integer64")

MESSAGES = {
    "nconvss": "The argument `1` cannot be converted to a NumericArray of type `2` using "
               "method `3`.",
    "type": "`1` is not a NumericArray type; the types are " + ", ".join(TYPES) + ".",
    "method": "`1` is not a conversion method; the methods are " + ", ".join(METHODS) + ".",
}


class _Unconvertible(Exception):
    """The values do not fit the type under the method."""


# -- from data to a typed array ---------------------------------------------------------

def source_array(e) -> np.ndarray | None:
    """The machine numbers of a full rectangular array (int64 when all are integers,
    else float64), or None: not an array of machine integers and reals."""
    if isinstance(e, NumericArray):
        return e.array
    if isinstance(e, PackedArray):
        return e.array
    try:
        a = np.array(_nested(e))
    except (ValueError, OverflowError, TypeError):
        return None
    return a if a.ndim >= 1 and a.dtype.kind in "if" else None


def _nested(e):
    if type(e) in (Integer, Real):
        return e.value
    if isinstance(e, PackedArray):
        return e.array.tolist()
    if isinstance(e, Expr) and e.head is S.List:
        return [_nested(x) for x in e.args]
    raise TypeError


def inferred_type(a: np.ndarray) -> str:
    """NumericArray[list]'s type: the smallest integer type that holds every value
    (unsigned when none is negative), or "Real64" for reals."""
    if a.dtype.kind == "f" or a.size == 0:
        return "Real64" if a.dtype.kind == "f" else "UnsignedInteger8"
    low, high = int(a.min()), int(a.max())
    for name in INTEGER_ORDER:
        info = np.iinfo(TYPES[name])
        if info.min <= low and high <= info.max:
            return name
    return "Integer64"


def convert(a: np.ndarray, type_name: str, method: str) -> np.ndarray:
    """``a`` as an array of the type, converted as ``method`` says (Wolfram's names:
    clip to the type's range or not, then round, truncate (coerce) or insist on
    values the type holds exactly); _Unconvertible when they do not fit."""
    dtype = np.dtype(TYPES[type_name])
    if a.dtype == dtype:
        return a
    clip, rule = method.startswith("Clip"), method.removeprefix("ClipAnd")
    if dtype.kind == "f":
        return _to_real(a, dtype, clip, rule)
    x = a.astype(np.float64) if a.dtype.kind == "f" else a
    if x.dtype.kind == "f":
        if not np.isfinite(x).all():
            raise _Unconvertible
        if rule == "Round":
            x = np.rint(x)
        elif rule == "Coerce":
            x = np.trunc(x)
        elif not (x == np.trunc(x)).all():
            raise _Unconvertible
    info = np.iinfo(dtype)
    if clip:
        x = np.clip(x, info.min, info.max)
    elif rule != "Coerce" and x.size and (x.min() < info.min or x.max() > info.max):
        raise _Unconvertible
    with np.errstate(all="ignore"):     # Coerce wraps around, as a C cast does
        return x.astype(np.int64).astype(dtype) if x.dtype.kind == "f" else x.astype(dtype)


def _to_real(a, dtype, clip, rule):
    biggest = float(np.finfo(dtype).max)
    x = a.astype(np.float64)
    if clip:
        x = np.clip(x, -biggest, biggest)
    elif rule != "Coerce" and x.size and np.abs(x[np.isfinite(x)]).max(initial=0) > biggest:
        raise _Unconvertible
    with np.errstate(over="ignore"):
        return x.astype(dtype)


@builtin(argc=(1, 3), messages=MESSAGES,
         usage="NumericArray[array, type] creates a numeric array of the given type.\n"
               "NumericArray[array, type, method] uses method to convert numbers into "
               "type.\nNumericArray[array] chooses the smallest type that holds the "
               "values.")
def NumericArray_(ev, expr):
    """NumericArray[data, type, method]: a typed array; unevaluated after a message when
    the type or method is unknown or the data does not convert."""
    data = expr.args[0]
    a = source_array(data)
    if len(expr.args) == 1:
        if a is None:
            ev.message("NumericArray", "nconvss", data, S.Automatic, String(METHODS[0]))
            return None
        type_name = data.type if isinstance(data, NumericArray) else inferred_type(a)
        return NumericArray(a.astype(TYPES[type_name]), type_name)
    type_e = expr.args[1]
    method_e = expr.args[2] if len(expr.args) == 3 else String(METHODS[0])
    if not (isinstance(type_e, String) and type_e.value in TYPES):
        ev.message("NumericArray", "type", type_e)
        return None
    if not (isinstance(method_e, String) and method_e.value in METHODS):
        ev.message("NumericArray", "method", method_e)
        return None
    try:
        if a is None:
            raise _Unconvertible
        return NumericArray(convert(a, type_e.value, method_e.value), type_e.value)
    except _Unconvertible:
        ev.message("NumericArray", "nconvss", data, type_e, method_e)
        return None


@builtin(argc=(1, 3),
         usage="NumericArrayQ[expr] gives True if expr is a valid NumericArray object, and "
               "False otherwise.\nNumericArrayQ[expr, tpatt] also requires that "
               "NumericArrayType[expr] match tpatt.\nNumericArrayQ[expr, tpatt, dpatt] "
               "also requires that ArrayDepth[expr] match dpatt.")
def NumericArrayQ(ev, expr):
    """Whether the argument is a NumericArray whose type and depth match the patterns."""
    e = expr.args[0]
    if not isinstance(e, NumericArray):
        return FALSE
    checks = [(String(e.type), 1), (Integer(e.array.ndim), 2)]
    return boolean(all(patterns.match(expr.args[i], value, ev) is not None
                       for value, i in checks if len(expr.args) > i))


@builtin(argc=1,
         usage="NumericArrayType[array] gives the type of the elements of the NumericArray "
               "array.")
def NumericArrayType(ev, expr):
    e = expr.args[0]
    return String(e.type) if isinstance(e, NumericArray) else None


# -- list functions on NumericArray (built-in up values) ---------------------------------

def _on_values(ev, expr):
    """f[..., array, ...] computed on the array's values (Length, Dimensions, Equal,
    Total, Max, ...)."""
    return ev.done(ev.evaluate(Expr.make(
        expr.head, [a.normal() if isinstance(a, NumericArray) else a for a in expr.args])))


def _on_parts(ev, expr):
    """Part, Take, First, ... of the first argument's values; a sub-array keeps the
    array's type (First of a matrix is a NumericArray vector), a single element is a
    number. Unevaluated (after the function's own message) when it fails."""
    na = expr.args[0]
    if not isinstance(na, NumericArray):
        return None
    if expr.head is S.Part and expr.args[1:] == (Integer(0),):
        return S.NumericArray                       # the head of the atom
    plain = Expr.make(expr.head, (na.normal(),) + expr.args[1:])
    result = ev.evaluate(plain)
    if result == plain:
        return ev.done(Expr.make(expr.head, expr.args))
    if isinstance(result, PackedArray):
        return NumericArray(result.array.astype(na.array.dtype), na.type)
    return ev.done(result)


ATOM_UPVALUES[NumericArray] = {
    **{S[name]: _on_values for name in ("Length", "Dimensions", "ArrayDepth", "Equal",
                                        "Unequal", "Total", "Max", "Min", "Mean")},
    **{S[name]: _on_parts for name in ("Part", "Take", "Drop", "First", "Last", "Rest",
                                       "Most")},
}
