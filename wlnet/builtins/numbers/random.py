"""Random numbers: RandomReal, RandomInteger, RandomChoice, RandomSample, SeedRandom.

Everything draws from the session's NumPy generator (``ev.rng``), so ``SeedRandom[n]``
makes a session reproducible. Arrays come back packed, and a request for more elements
than the memory budget (``kernel.limits``) is refused with General::mem before anything
is allocated.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np

from ...expr import Expr, Integer, PackedArray, Real, S, String, from_python, pack
from ...kernel.builtin import builtin
from ...kernel.limits import check_allocation
from .numeric import INT64_LIMIT, number_value, real_value

_ARRAY_MESSAGE = ("The array dimensions `1` given in position `2` of `3` should be a "
                  "non-negative machine-sized integer or a list of them.")


def _dims(ev, expr, position: int):
    """The result shape asked for at ``position``: () for one value when there is no such
    argument, None after ``array`` for a malformed one."""
    if len(expr.args) < position:
        return ()
    spec = expr.args[position - 1]
    items = spec.args if isinstance(spec, Expr) and spec.head is S.List else (spec,)
    if not items or not all(type(i) is Integer and 0 <= i.value < INT64_LIMIT for i in items):
        ev.message(expr.head.name, "array", spec, Integer(position), expr)
        return None
    dims = tuple(i.value for i in items)
    check_allocation(ev, expr, math.prod(dims))
    return dims


def _array(values: np.ndarray):
    """A packed result, or nested empty Lists when a dimension is 0."""
    return from_python(values) if values.size else from_python(values.tolist())


def _uniform_args(ev, expr, default, bound):
    """RandomReal's and RandomInteger's (low, high) from max or {min, max}, each bound read
    by ``bound`` (None: not a valid one), and the shape from _dims; None after a message."""
    lo_hi = default
    if expr.args:
        spec = expr.args[0]
        if isinstance(spec, Expr) and spec.head is S.List:
            bounds = [bound(a) for a in spec.args] if len(spec.args) == 2 else [None]
        else:
            bounds = [bound(Integer(0)), bound(spec)]
        if None in bounds:
            ev.message(expr.head.name, "unifr", spec)
            return None
        lo_hi = min(bounds), max(bounds)
    dims = _dims(ev, expr, 2)
    return None if dims is None else (*lo_hi, dims)


def _finite_real(ev, e):
    """e as a finite float, else None."""
    x = real_value(ev, e)
    return float(x) if x is not None and math.isfinite(x) else None


@builtin(argc=(0, 2), messages={
    "unifr": "The endpoints `1` of the uniform range are not real numbers.",
    "array": _ARRAY_MESSAGE},
         usage="RandomReal[] gives a real number from 0 to 1 at "
               "random.\nRandomReal[xmax] gives one from 0 to xmax, and "
               "RandomReal[{xmin, xmax}] one from xmin to xmax.\nRandomReal[range, n] "
               "gives n of them, and RandomReal[range, {n1, n2, ...}] an array.")
def RandomReal(ev, expr):
    """RandomReal[]: a real in [0, 1]; RandomReal[max], RandomReal[{min, max}]; a second
    argument n or {n1, n2, ...} gives a (packed) array of them."""
    args = _uniform_args(ev, expr, (0.0, 1.0), lambda e: _finite_real(ev, e))
    if args is None:
        return None
    lo, hi, dims = args
    if not dims:
        return Real(ev.rng.uniform(lo, hi))
    return _array(ev.rng.uniform(lo, hi, size=dims))


def _int_or_none(e):
    """e's value when it is an integer, else None."""
    v = number_value(e)
    return v if isinstance(v, int) else None


