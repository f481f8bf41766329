"""Parts of expressions: Part, and the ``x[[...]] = v`` update the assignment calls.

Associations take part through their values (``assoc[[1]]`` is the first value,
``assoc[["k"]]`` the value at key "k"), and packed arrays are indexed with NumPy, so
``data[[All, 2]]`` on a 100k x 10 array is one slice, not 100k Python objects.
"""

from __future__ import annotations

import numpy as np

from ...expr import (Atom, Expr, Integer, ObjectAtom, PackedArray, Real, S, String,
                     from_python, is_association, pack)
from ...kernel.builtin import builtin


# -- elements: what Part and friends see of an expression -------------------------------


is_assoc = is_association


def elements(e) -> tuple:
    """The parts positions 1..n refer to: the values of an association, else the args."""
    if is_assoc(e):
        return tuple(r.args[1] for r in e.args)
    return e.args


def rebuild(e, items):
    """``e`` with its elements replaced by ``items`` (for an association: new values, same
    keys), packed again when it is a list of numbers."""
    if is_assoc(e):
        return Expr.make(S.Association, [Expr(r.head, r.args[0], v) for r, v in zip(e.args, items)])
    if e.head is S.List:
        return pack(items)
    return Expr.make(e.head, items)


def array_expr(arr: np.ndarray):
    """A packed List for an array (a plain {} when it has no rows: PackedArray never is empty)."""
    return from_python(arr) if arr.shape[0] else Expr(S.List)


def subset(e, indices):
    """The expression keeping only the elements (0-based positions) listed, in that order;
    an association keeps the chosen rules. A range of a packed array is a slice (a view)."""
    if isinstance(e, PackedArray):
        if isinstance(indices, range):
            stop = indices.stop if indices.stop >= 0 else None
            return array_expr(e.array[indices.start:stop:indices.step])
        return array_expr(e.array[np.asarray(list(indices), dtype=np.int64)])
    return Expr.make(e.head, [e.args[i] for i in indices])


def length(e) -> int:
    if isinstance(e, PackedArray):
        return e.array.shape[0]
    return 0 if isinstance(e, Atom) else len(e.args)


def element(e, k: int):
    """Element k (0-based, already checked) without unpacking a packed array."""
    if isinstance(e, PackedArray):
        return from_python(e.array[k])
    return elements(e)[k]


# -- ranges: spans and sequence specifications --------------------------------------------


def span_range(a: int, b: int, s: int, n: int) -> range | None:
    """0-based positions of the 1-based inclusive run a, a+s, ... up to b in a length-n
    sequence (negative a, b count from the end); None when it reaches outside."""
    if s == 0:
        return None
    a = a + n + 1 if a < 0 else a
    b = b + n + 1 if b < 0 else b
    if s > 0:
        if 1 <= a <= n + 1 and 0 <= b <= n and b >= a - 1:
            return range(a - 1, b, s)
        return None
    if 1 <= a <= n and 1 <= b <= n + 1 and b <= a + 1:
        return range(a - 1, b - 2, s)
    return None


def _span_bounds(spec, n):
    """(a, b, s) of a ``Span`` part specification, or None if it is not one."""
    parts = spec.args
    if len(parts) not in (2, 3):
        return None
    s = parts[2].value if len(parts) == 3 and isinstance(parts[2], Integer) else \
        (1 if len(parts) == 2 else None)
    if s is None:
        return None
    a, b = parts[0], parts[1]
    if s < 0 and a == Integer(1) and b is S.All:   # ;; ;; -1 runs backwards over everything
        a, b = Integer(-1), Integer(1)
    a = Integer(1) if a is S.All else a
    b = Integer(-1) if b is S.All else b
    if not (isinstance(a, Integer) and isinstance(b, Integer)):
        return None
    return a.value, b.value, s


def sequence_spec(spec, n: int):
    """The (a, b, s) run a Take/Drop-style specification (n, -n, {m}, {m, n}, {m, n, s},
    m ;; n ;; s, All, None, UpTo[n]) denotes, with a and b as the user gave them; None if
    malformed."""
    if isinstance(spec, Integer):
        k = spec.value
        return (1, k, 1) if k >= 0 else (k, -1, 1)
    if spec is S.All:
        return 1, -1, 1
    if spec is S["None"]:
        return 1, 0, 1
    if isinstance(spec, Expr) and spec.head is S.UpTo and len(spec.args) == 1 and \
            isinstance(spec.args[0], Integer) and spec.args[0].value >= 0:
        return 1, min(spec.args[0].value, n), 1
    if isinstance(spec, Expr) and spec.head is S.Span:
        return _span_bounds(spec, n)
    if isinstance(spec, Expr) and spec.head is S.List and 1 <= len(spec.args) <= 3:
        vals = [(-1 if x is S.All else x.value) if isinstance(x, Integer) or x is S.All else None
                for x in spec.args]
        if None in vals:
            return None
        if len(vals) == 1:
            return vals[0], vals[0], 1
        return vals[0], vals[1], vals[2] if len(vals) == 3 else 1
    return None


# -- Part ---------------------------------------------------------------------------------


