"""Adding to lists: Append, Prepend, AppendTo, PrependTo, Join (and the same on
associations, where later keys win)."""

from __future__ import annotations

import numpy as np

from ...expr import Atom, Expr, Integer, PackedArray, Real, S, from_python, is_list
from ...kernel.builtin import builtin
from ..control.assignment import update
from ..structure.parts import is_assoc, length


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
    packed = [a for a in args if length(a)]
    if packed and all(isinstance(a, PackedArray) for a in packed) and \
            len({(a.array.shape[1:], a.array.dtype.kind == "f") for a in packed}) == 1:
        return from_python(np.concatenate([a.array for a in packed]))
    return Expr.make(args[0].head, [x for a in args for x in a.args])
