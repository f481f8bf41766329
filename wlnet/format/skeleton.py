"""Bounded printing: how deep and how long an expression is printed, and Wolfram's
Skeleton ``<<n>>`` for what is left out.

The printers recurse once per level, and an expression can be far deeper than any stack
(``Nest[Hold, 1, 10^6]``), so every printer entry point (``printer``) first cuts the
expression at ``PRINT_DEPTH`` levels, the parts below standing as ``<<1>>`` as in
Wolfram's ``Shallow``, and then runs on a big-stack thread (``wlnet.stack``). Messages go
further: an argument is first cut to at most about 100,000 elements
(``message_argument``), because a message must never spend the memory its computation
was refused (a ``StringJoin`` of 4 GB); ``forms.brief`` then shortens it as Wolfram
shows it. Both cuts here walk the expression with an explicit stack, never recursively,
and give the expression itself back when nothing needs cutting.
"""

from __future__ import annotations

import functools

from ..expr import Expr, Integer, PackedArray, S, String, from_python
from ..stack import on_big_stack

__all__ = ["PRINT_DEPTH", "bounded", "message_argument", "printer", "print_cut", "skeleton",
           "exact_printer", "TooDeep"]

PRINT_DEPTH = 10_000            # levels printed; deeper parts print as <<1>>
MESSAGE_DEPTH = 100             # the same for a message argument, ...
MESSAGE_WIDTH = 10_000          # ... its elements at each level, ...
MESSAGE_LEAVES = 100_000        # ... its elements in all (a string counts its length), ...
MESSAGE_CHARS = 1_000           # ... and the characters of a string or integer in it
MESSAGE_TEXT_CHARS = 10_000     # a string argument itself (usually words of the message)
_DIGITS_PER_BIT = 0.30103


class TooDeep(Exception):
    """An expression that must be written whole (Export, Put) is deeper than
    PRINT_DEPTH."""


def skeleton(n: int) -> Expr:
    """``Skeleton[n]``, which prints as ``<<n>>``: n elements left out."""
    return Expr(S.Skeleton, Integer(n))


class _Limits:
    __slots__ = ("depth", "width", "leaves", "chars")

    def __init__(self, depth, width=None, leaves=None, chars=None):
        self.depth, self.width, self.leaves, self.chars = depth, width, leaves, chars


_PRINT = _Limits(PRINT_DEPTH)
_MESSAGE = _Limits(MESSAGE_DEPTH, MESSAGE_WIDTH, MESSAGE_LEAVES, MESSAGE_CHARS)


def bounded(expr, limits: _Limits = _PRINT):
    """``expr`` cut to the limits (by default PRINT_DEPTH levels), or ``expr`` itself."""
    return expr if _fits(expr, limits) else _cut(expr, limits)


def message_argument(expr):
    """A message argument cut to the message limits (a string argument, which is
    usually part of the message's words, only past MESSAGE_TEXT_CHARS)."""
    if type(expr) is String:
        text = expr.value
        return expr if len(text) <= MESSAGE_TEXT_CHARS else \
            String(text[:MESSAGE_TEXT_CHARS] + f"<<{len(text) - MESSAGE_TEXT_CHARS}>>")
    return bounded(expr, _MESSAGE)


def printer(fn):
    """Decorate a printer entry point ``fn(expr, ...)``: it prints ``print_cut``."""
    @functools.wraps(fn)
    def run(expr, *args, **kwargs):
        return print_cut(lambda cut: fn(cut(expr), *args, **kwargs))
    return run


def print_cut(write):
    """``write(cut)`` on a big-stack thread, where ``cut(expr)`` gives expr cut to
    PRINT_DEPTH. Should the stack still run out (the process's recursion limit is shared,
    and a host program may have lowered it), it is written again cut four times
    shallower: printing never fails for depth."""
    def attempt():
        depth = PRINT_DEPTH
        while True:
            limits = _PRINT if depth == PRINT_DEPTH else _Limits(depth)
            try:
                return write(lambda expr: bounded(expr, limits))
            except RecursionError:
                if depth <= 4:
                    raise
                depth //= 4
    return on_big_stack(attempt)