def _key_spec(spec):
    """The key a part specification names in an association ("k" or Key[k]), else None."""
    if isinstance(spec, String):
        return spec
    if isinstance(spec, Expr) and spec.head is S.Key and len(spec.args) == 1:
        return spec.args[0]
    return None


def _lookup(assoc, key):
    for r in assoc.args:
        if r.args[0] == key:
            return r.args[1]
    return Expr(S.Missing, String("KeyAbsent"), key)


def _index(ev, name, expr, k: int):
    """0-based position of part k (negative counts from the end), or None after partw."""
    n = length(expr)
    if 1 <= k <= n:
        return k - 1
    if -n <= k <= -1:
        return n + k
    ev.message(name, "partw", Integer(k), expr)
    return None


def _not_a_selection(ev, name, spec):
    """None, after ``name::pkspec1``: spec is not a part specification at all."""
    ev.message(name, "pkspec1", spec)
    return None


def _selection(ev, name, expr, spec):
    """0-based positions picked by All, a Span or a list of indices; None after a message."""
    n = length(expr)
    if spec is S.All:
        return range(n)
    if isinstance(spec, Expr) and spec.head is S.Span:
        bounds = _span_bounds(spec, n)
        if bounds is None:
            return _not_a_selection(ev, name, spec)
        positions = span_range(*bounds, n)
        if positions is None:
            ev.message(name, "take", Integer(bounds[0]), Integer(bounds[1]), expr)
        return positions
    if isinstance(spec, Expr) and spec.head is S.List:
        if isinstance(spec, PackedArray):
            if spec.array.dtype.kind != "i":
                return _not_a_selection(ev, name, spec)
            items = spec.array.ravel().tolist() if spec.array.ndim == 1 else None
            if items is None:
                return _not_a_selection(ev, name, spec)
        elif all(isinstance(x, Integer) for x in spec.args):
            items = [x.value for x in spec.args]
        else:
            return _not_a_selection(ev, name, spec)
        out = []
        for k in items:
            i = _index(ev, name, expr, k)
            if i is None:
                return None
            out.append(i)
        return out
    return _not_a_selection(ev, name, spec)


def _assoc_keys_selection(expr, spec):
    """``assoc[[{"a", "b"}]]``: the sub-association of those keys (Missing for absent ones)."""
    keys = [_key_spec(x) for x in spec.args]
    if None in keys:
        return None
    return Expr.make(S.Association, [Expr(S.Rule, k, _lookup(expr, k)) for k in keys])


def get_part(ev, expr, specs, whole, name="Part"):
    """The part of ``expr`` at ``specs`` (one spec per level), or None after a message.
    ``whole`` is the original Part expression, quoted by partd."""
    if not specs:
        return expr
    if isinstance(expr, PackedArray):
        fast = _packed_part(expr.array, specs)
        if fast is not None:
            return fast
    spec, rest = specs[0], specs[1:]
    if isinstance(expr, ObjectAtom) and hasattr(expr, "part"):
        sub = expr.part(ev, spec)
        return None if sub is None else get_part(ev, sub, rest, whole, name)
    if isinstance(spec, Integer) and spec.value == 0:
        return get_part(ev, expr.head, rest, whole, name)
    if isinstance(expr, Atom):
        ev.message(name, "partd", whole)
        return None
    if isinstance(spec, Integer):
        i = _index(ev, name, expr, spec.value)
        return None if i is None else get_part(ev, element(expr, i), rest, whole, name)
    if is_assoc(expr):
        key = _key_spec(spec)
        if key is not None:
            return get_part(ev, _lookup(expr, key), rest, whole, name)
        if isinstance(spec, Expr) and spec.head is S.List and spec.args and \
                all(_key_spec(x) is not None for x in spec.args):
            return _each(ev, _assoc_keys_selection(expr, spec), rest, whole, name)
    positions = _selection(ev, name, expr, spec)
    if positions is None:
        return None
    return _each(ev, subset(expr, positions), rest, whole, name)


def _each(ev, expr, rest, whole, name):
    """Apply the remaining specs to every element of a selection, keeping its head."""
    if not rest:
        return expr
    out = []
    for item in elements(expr):
        sub = get_part(ev, item, rest, whole, name)
        if sub is None:
            return None
        out.append(sub)
    return rebuild(expr, out)


def _numpy_index(spec, n):
    """A NumPy index for one part spec on an axis of length n, or None if the spec is not
    an in-range integer, All, Span or list of integers."""
    if isinstance(spec, Integer):
        k = spec.value
        return k - 1 if 1 <= k <= n else (n + k if -n <= k <= -1 else None)
    if spec is S.All:
        return slice(None)
    if isinstance(spec, Expr) and spec.head is S.Span:
        bounds = _span_bounds(spec, n)
        r = span_range(*bounds, n) if bounds is not None else None
        if r is None:
            return None
        return slice(r.start, r.stop if r.stop >= 0 else None, r.step)
    if isinstance(spec, PackedArray) and spec.array.ndim == 1 and spec.array.dtype.kind == "i":
        ks = spec.array
    elif isinstance(spec, Expr) and spec.head is S.List and spec.args and \
            all(isinstance(x, Integer) for x in spec.args):
        ks = np.array([x.value for x in spec.args], dtype=np.int64)
    else:
        return None
    if ks.size and (ks.min() < -n or ks.max() > n or (ks == 0).any()):
        return None
    return np.where(ks > 0, ks - 1, ks + n)


