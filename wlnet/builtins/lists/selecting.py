"""Selecting the largest and smallest elements: MaximalBy, MinimalBy (all the extreme
elements, canonical order of f[e]), TakeLargest, TakeSmallest, TakeLargestBy and
TakeSmallestBy (the n extreme elements, numerical order, with property forms)."""

from __future__ import annotations

from functools import cmp_to_key

import numpy as np

from ...expr import Atom, Expr, Integer, PackedArray, S, String, from_python, pack
from ...kernel.builtin import builtin
from ...kernel.ordering import sort_key
from ...kernel.patterns import match
from ..common import operator_form
from ..numbers.numeric import real_value
from ..structure.parts import elements, is_assoc, length
from .ordering import descending_order, in_order, merge_sort


_INSUFF = {"insuff": "Cannot take `1` elements from `2`, which has `3`."}


def _count(ev, name, expr, spec, pos, available):
    """How many elements n or UpTo[n] asks for, or None after a message (a bad spec, or
    more than there are)."""
    upto = isinstance(spec, Expr) and spec.head is S.UpTo and len(spec.args) == 1
    n = spec.args[0] if upto else spec
    if not (isinstance(n, Integer) and n.value >= 0):
        ev.message(name, "intnm", expr, Integer(pos))
        return None
    if n.value > available and not upto:
        ev.message(name, "insuff", n, expr.args[0], Integer(available))
        return None
    return min(n.value, available)


def _pick(e, indices):
    """The elements at the 0-based indices, in that order: a list, or for an association
    the rules (keys kept)."""
    if is_assoc(e):
        return Expr.make(S.Association, [e.args[i] for i in indices])
    if isinstance(e, PackedArray):
        return from_python(e.array[np.asarray(indices, dtype=np.int64)]) if indices \
            else Expr(S.List)
    return pack([e.args[i] for i in indices])


# -- MaximalBy and MinimalBy -------------------------------------------------------------


def _extremal_by(sign):
    def extremal(ev, expr):
        name = expr.head.name
        if len(expr.args) == 1:       # the operator form MaximalBy[f], waiting for data
            return None
        e, f = expr.args[:2]
        if isinstance(e, Atom):
            ev.message(name, "normal", Integer(1), expr)
            return None
        keys = [sort_key(ev.evaluate(Expr(f, x))) for x in elements(e)]
        # descending (MaximalBy) or ascending order of f[e], ties in the order of e
        order = sorted(range(len(keys)), key=cmp_to_key(
            lambda i, j: sign * ((keys[j] > keys[i]) - (keys[j] < keys[i])) or i - j))
        if len(expr.args) == 2:
            best = [i for i in order if keys[i] == keys[order[0]]] if order else []
            return _pick(e, sorted(best))
        n = _count(ev, name, expr, expr.args[2], 3, len(keys))
        return None if n is None else _pick(e, order[:n])
    return extremal


MaximalBy = builtin(
    "MaximalBy", argc=(1, 3), messages=_INSUFF,
    usage="MaximalBy[list, f] gives the elements ei of list for which f[ei] is maximal, in "
          "the order they appear.\nMaximalBy[list, f, n] gives the n elements with the "
          "largest f[ei], in decreasing order of f[ei].\nMaximalBy[f][list] is "
          "MaximalBy[list, f].")(_extremal_by(1))
MinimalBy = builtin(
    "MinimalBy", argc=(1, 3), messages=_INSUFF,
    usage="MinimalBy[list, f] gives the elements ei of list for which f[ei] is minimal, in "
          "the order they appear.\nMinimalBy[list, f, n] gives the n elements with the "
          "smallest f[ei], in increasing order of f[ei].\nMinimalBy[f][list] is "
          "MinimalBy[list, f].")(_extremal_by(-1))
operator_form("MaximalBy")
operator_form("MinimalBy")


# -- TakeLargest, TakeSmallest and their By forms ------------------------------------------


def _excluded(ev, value, forms) -> bool:
    """Whether value is left out by ExcludedForms (Automatic: None, Null, Indeterminate
    and Missing[...])."""
    if forms is S.Automatic:
        return value in (S["None"], S.Null, S.Indeterminate) or \
            (isinstance(value, Expr) and value.head is S.Missing)
    patterns = forms.args if isinstance(forms, Expr) and forms.head is S.List else (forms,)
    return any(match(p, value, ev) is not None for p in patterns)


def _numerical_key(ev, values):
    """Sort keys for values: their real values when all are real numbers (numerical
    order), else Wolfram's canonical order."""
    reals = [real_value(ev, v) for v in values]
    if all(r is not None for r in reals):
        return reals
    return [sort_key(v) for v in values]


def _ordered(ev, values, indices, largest, p):
    """indices sorted so that values[i] runs from the largest (or smallest) down, ties in
    their order; p, when given, is the ordering function."""
    if p is not None:
        test = in_order(ev, p)
        before = (lambda i, j: test(values[j], values[i])) if largest else \
            (lambda i, j: test(values[i], values[j]))
        return merge_sort(indices, before)
    keys = _numerical_key(ev, [values[i] for i in indices])
    rank = dict(zip(indices, keys))
    return sorted(indices, key=cmp_to_key(
        lambda i, j: (1 if largest else -1) * ((rank[j] > rank[i]) - (rank[j] < rank[i]))
        or i - j))


