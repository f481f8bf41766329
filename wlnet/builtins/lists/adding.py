"""Adding to lists: Append, Prepend, AppendTo, PrependTo, Join (and the same on
associations, where later keys win); Insert and Delete at positions."""

from __future__ import annotations

import numpy as np

from ...expr import Atom, Expr, Integer, PackedArray, Real, S, from_python, is_list, pack
from ...kernel.builtin import builtin
from ..control.assignment import update
from ..structure.parts import elements, is_assoc, length


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


@builtin(argc=2,
         usage="Append[expr, elem] gives expr with elem added at the end.")
def Append(ev, expr):
    """Append[expr, elem]: elem added at the end (a rule updates an association)."""
    return _add(ev, "Append", expr.args[0], expr.args[1], True, expr)


@builtin(argc=2,
         usage="Prepend[expr, elem] gives expr with elem added at the start.")
def Prepend(ev, expr):
    """Prepend[expr, elem]: elem added at the start."""
    return _add(ev, "Prepend", expr.args[0], expr.args[1], False, expr)


def _add_to(ev, expr, at_end: bool):
    """AppendTo/PrependTo: update the value of a symbol (or of a part of one, or of an
    association's key) and give the new value."""
    name = "AppendTo" if at_end else "PrependTo"
    elem = ev.evaluate(expr.args[1])
    changed = update(ev, expr.args[0], name,
                     lambda old: _add(ev, name, old, elem, at_end, expr))
    return None if changed is None else changed[1]


@builtin(attributes="HoldFirst", argc=2,
         usage="AppendTo[x, elem] appends elem to the value of x and makes the result the "
               "new value of x.")
def AppendTo(ev, expr):
    """AppendTo[x, elem]: x = Append[x, elem]."""
    return _add_to(ev, expr, True)


@builtin(attributes="HoldFirst", argc=2,
         usage="PrependTo[x, elem] prepends elem to the value of x and makes the result "
               "the new value of x.")
def PrependTo(ev, expr):
    """PrependTo[x, elem]: x = Prepend[x, elem]."""
    return _add_to(ev, expr, False)


def _packed_concatenation(lists):
    """The lists joined in NumPy when the non-empty ones are packed arrays of one number
    kind and row shape, else None."""
    packed = [a for a in lists if length(a)]
    if packed and all(isinstance(a, PackedArray) for a in packed) and \
            len({(a.array.shape[1:], a.array.dtype.kind == "f") for a in packed}) == 1:
        return from_python(np.concatenate([a.array for a in packed]))
    return None


@builtin(messages={"heads": "Heads `1` and `2` at positions `3` and `4` are expected to be "
                            "the same."},
         usage="Join[list1, list2, ...] joins the lists "
               "together into one list.\nJoin[assoc1, assoc2, "
               "...] joins associations, later keys replacing "
               "earlier ones.")
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
    joined = _packed_concatenation(args)
    if joined is not None:
        return joined
    return Expr.make(args[0].head, [x for a in args for x in a.args])


@builtin(argc=1, messages={"invrp": "`1` is not a list or association."},
         usage="Catenate[{list1, list2, ...}] gives a single list of all the elements of "
               "the listi, in order.\nCatenate[{assoc1, assoc2, ...}] gives a list of the "
               "values of the associations.")
def Catenate(ev, expr):
    """Catenate[{l1, l2, ...}]: the elements (an association's values) of every li, in
    order, in one list; packed arrays of one kind concatenate in NumPy."""
    outer = expr.args[0]
    if not (is_list(outer) or is_assoc(outer)):
        ev.message("Catenate", "invrp", outer)
        return None
    parts = elements(outer)
    bad = next((p for p in parts if not (is_list(p) or is_assoc(p))), None)
    if bad is not None:
        ev.message("Catenate", "invrp", bad)
        return None
    joined = _packed_concatenation(parts)
    if joined is not None:
        return joined
    return pack([x for p in parts for x in elements(p)])


