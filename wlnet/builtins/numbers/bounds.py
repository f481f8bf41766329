"""Numbers against bounds: Max, Min, Clip, Rescale, Chop."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from ...expr import Atom, Expr, Integer, PackedArray, Real, S, from_python, pack
from ...kernel.builtin import builtin
from .arithmetic import _rebuilt
from .numeric import infinity, number_value, real_value, to_atom


# ---------------------------------------------------------------------------------------
# Max, Min, Clip, Rescale, Chop
# ---------------------------------------------------------------------------------------

def _leaves(e):
    """The elements of nested lists, with packed arrays kept whole."""
    if isinstance(e, PackedArray):
        yield e
    elif isinstance(e, Expr) and e.head is S.List:
        for a in e.args:
            yield from _leaves(a)
    else:
        yield e


def _extremum(ev, expr, sign):
    """Max (sign 1) or Min (sign -1): the extreme of the numeric elements, with the
    symbolic ones kept beside it."""
    best, best_value, others = None, None, []
    for item in (x for a in expr.args for x in _leaves(a)):
        if isinstance(item, PackedArray):
            array = item.array
            value = array.max() if sign > 0 else array.min()
            item, v = to_atom(value.item()), value.item()
        else:
            v = real_value(ev, item)
        if v is None:
            others.append(item)
        elif best is None or (v > best_value if sign > 0 else v < best_value):
            best, best_value = item, v
    if best is None and not others:
        return infinity(-sign)
    return _rebuilt(expr, ([best] if best is not None else []) + others)


@builtin(attributes="Flat NumericFunction OneIdentity Orderless",
         usage="Max[x1, x2, ...] gives the largest of the xi, looking inside lists.\nMax[] "
               "gives -Infinity.")
def Max(ev, expr):
    """Max[x1, x2, ...]: the largest of the numbers, lists flattened; Max[] is -Infinity."""
    return _extremum(ev, expr, 1)


@builtin(attributes="Flat NumericFunction OneIdentity Orderless",
         usage="Min[x1, x2, ...] gives the smallest of the xi, looking inside "
               "lists.\nMin[] gives Infinity.")
def Min(ev, expr):
    """Min[x1, x2, ...]: the smallest of the numbers, lists flattened; Min[] is Infinity."""
    return _extremum(ev, expr, -1)


def _pair(e):
    if isinstance(e, Expr) and e.head is S.List and len(e.args) == 2:
        values = [number_value(a) for a in e.args]
        if None not in values:
            return values
    return None


def _map_numbers(e, fn, np_fn):
    """fn applied to every number in nested lists (np_fn to whole packed arrays, when
    given); None if some element is not a number."""
    if isinstance(e, PackedArray) and np_fn is not None:
        return np_fn(e.array)
    if isinstance(e, Expr) and e.head is S.List:
        items = [_map_numbers(a, fn, np_fn) for a in e.args]
        return None if any(i is None for i in items) else pack(items)
    v = number_value(e)
    return None if v is None else fn(v)


@builtin(argc=(1, 3), messages={
    "limset": "The limit specification `1` is not a list of two numbers."},
         usage="Clip[x] gives x clipped to the range -1 to 1.\nClip[x, {min, max}] "
               "clips x to the range min to max, and Clip[x, {min, max}, {vmin, vmax}] "
               "gives vmin below min and vmax above max.")
def Clip(ev, expr):
    """Clip[x]: x clipped to [-1, 1]; Clip[x, {min, max}]; Clip[x, {min, max}, {vmin, vmax}]
    gives vmin below min and vmax above max."""
    x = expr.args[0]
    limits = _pair(expr.args[1]) if len(expr.args) > 1 else [-1, 1]
    if limits is None:
        ev.message("Clip", "limset", expr.args[1])
        return None
    lo, hi = limits
    if len(expr.args) > 2:
        spec = expr.args[2]
        if not (isinstance(spec, Expr) and spec.head is S.List and len(spec.args) == 2):
            ev.message("Clip", "limset", spec)
            return None
        outside = list(spec.args)         # any expressions, as in Wolfram
    else:
        outside = [to_atom(lo), to_atom(hi)]
    values = [number_value(v) for v in outside]

    def clip(v):
        return outside[0] if v < lo else outside[1] if v > hi else to_atom(v)

    def clip_array(a):
        return from_python(np.where(a < lo, values[0], np.where(a > hi, values[1], a)))
    exact = any(isinstance(v, Fraction) or v is None for v in limits + values)
    return _map_numbers(x, clip, None if exact else clip_array)


@builtin(argc=(1, 3),
         usage="Rescale[x, {min, max}] gives x scaled so that min becomes 0 and max "
               "becomes 1.\nRescale[x, {min, max}, {ymin, ymax}] scales to the range ymin "
               "to ymax, and Rescale[list] uses the smallest and largest elements of list.")
def Rescale(ev, expr):
    """Rescale[x, {min, max}]: (x - min)/(max - min); Rescale[list]: the list rescaled to
    [0, 1] by its own extremes; Rescale[x, {min, max}, {ymin, ymax}]: to [ymin, ymax]."""
    x = expr.args[0]
    if len(expr.args) == 1:
        if not (isinstance(x, Expr) and x.head is S.List):
            return None
        lo, hi = (ev.evaluate(Expr(h, x)) for h in (S.Min, S.Max))
    else:
        spec = expr.args[1]
        if not (isinstance(spec, Expr) and spec.head is S.List and len(spec.args) == 2):
            return None
        lo, hi = spec.args
    if len(expr.args) == 3:
        target = expr.args[2]
        if not (isinstance(target, Expr) and target.head is S.List and len(target.args) == 2):
            return None
        y0, y1 = target.args
    else:
        y0, y1 = Integer(0), Integer(1)
    scale = Expr(S.Divide, Expr(S.Subtract, y1, y0), Expr(S.Subtract, hi, lo))
    return Expr(S.Plus, y0, Expr(S.Times, scale, Expr(S.Subtract, x, lo)))


def _chop(e, delta):
    if type(e) is Real:
        return Integer(0) if abs(e.value) < delta else e
    if isinstance(e, PackedArray):
        a = e.array
        if a.dtype.kind != "f" or not (np.abs(a) < delta).any():
            return e
        return Expr.make(S.List, [_chop(x, delta) for x in e.args])
    if isinstance(e, Atom):
        return e
    return Expr.make(e.head, [_chop(a, delta) for a in e.args])


@builtin(argc=(1, 2),
         usage="Chop[expr] replaces the machine reals in expr that are closer to zero than "
               "10^-10 by exact 0.\nChop[expr, delta] uses delta instead of 10^-10.")
def Chop(ev, expr):
    """Chop[expr]: machine reals smaller than 10^-10 in magnitude become exact 0;
    Chop[expr, delta] uses delta instead."""
    delta = 1e-10
    if len(expr.args) == 2:
        delta = number_value(expr.args[1])
        if delta is None:
            return None
    return _chop(expr.args[0], float(delta))