def _property(e, prop, i, value):
    """The property prop ("Element", "Index", "Value" when value is f[e], a list of them,
    or All) of the chosen element at 0-based position i."""
    index = Expr(S.Key, e.args[i].args[0]) if is_assoc(e) else Integer(i + 1)
    known = {"Element": elements(e)[i], "Index": index}
    if value is not None:
        known["Value"] = value
    if prop is S.All:
        return Expr.make(S.Association, [Expr(S.Rule, String(k), v) for k, v in known.items()])
    if isinstance(prop, Expr) and prop.head is S.List:
        return pack([_property(e, q, i, value) for q in prop.args])
    return known.get(prop.value) if isinstance(prop, String) else None


def _take_extreme(largest, by):
    def take(ev, expr):
        name = expr.head.name
        split = ev.split_options(expr, name)
        if split is None:
            return None
        args, opts = split
        if len(args) == (2 if by else 1):     # an operator form, waiting for data
            return None
        data, prop = args[0], None
        if isinstance(data, Expr) and data.head is S.Rule and len(data.args) == 2:
            data, prop = data.args
        if isinstance(data, Atom):
            ev.message(name, "normal", Integer(1), expr)
            return None
        f = args[1] if by else None
        spec = args[2 if by else 1]
        p = args[3 if by else 2] if len(args) > (3 if by else 2) else None
        if isinstance(data, PackedArray) and data.array.ndim == 1 and not by and \
                p is None and opts["ExcludedForms"] is S.Automatic:
            # numbers only: nothing is excluded, and NumPy orders them
            n = _count(ev, name, expr, spec, 2, len(data.array))
            if n is None:
                return None
            a = data.array
            values = None
            order = descending_order(a) if largest else np.argsort(a, kind="stable")
            chosen = [int(i) for i in order[:n]]
        else:
            items = elements(data)
            values = [ev.evaluate(Expr(f, x)) for x in items] if by else list(items)
            kept = [i for i, v in enumerate(values)
                    if not _excluded(ev, v, opts["ExcludedForms"])]
            n = _count(ev, name, expr, spec, 3 if by else 2, len(kept))
            if n is None:
                return None
            chosen = _ordered(ev, values, kept, largest, p)[:n]
        if prop is None:
            return _pick(data, chosen)
        found = [_property(data, prop, i, values[i] if by else None) for i in chosen]
        if any(x is None for x in found):
            ev.message(name, "prop", prop)
            return None
        return pack(found)
    return take


def _extreme_builtin(name, largest, by, usage):
    fn = builtin(name, argc=(2, 4) if by else (1, 3), usage=usage,
                 options={"ExcludedForms": S.Automatic},
                 messages={**_INSUFF, "prop": "`1` is not a known property."}
                 )(_take_extreme(largest, by))
    operator_form(name, arity=2 if by else 1)
    return fn


_PROPS = "\"Element\", \"Index\", a list of them or All"
_BY_PROPS = "\"Element\", \"Index\", \"Value\" (f[ei]), a list of them or All"

TakeLargest = _extreme_builtin(
    "TakeLargest", True, False,
    "TakeLargest[list, n] gives the n largest elements of list, in descending order.\n"
    f"TakeLargest[list -> prop, n] gives the property prop ({_PROPS}) of each.\n"
    "TakeLargest[list, n, p] orders by the ordering function p.\nTakeLargest[n][list] is "
    "TakeLargest[list, n].")
TakeSmallest = _extreme_builtin(
    "TakeSmallest", False, False,
    "TakeSmallest[list, n] gives the n smallest elements of list, in ascending order.\n"
    f"TakeSmallest[list -> prop, n] gives the property prop ({_PROPS}) of each.\n"
    "TakeSmallest[list, n, p] orders by the ordering function p.\nTakeSmallest[n][list] "
    "is TakeSmallest[list, n].")
TakeLargestBy = _extreme_builtin(
    "TakeLargestBy", True, True,
    "TakeLargestBy[list, f, n] gives the n elements ei of list with the largest f[ei], in "
    "descending order.\nTakeLargestBy[list -> prop, f, n] gives the property prop "
    f"({_BY_PROPS}) of each.\nTakeLargestBy[f, n][list] is "
    "TakeLargestBy[list, f, n].")
TakeSmallestBy = _extreme_builtin(
    "TakeSmallestBy", False, True,
    "TakeSmallestBy[list, f, n] gives the n elements ei of list with the smallest f[ei], "
    "in ascending order.\nTakeSmallestBy[list -> prop, f, n] gives the property prop "
    f"({_BY_PROPS}) of each.\nTakeSmallestBy[f, n][list] is "
    "TakeSmallestBy[list, f, n].")