# -- Insert and Delete at positions ---------------------------------------------------------

_PSL = ("Position specification `1` in `2` is not a machine-sized integer or a list of "
        "machine-sized integers.")


def _positions(spec):
    """[(i, j, ...)] for n, {i, j, ...} or {{i, ...}, {j, ...}}; None if not one."""
    if isinstance(spec, Integer):
        return [(spec.value,)]
    if is_list(spec) and spec.args and all(isinstance(x, Integer) for x in spec.args):
        return [tuple(x.value for x in spec.args)]
    if is_list(spec) and spec.args and all(is_list(p) and p.args and all(
            isinstance(x, Integer) for x in p.args) for p in spec.args):
        return [tuple(x.value for x in p.args) for p in spec.args]
    return None


def _index(target, i, extra):
    """The Python index of position i among the elements (``extra`` 1 when inserting,
    which also allows the place after the last), or None."""
    if isinstance(target, Atom) or is_assoc(target):
        return None
    n = length(target) + extra
    if 1 <= i <= n:
        return i - 1
    if -n <= i <= -1:
        return n + i
    return None


def _edit(target, pos, last, extra):
    """target with last(elements, index) applied at position pos (``extra``: as for
    _index, at the last level); None if there is no such position."""
    i = _index(target, pos[0], extra if len(pos) == 1 else 0)
    if i is None:
        return None
    items = list(target.args)
    if len(pos) == 1:
        last(items, i)
    else:
        sub = _edit(items[i], pos[1:], last, extra)
        if sub is None:
            return None
        items[i] = sub
    return pack(items) if target.head is S.List else Expr.make(target.head, items)


def _normalized(target, pos, extra):
    """A position with every index counted from the start (to order several), or None."""
    out, node = [], target
    for depth, i in enumerate(pos):
        k = _index(node, i, extra if depth == len(pos) - 1 else 0)
        if k is None:
            return None
        out.append(k)
        node = node.args[k] if depth < len(pos) - 1 else node
    return tuple(out)


def _at_positions(ev, expr, target, spec, last, extra, tag):
    """Insert and Delete: last(elements, index) at every position of spec, the last
    positions first so that the others stay where they were."""
    name = expr.head.name
    positions = _positions(spec)
    if positions is None:
        ev.message(name, "psl", spec, expr)
        return None
    keyed = [(_normalized(target, p, extra), p) for p in positions]
    for key, p in keyed:
        if key is None:
            ev.message(name, tag, pack([Integer(i) for i in p]), target)
            return None
    for key, _ in sorted(keyed, reverse=True):
        target = _edit(target, tuple(k + 1 for k in key), last, extra)
    return target


@builtin(argc=3, messages={"ins": "Cannot insert at position `1` in `2`.", "psl": _PSL},
         usage="Insert[list, elem, n] inserts elem at position n in list (counting from the "
               "end for negative n).\nInsert[list, elem, {i, j, ...}] inserts at a position "
               "deeper in list.\nInsert[list, elem, {{i1, ...}, {i2, ...}, ...}] inserts at "
               "several positions.")
def Insert(ev, expr):
    """Insert[list, elem, pos]: elem put at the position(s)."""
    target, elem, spec = expr.args
    return _at_positions(ev, expr, target, spec, lambda items, i: items.insert(i, elem), 1,
                         "ins")


@builtin(argc=2, messages={"partw": "Part `1` of `2` does not exist.", "psl": _PSL},
         usage="Delete[expr, n] deletes the element at position n in expr (counting from "
               "the end for negative n).\nDelete[expr, {i, j, ...}] deletes the part at a "
               "deeper position.\nDelete[expr, {{i1, ...}, {i2, ...}, ...}] deletes several.")
def Delete(ev, expr):
    """Delete[expr, pos]: the element(s) at the position(s) removed."""
    target, spec = expr.args
    return _at_positions(ev, expr, target, spec, lambda items, i: items.pop(i), 0, "partw")