def exact_printer(fn):
    """Like ``printer`` for text that must hold the whole expression (files): raise
    TooDeep instead of cutting."""
    @functools.wraps(fn)
    def run(expr, *args, **kwargs):
        if not _fits(expr, _PRINT):
            raise TooDeep()
        try:
            return on_big_stack(fn, expr, *args, **kwargs)
        except RecursionError:
            raise TooDeep() from None
    return run


# -- the walks ----------------------------------------------------------------------------

def _size(x) -> int:
    """Elements x prints: a packed array all its numbers, anything else 1."""
    return x.array.size if isinstance(x, PackedArray) else 1


def _fits(root, limits: _Limits) -> bool:
    """Whether nothing in root goes past the limits (no copy is made)."""
    depth, width, leaves, chars = limits.depth, limits.width, limits.leaves, limits.chars
    count = 0
    stack = [(root, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        x, d = pop()
        if isinstance(x, PackedArray):
            count += x.array.size
            if d + x.array.ndim > depth:
                return False
        elif isinstance(x, Expr):
            if d >= depth or (width is not None and len(x.args) > width):
                return False
            push((x.head, d + 1))
            for a in x.args:
                push((a, d + 1))
        elif chars is not None:
            if _characters(x) > chars:
                return False
            count += _characters(x)
        count += 1
        if leaves is not None and count > leaves:
            return False
    return True


def _characters(x) -> int:
    """About how many characters a string or an integer prints as (0 for the rest)."""
    if type(x) is String:
        return len(x.value)
    if type(x) is Integer:
        return int(x.value.bit_length() * _DIGITS_PER_BIT)
    return 0


class _Frame:
    """A node being rebuilt: its head and kept arguments (``children``), how many of
    them are visited (``next``) and rebuilt (``done``), and how many were left out."""
    __slots__ = ("node", "depth", "children", "next", "done", "dropped")

    def __init__(self, node, depth, children, dropped):
        self.node, self.depth, self.children, self.dropped = node, depth, children, dropped
        self.next, self.done = 0, []


def _children(x, width) -> tuple[list, int]:
    """(head and the arguments kept, how many arguments are left out)."""
    n = len(x.array) if isinstance(x, PackedArray) else len(x.args)
    keep = n if width is None else min(n, width)
    if isinstance(x, PackedArray):
        rows = x.array[:keep]
        args = [PackedArray(r) for r in rows] if rows.ndim > 1 else \
            [from_python(v) for v in rows.tolist()]
    else:
        args = list(x.args[:keep])
    return [x.head] + args, n - keep


def _cut(root, limits: _Limits):
    depth, width, chars = limits.depth, limits.width, limits.chars
    limited = limits.leaves is not None
    budget = limits.leaves or 0

    def enter(x, d):
        """(x or its cut version, None) for a leaf, (None, frame) for a node to visit."""
        nonlocal budget
        if isinstance(x, PackedArray) and d + x.array.ndim <= depth and \
                (not limited or x.array.size <= budget):
            budget -= x.array.size
            return x, None
        budget -= 1 if chars is None else 1 + min(_characters(x), chars)
        if not isinstance(x, Expr):
            if chars is not None and _characters(x) > chars:
                if type(x) is String:
                    return String(x.value[:chars] + f"<<{len(x.value) - chars}>>"), None
                return skeleton(_characters(x)), None        # the digits left out
            return x, None
        if d >= depth:
            return skeleton(1), None
        return None, _Frame(x, d, *_children(x, width))

    value, frame = enter(root, 0)
    if frame is None:
        return value
    stack = [frame]
    while True:
        top = stack[-1]
        if top.next < len(top.children) and (top.next == 0 or not limited or budget > 0):
            child = top.children[top.next]
            top.next += 1
            value, frame = enter(child, top.depth + 1)
            if frame is None:
                top.done.append(value)
            else:
                stack.append(frame)
            continue
        head, *args = top.done
        left_out = len(top.children) - top.next + top.dropped
        if left_out:
            args.append(skeleton(left_out))
        built = Expr.make(head, args)
        stack.pop()
        if not stack:
            return built
        stack[-1].done.append(built)
