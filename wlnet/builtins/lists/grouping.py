"""Grouping and counting elements: DeleteDuplicates, Counts, GroupBy.

Elements are the same when they are SameQ (1 and 1. differ), so a Python dict keyed by
the expressions does the work; packed vectors go through NumPy.
"""

from __future__ import annotations

import numpy as np

from ...expr import TRUE, Atom, Expr, Integer, PackedArray, S, from_python, is_list
from ...kernel.builtin import builtin
from ..structure.parts import is_assoc, rebuild


def _assoc(pairs) -> Expr:
    return Expr.make(S.Association, [Expr(S.Rule, k, v) for k, v in pairs])


@builtin(argc=(1, 2), usage="DeleteDuplicates[list] gives list with only the first of each "
                            "run of identical elements kept, wherever they occur.\n"
                            "DeleteDuplicates[list, test] treats a and b as duplicates when "
                            "test[a, b] is True.")
def DeleteDuplicates(ev, expr):
    e = expr.args[0]
    if isinstance(e, Atom):
        ev.message("DeleteDuplicates", "normal", Integer(1), expr)
        return None
    if len(expr.args) == 2:
        test, kept = expr.args[1], []
        for x in e.args:
            if not any(ev.evaluate(Expr(test, k, x)) is TRUE for k in kept):
                kept.append(x)
        return rebuild(e, kept)
    if isinstance(e, PackedArray) and e.array.ndim == 1:
        _, first = np.unique(e.array, return_index=True)
        return from_python(e.array[np.sort(first)])
    if is_assoc(e):
        seen: dict = {}
        return Expr.make(S.Association,
                         [r for r in e.args if seen.setdefault(r.args[1], r) is r])
    return rebuild(e, list(dict.fromkeys(e.args)))


@builtin(argc=1, usage="Counts[list] gives an association whose keys are the distinct "
                       "elements of list and whose values are how often each occurs.")
def Counts(ev, expr):
    e = expr.args[0]
    if not (is_list(e) or is_assoc(e)):
        ev.message("Counts", "list", expr, Integer(1))
        return None
    counts: dict = {}
    for x in (r.args[1] for r in e.args) if is_assoc(e) else e.args:
        counts[x] = counts.get(x, 0) + 1
    return _assoc((k, Integer(n)) for k, n in counts.items())


def _groups(ev, items, key_fn, value_fn):
    """{key: [values]} in first-seen order of the keys."""
    groups: dict = {}
    for item in items:
        groups.setdefault(key_fn(item), []).append(value_fn(item))
    return groups


def _group(ev, e, spec, reduce):
    """GroupBy's association for the list or association e and the key spec (f,
    f -> g, or a list of them for nested groups)."""
    specs = spec.args if is_list(spec) else (spec,)
    first, rest = specs[0], specs[1:]
    f, g = (first.args if isinstance(first, Expr) and first.head is S.Rule and
            len(first.args) == 2 else (first, None))
    if is_assoc(e):
        items = list(e.args)

        def key_fn(r):
            return ev.evaluate(Expr(f, r.args[1]))

        def value_fn(r):
            return Expr(S.Rule, r.args[0], ev.evaluate(Expr(g, r.args[1])) if g else r.args[1])
        make = lambda rules: Expr.make(S.Association, rules)    # noqa: E731
    else:
        items = list(e.args)

        def key_fn(x):
            return ev.evaluate(Expr(f, x))

        def value_fn(x):
            return ev.evaluate(Expr(g, x)) if g else x
        make = lambda values: Expr.make(e.head, values)          # noqa: E731
    out = []
    for key, values in _groups(ev, items, key_fn, value_fn).items():
        group = make(values)
        if rest:
            group = _group(ev, group, Expr.make(S.List, rest), reduce)
        elif reduce is not None:
            group = ev.evaluate(Expr(reduce, group))
        out.append((key, group))
    return _assoc(out)


@builtin(argc=(2, 3), usage="GroupBy[list, f] gives an association that groups the elements "
                            "of list by the keys f[elem].\nGroupBy[list, f -> g] groups the "
                            "values g[elem] instead.\nGroupBy[list, spec, red] applies red to "
                            "each group.\nGroupBy[list, {f1, f2, ...}] groups in nested "
                            "associations.")
def GroupBy(ev, expr):
    e, spec = expr.args[:2]
    if not (is_list(e) or is_assoc(e)):
        ev.message("GroupBy", "list", expr, Integer(1))
        return None
    return _group(ev, e, spec, expr.args[2] if len(expr.args) == 3 else None)
