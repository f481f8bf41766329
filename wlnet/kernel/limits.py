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

from ..expr import String
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
