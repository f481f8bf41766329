"""The one memory guard every allocating builtin calls before it allocates.

An interrupt cannot stop a single NumPy allocation or string concatenation: by the time
it is checked, the process may already have been killed for lack of memory. So a builtin
that is about to build something whose size it can compute up front (``Range[10^12]``,
``RandomReal[1, {10^6, 10^6}]``, ``ConstantArray``, the product of ``Table``'s iterator
counts, a net's weight arrays) asks ``check_allocation`` first. A refusal issues
``General::mem`` and aborts the whole top-level evaluation, as Wolfram's ``General::nomem``
does: carrying on with a placeholder would only let a loop such as
``Nest[# <> # &, "a", 40]`` keep building on it. Work that grows step by step (``Do``,
``NestList``) is not refused: ``ev.check_abort()`` stops it when the user interrupts.

The budget is one number of bytes for any single result, so the limit reads the same for
packed arrays (8 bytes an element), expression lists (``EXPR_BYTES`` an element: the
reference, the element object and its share of the tuple) and strings (a byte a
character). ``WLNET_MAX_BYTES`` overrides it for machines with more (or less) memory.

Exact numbers have limits of their own, because one operation on big integers is a single
call into CPython that no interrupt can stop: an exact result may have ``MAX_EXACT_BITS``
bits, and the operations whose time grows with the square of the size (division, the
greatest common divisor behind every fraction) ``MAX_QUADRATIC_BITS`` in their operands,
which keeps each of them under about a second. docs/limits.md lists every limit.
"""

from __future__ import annotations

import os

from ..expr import Expr, Integer, S, String, Symbol
from ..syntax.parser import InputTooLarge, ParseInterrupted, parse
from .messages import Abort

MAX_BYTES = int(os.environ.get("WLNET_MAX_BYTES", 2 * 1024 ** 3))
PACKED_BYTES = 8      # a machine integer or real in a packed array
EXPR_BYTES = 64       # an element of an unpacked list (reference + small object)
CHAR_BYTES = 1        # a character of a string (CPython's compact ASCII form)


MAX_EXACT_BITS = 10_000_000     # an exact integer (about 3 million digits)
MAX_QUADRATIC_BITS = 400_000    # operands of exact division and of fractions


def memory_text(need: int) -> str:
    """The second argument of ``General::mem`` for a refused allocation."""
    return f"{need:,} bytes; the limit is {MAX_BYTES:,}"


def bits_text(bits: int, limit: int = MAX_EXACT_BITS, what: str = "an exact number") -> str:
    """The second argument of ``General::mem`` for a refused exact computation."""
    return f"{what} of {int(bits):,} bits; the limit is {limit:,}"


def check_allocation(ev, expr, n_elements: int, element_bytes: int = PACKED_BYTES) -> None:
    """Return if ``n_elements`` of ``element_bytes`` each fit the budget; otherwise issue
    ``General::mem`` naming the computation ``expr`` and the bytes it would need, and raise
    Abort (the session's answer is then ``$Aborted``)."""
    need = n_elements * element_bytes
    if need > MAX_BYTES:
        ev.message("General", "mem", expr, String(memory_text(need)))
        raise Abort()


# $RecursionLimit and $IterationLimit: their defaults, and what a value must be (Wolfram:
# Infinity or an integer of at least 20; anything else is refused and the limit stays).
LIMIT_DEFAULTS = {"$RecursionLimit": 1024, "$IterationLimit": 4096}
LIMIT_MINIMUM = 20
UNLIMITED = 1 << 62      # Infinity: no limit of the language's own (the stack still has one)


def limit_value(value) -> int | None:
    """The limit a value of $RecursionLimit or $IterationLimit sets, or None if invalid."""
    if isinstance(value, Integer) and value.value >= LIMIT_MINIMUM:
        return min(value.value, UNLIMITED)
    if isinstance(value, Expr) and value.head is S.DirectedInfinity and \
            value.args == (Integer(1),):
        return UNLIMITED
    return None


def limit_of(defs, name: str) -> int:
    """The limit the definitions give $RecursionLimit or $IterationLimit."""
    d = defs.get(Symbol(name))
    value = limit_value(d.own.rhs) if d is not None and d.own is not None else None
    return LIMIT_DEFAULTS[name] if value is None else value


def accepts_value(ev, sym, value) -> bool:
    """Whether ``value`` may become the value of ``sym``; False after
    ``$RecursionLimit::limset`` for a limit that is not Infinity or an integer >= 20."""
    if isinstance(sym, Symbol) and sym.name in LIMIT_DEFAULTS and limit_value(value) is None:
        ev.message(sym.name, "limset", sym, value)
        return False
    return True


def parse_input(ev, text: str) -> list:
    """The expressions in ``text`` for ToExpression, Get and Import: SyntaxProblem for
    bad syntax; Ctrl-C stops a long parse, and one past the memory budget issues
    General::mem; both abort the evaluation."""
    try:
        return parse(text, None, lambda: ev.session.abort_requested, MAX_BYTES)
    except ParseInterrupted:
        raise Abort() from None
    except InputTooLarge as problem:
        ev.message("General", "mem", String("parsing the input"),
                   String(memory_text(problem.need)))
        raise Abort() from None