def _big_integer(rng, lo: int, hi: int) -> int:
    """A uniform integer in [lo, hi] for bounds beyond 64 bits (rejection sampling)."""
    span = hi - lo + 1
    nbytes = (span.bit_length() + 7) // 8 + 1
    limit = (256 ** nbytes // span) * span
    while True:
        r = int.from_bytes(rng.bytes(nbytes), "little")
        if r < limit:
            return lo + r % span


@builtin(argc=(0, 2), messages={
    "unifr": "The endpoints `1` of the discrete uniform range are not integers.",
    "array": _ARRAY_MESSAGE},
         usage="RandomInteger[] gives 0 or 1 at random.\nRandomInteger[imax] gives an "
               "integer from 0 to imax, and RandomInteger[{imin, imax}] one from imin "
               "to imax.\nRandomInteger[range, n] gives n of them, and "
               "RandomInteger[range, {n1, n2, ...}] an array.")
def RandomInteger(ev, expr):
    """RandomInteger[]: 0 or 1; RandomInteger[max], RandomInteger[{min, max}]; a second
    argument n or {n1, n2, ...} gives a (packed) array of them."""
    args = _uniform_args(ev, expr, (0, 1), _int_or_none)
    if args is None:
        return None
    lo, hi, dims = args
    if -INT64_LIMIT <= lo and hi < INT64_LIMIT - 1:
        values = ev.rng.integers(lo, hi, endpoint=True, size=dims or None)
        return _array(values) if dims else Integer(int(values))
    if not dims:
        return Integer(_big_integer(ev.rng, lo, hi))
    flat = [Integer(_big_integer(ev.rng, lo, hi)) for _ in range(math.prod(dims))]
    return _nest(flat, dims)


def _nest(items, dims):
    """Nested Lists of the given shape from a flat sequence of elements."""
    if len(dims) == 1:
        return pack(items)
    step = math.prod(dims[1:])
    return pack(_nest(items[i * step:(i + 1) * step], dims[1:]) for i in range(dims[0]))


def _choices(ev, expr):
    """(elements, probabilities or None) from ``list`` or ``weights -> list``; None after
    a message."""
    name = expr.head.name
    spec = expr.args[0]
    weights = None
    if isinstance(spec, Expr) and spec.head is S.Rule and len(spec.args) == 2:
        weights, spec = spec.args
    if not (isinstance(spec, Expr) and spec.head is S.List and spec.args):
        ev.message(name, "lrwl", expr.args[0])
        return None
    if weights is None:
        return spec, None
    values = [real_value(ev, w) for w in weights.args] \
        if isinstance(weights, Expr) and weights.head is S.List else None
    if values is None or len(values) != len(spec.args) or None in values or \
            any(v < 0 for v in values) or sum(values) <= 0:
        ev.message(name, "wghtv", weights)
        return None
    p = np.array([float(v) for v in values])
    return spec, p / p.sum()


def _pick(elements, indices: np.ndarray):
    """The elements at the given index array, shaped like it (packed when possible)."""
    if isinstance(elements, PackedArray):
        return _array(elements.array[indices])
    items = elements.args
    flat = [items[i] for i in indices.ravel().tolist()]
    return _nest(flat, indices.shape) if indices.size else _array(indices)


_CHOICE_MESSAGES = {
    "lrwl": "The items for choice `1` should be a non-empty list or a rule weights -> choices.",
    "wghtv": "The weights `1` should be non-negative numbers, one for each choice, "
             "not all zero.",
    "array": _ARRAY_MESSAGE,
}


@builtin(argc=(1, 2), messages=_CHOICE_MESSAGES,
         usage="RandomChoice[{e1, e2, ...}] gives one of the ei chosen at "
               "random.\nRandomChoice[list, n] gives n of them, chosen with replacement, "
               "and RandomChoice[{w1, w2, ...} -> {e1, e2, ...}, n] chooses with weights "
               "wi.")
def RandomChoice(ev, expr):
    """RandomChoice[list]: a random element; RandomChoice[list, n] or [list, {n1, ...}]:
    elements chosen with replacement; RandomChoice[weights -> list, ...]: weighted."""
    choices = _choices(ev, expr)
    if choices is None:
        return None
    elements, p = choices
    dims = _dims(ev, expr, 2)
    if dims is None:
        return None
    indices = ev.rng.choice(len(elements.args), size=dims or (1,), p=p)
    return _pick(elements, indices) if dims else elements.args[int(indices[0])]


@builtin(argc=(1, 2), messages=_CHOICE_MESSAGES,
         usage="RandomSample[{e1, e2, ...}] gives the ei in a random "
               "order.\nRandomSample[list, n] gives n of them, all different, and "
               "RandomSample[{w1, ...} -> {e1, ...}, n] chooses with weights wi.")
def RandomSample(ev, expr):
    """RandomSample[list]: a random permutation; RandomSample[list, n]: n distinct
    elements (at most all of them); RandomSample[weights -> list, n]: weighted."""
    choices = _choices(ev, expr)
    if choices is None:
        return None
    elements, p = choices
    n = len(elements.args)
    if len(expr.args) == 2:
        count = expr.args[1]
        if type(count) is not Integer or count.value < 0:
            ev.message("RandomSample", "array", count, Integer(2), expr)
            return None
        n = min(n, count.value)
    if p is not None:
        n = min(n, int(np.count_nonzero(p)))
    indices = ev.rng.choice(len(elements.args), size=n, replace=False, p=p)
    return _pick(elements, indices)


@builtin(argc=(0, 1), messages={
    "seed": "The seed `1` should be an integer or a string."},
         usage="SeedRandom[n] restarts the random generator from the seed n, so that "
               "random results can be repeated.\nSeedRandom[] restarts it from an "
               "unpredictable seed.")
def SeedRandom(ev, expr):
    """SeedRandom[n]: restart the session's random generator from seed n (an integer or a
    string), so later random results repeat; SeedRandom[] reseeds unpredictably."""
    if not expr.args:
        ev.session.reseed(None)
        return S.Null
    seed = expr.args[0]
    if type(seed) is Integer:
        ev.session.reseed(abs(seed.value))
    elif isinstance(seed, String):
        ev.session.reseed(int.from_bytes(hashlib.sha256(seed.value.encode()).digest()[:8],
                                         "little"))
    else:
        ev.message("SeedRandom", "seed", seed)
        return None
    return S.Null
