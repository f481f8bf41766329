"""Slots of pure functions: ``#``, ``#n``, ``##`` and ``#name`` filled with arguments."""

from __future__ import annotations

from ..expr import Atom, Expr, Integer, PackedArray, S, String, is_association


def replace_slots(body, args, ev):
    """Put the arguments into ``#``, ``#n``, ``##`` and ``#name`` slots, leaving slots of
    nested pure functions alone (they belong to the inner function)."""
    if isinstance(body, Atom) or isinstance(body, PackedArray):
        return body
    if body.head is S.Slot and len(body.args) == 1:
        k = body.args[0]
        if isinstance(k, Integer):
            if 1 <= k.value <= len(args):
                return args[k.value - 1]
            ev.message("Function", "slotn", body)
            return body
        if isinstance(k, String) and args and is_association(args[0]):
            for rule in args[0].args:
                if rule.args[0] == k:
                    return rule.args[1]
        return body
    if body.head is S.SlotSequence and len(body.args) == 1 and isinstance(body.args[0], Integer):
        return Expr.make(S.Sequence, args[body.args[0].value - 1:])
    if body.head is S.Function:
        return body
    new_args = tuple(replace_slots(a, args, ev) for a in body.args)
    head = replace_slots(body.head, args, ev)
    if head is body.head and same(new_args, body.args):
        return body
    return Expr.make(head, new_args)


def same(a, b) -> bool:
    """Whether two argument tuples hold the very same objects (nothing was rewritten)."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))
