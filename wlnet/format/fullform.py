"""FullForm: every expression as ``Head[arg, ...]``, exactly as Wolfram prints it.

Machine reals print with the shortest digits that round-trip (Python's repr agrees with
Wolfram here) and switch to ``*^`` notation outside 1e-5 <= |x| < 1e6, as Wolfram does.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from wlnet.expr import (Atom, Expr, Integer, NumericArray, ObjectAtom, PackedArray, Rational, Real,
                        String, Symbol)
from .skeleton import printer

__all__ = ["full_form", "real_digits", "string_literal", "integer_digits", "show_private",
           "visible"]


@printer
def full_form(expr) -> str:
    out = []
    _emit(expr, out.append)
    return "".join(out)


def _emit(e, put):
    t = type(e)
    if t is Symbol:
        put(e.name)
    elif t is Integer:
        put(integer_digits(e.value))
    elif t is Real:
        put(real_digits(e.value))
    elif t is String:
        put(string_literal(e.value))
    elif t is Rational:
        put(f"Rational[{integer_digits(e.value.numerator)}, "
            f"{integer_digits(e.value.denominator)}]")
    elif isinstance(e, PackedArray):
        _packed(e.array, put)
    elif t is NumericArray:
        put("NumericArray[")
        _emit(e.normal(), put)
        put(f", {string_literal(e.type)}]")
    elif isinstance(e, Expr):
        _emit(e.head, put)
        put("[")
        first = True
        for a in e.args:
            if not first:
                put(", ")
            first = False
            _emit(a, put)
        put("]")
    elif isinstance(e, ObjectAtom):
        put(f"{e.head.name}[<>]")
    elif isinstance(e, Atom):
        put(str(e.value))
    else:
        raise TypeError(f"not an expression: {e!r}")


def _packed(a, put):
    if a.ndim > 1:
        items = (_packed_str(row) for row in a)
    else:
        fmt = real_digits if a.dtype.kind == "f" else integer_digits
        items = (fmt(v) for v in a.tolist())
    put("List[")
    put(", ".join(items))
    put("]")


def _packed_str(a):
    out = []
    _packed(a, out.append)
    return "".join(out)


MAX_SHOWN_BITS = 700_000   # about 210,000 decimal digits


def integer_digits(n: int) -> str:
    """str(n) without CPython's 4300-digit limit. An integer too long to show (beyond
    about 210,000 digits, whose conversion alone would take minutes) is summarised as
    ``<<integer of about N digits>>``."""
    if n.bit_length() > MAX_SHOWN_BITS:
        return f"<<integer of about {int(n.bit_length() * math.log10(2)) + 1} digits>>"
    if -10 ** 4000 < n < 10 ** 4000:
        return str(n)
    if n < 0:
        return "-" + integer_digits(-n)
    k = len(bin(n)) * 3 // 20                  # about half the decimal digits
    hi, lo = divmod(n, 10 ** k)
    return integer_digits(hi) + integer_digits(lo).rjust(k, "0")


def real_digits(x: float) -> str:
    """Wolfram's InputForm/FullForm of a machine real: ``1.``, ``0.5``, ``1.5*^-7``."""
    if math.isnan(x):
        return "Indeterminate"
    if math.isinf(x):
        return "DirectedInfinity[1]" if x > 0 else "DirectedInfinity[-1]"
    if x == 0:
        return "0."
    sign, digits, exp = Decimal(repr(abs(x))).as_tuple()
    ds = "".join(map(str, digits)).rstrip("0") or "0"
    point = len(digits) + exp                  # digits before the decimal point
    sci = point - 1
    minus = "-" if x < 0 else ""
    if -5 <= sci < 6:
        if point <= 0:
            return f"{minus}0.{'0' * -point}{ds}"
        if point >= len(ds):
            return f"{minus}{ds}{'0' * (point - len(ds))}."
        return f"{minus}{ds[:point]}.{ds[point:]}"
    return f"{minus}{ds[0]}.{ds[1:]}*^{sci}"


_ESCAPE = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r",
           "\b": "\\b", "\f": "\\f"}


_PRIVATE = re.compile("[\ue000-\uf8ff]")


def show_private(s: str) -> str:
    """``s`` with Wolfram's private-use characters (``\\[Rule]`` is U+F522) written as
    ``\\[Name]``: no font outside Wolfram's shows them."""
    if s.isascii() or not _PRIVATE.search(s):
        return s
    from ..syntax.named import name_of

    def name(m):
        found = name_of(m.group())
        return f"\\[{found}]" if found else m.group()
    return _PRIVATE.sub(name, s)


def string_literal(s: str) -> str:
    """A quoted string with Wolfram's escapes for quote, backslash and control characters."""
    if any(c in _ESCAPE for c in s):
        s = "".join(_ESCAPE.get(c, c) for c in s)
    return '"' + visible(show_private(s)) + '"'


def numeric_array_summary(e: NumericArray) -> str:
    """How OutputForm (and a script's result) shows a NumericArray: its dimensions and
    type, never its values: ``NumericArray[<2,2>, Real32]``."""
    return f"NumericArray[<{','.join(map(str, e.array.shape))}>, {e.type}]"


_SURROGATE = re.compile("[\ud800-\udfff]")


def visible(text: str) -> str:
    """text with each lone surrogate (``"\\:d800"`` makes one; no encoding can write it)
    spelt as Wolfram's ``\\:d800`` escape, so every printed text encodes as UTF-8."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: f"\\:{ord(m.group()):04x}", text)
