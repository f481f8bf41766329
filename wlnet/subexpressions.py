"""Walks over every part of an expression, as loops, so they handle any depth that
evaluation allows (a recursive walk would overflow the stack on ``Nest[Hold, 1, 10^6]``)."""

from .expr import Expr, PackedArray


def subexpressions(e):
    """``e`` and everything in it, heads included, in no set order (a loop, so any
    depth; a PackedArray counts as one)."""
    stack = [e]
    while stack:
        x = stack.pop()
        yield x
        if isinstance(x, Expr) and not isinstance(x, PackedArray):
            stack.append(x.head)
            stack.extend(x.args)


def mentions(e, part) -> bool:
    """Whether ``part`` occurs anywhere in ``e``."""
    return any(x is part or x == part for x in subexpressions(e))