def _numpy_indices(arr: np.ndarray, specs):
    """One NumPy index per spec, each for the next axis of arr; None when there are more
    specs than axes or one is beyond NumPy (the general code then handles it)."""
    if len(specs) > arr.ndim:
        return None
    index = []
    for axis, spec in enumerate(specs):
        ix = _numpy_index(spec, arr.shape[axis])
        if ix is None:
            return None
        index.append(ix)
    return index


def _packed_part(arr: np.ndarray, specs):
    """Part of a packed array by slicing, or None to let the general code (and its
    messages) handle it. Each spec indexes one axis; integer specs drop their axis."""
    index = _numpy_indices(arr, specs)
    if index is None:
        return None
    result = arr
    axis = 0
    for ix in index:   # one axis at a time: lists of indices select an outer product
        result = result[(slice(None),) * axis + (ix,)]
        if not isinstance(ix, (int, np.integer)):
            axis += 1
    return array_expr(result) if isinstance(result, np.ndarray) and result.ndim else \
        from_python(result)


@builtin(attributes="NHoldRest ReadProtected", argc=(1, None),
         usage="expr[[i]] or Part[expr, i] gives the i-th part of expr; expr[[-i]] counts "
               "from the end.\nexpr[[i, j, ...]] gives a part deeper down, and expr[[{i1, "
               "i2, ...}]] or expr[[m ;; n]] a list of parts.")
def Part(ev, expr):
    """expr[[i, j, ...]]: the part at those positions; unevaluated after a message."""
    return get_part(ev, expr.args[0], expr.args[1:], expr)


# -- part assignment ---------------------------------------------------------------------


def set_part(ev, value, specs, new, name="Set"):
    """``value`` with the part at ``specs`` replaced by ``new`` (what ``x[[...]] = new``
    stores), or None after a message. A selection (All, span, list) assigned a list of the
    same length takes one element each; otherwise every selected part gets ``new``."""
    return _set(ev, value, list(specs), new, Expr.make(S.Part, [value, *specs]), name)


def _set(ev, expr, specs, new, whole, name):
    if isinstance(expr, PackedArray):
        fast = _packed_set(expr.array, specs, new)
        if fast is not None:
            return fast
    spec, rest = specs[0], specs[1:]
    if isinstance(spec, Integer) and spec.value == 0:
        head = new if not rest else _set(ev, expr.head, rest, new, whole, name)
        return None if head is None or isinstance(expr, Atom) else Expr.make(head, expr.args)
    if isinstance(expr, Atom):
        ev.message(name, "partd", whole)
        return None
    items = list(elements(expr))
    if is_assoc(expr):
        key = _key_spec(spec)
        if key is not None:
            return _set_key(ev, expr, key, rest, new, whole, name)
    if isinstance(spec, Integer):
        i = _index(ev, name, expr, spec.value)
        if i is None:
            return None
        positions, values = [i], [new]
    else:
        positions = _selection(ev, name, expr, spec)
        if positions is None:
            return None
        spread = isinstance(new, Expr) and new.head is S.List and len(new.args) == len(positions)
        values = list(new.args) if spread else [new] * len(positions)
    for i, v in zip(positions, values):
        updated = v if not rest else _set(ev, items[i], rest, v, whole, name)
        if updated is None:
            return None
        items[i] = updated
    return rebuild(expr, items)


def _set_key(ev, assoc, key, rest, new, whole, name):
    """Replace the value at ``key`` (appending the key when it is absent)."""
    rules = list(assoc.args)
    for i, r in enumerate(rules):
        if r.args[0] == key:
            updated = new if not rest else _set(ev, r.args[1], rest, new, whole, name)
            if updated is None:
                return None
            rules[i] = Expr(r.head, key, updated)
            return Expr.make(S.Association, rules)
    if rest:
        ev.message(name, "partw", key, assoc)
        return None
    return Expr.make(S.Association, rules + [Expr(S.Rule, key, new)])


def _packed_set(arr: np.ndarray, specs, new):
    """In-place-style update of a copy of a packed array when the new value has the same
    number kind and exactly the shape of the selected region; None otherwise."""
    if any(isinstance(s, Expr) and s.head is S.List for s in specs):
        return None
    index = _numpy_indices(arr, specs)
    if index is None:
        return None
    index = tuple(index)
    region = arr[index]
    kind = "f" if arr.dtype.kind == "f" else "i"
    if isinstance(new, PackedArray):
        if new.array.dtype.kind != kind or np.shape(region) != new.array.shape:
            return None
        payload = new.array
    elif (kind == "i" and isinstance(new, Integer) and -2**63 <= new.value < 2**63) or \
            (kind == "f" and isinstance(new, Real)):
        payload = new.value
    else:
        return None
    out = arr.copy()
    out[index] = payload
    return from_python(out)
