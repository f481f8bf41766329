"""The size limits of exact arithmetic, checked before an operation runs.

One operation on big integers is a single call into CPython that no interrupt can stop,
so the operations that could run long are refused up front (``kernel.limits``): a result
past ``MAX_EXACT_BITS``, and a division or fraction (a greatest common divisor, quadratic
in the sizes) past ``MAX_QUADRATIC_BITS``. A refusal is ``General::mem`` saying which limit;
the computation stays unevaluated.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ...expr import String
from ...kernel.limits import MAX_EXACT_BITS, MAX_QUADRATIC_BITS, bits_text


class TooBig(Exception):
    """An exact computation past the limits; the text says which."""


def _exact(v) -> bool:
    return type(v) is int or isinstance(v, Fraction)


def bits(v) -> int:
    """The size of an exact number: the bits of its numerator or denominator."""
    if type(v) is int:
        return v.bit_length()
    if isinstance(v, Fraction):
        return max(v.numerator.bit_length(), v.denominator.bit_length())
    return 0


def log2_size(v) -> float:
    """log2 of the larger of an exact number's numerator and denominator (of any size:
    converting a tiny fraction to a float would underflow to 0)."""
    q = Fraction(v)
    return max(math.log2(abs(q.numerator)) if q.numerator else 0.0, math.log2(q.denominator))


def check_exact(x, y, product: bool) -> None:
    """Raise TooBig before ``x * y`` (``product``) or ``x + y`` of two exact numbers
    whose result would pass MAX_EXACT_BITS, or whose fraction arithmetic would take
    longer than an interrupt may wait."""
    if not (_exact(x) and _exact(y)):
        return
    bx, by = bits(x), bits(y)
    if product and bx + by > MAX_EXACT_BITS:
        raise TooBig(bits_text(bx + by))
    if (type(x) is not int or type(y) is not int) and bx * by > MAX_QUADRATIC_BITS ** 2:
        raise TooBig(bits_text(max(bx, by), MAX_QUADRATIC_BITS, "a fraction"))


def check_division(m, n) -> None:
    """Raise TooBig before an exact division whose time (quadratic in the sizes) would
    be longer than an interrupt may wait."""
    if _exact(m) and _exact(n) and \
            bits(n) * max(bits(m) - bits(n), 1) > MAX_QUADRATIC_BITS ** 2:
        raise TooBig(bits_text(bits(m), MAX_QUADRATIC_BITS, "a division of exact numbers"))


def refused(ev, expr, problem: TooBig):
    """General::mem for a refused computation; None (it stays unevaluated)."""
    ev.message("General", "mem", expr, String(str(problem)))
    return None


def refused_division(ev, expr, m, n) -> bool:
    """Whether dividing m by n is refused (after the message)."""
    try:
        check_division(m, n)
    except TooBig as problem:
        refused(ev, expr, problem)
        return True
    return False
