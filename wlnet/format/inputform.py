"""InputForm: the one-line text `wolframscript -code` prints for a result.

Also home of the operator table and the arithmetic analysis (signs, numerators and
denominators) that OutputForm shares, so both forms parenthesise identically.

Conventions we had to guess (no kernel at hand to check):
- Reals use scientific ``*^`` form exactly where OutputForm switches to ``10^e``: decimal
  exponent < -5 or >= 6 (``0.00001``, ``1.*^-6``, ``123456.7``, ``1.*^6``).
- ``Power[x, -1]`` alone prints ``1/x``; other negative powers alone print ``x^(-2)``;
  inside a product they move to a denominator (``a/x^2``). ``-1/x`` prints ``-x^(-1)``
  and ``-a/b`` prints ``-(a/b)``.
- A float32 array element prints the exact double value of the float32 (``0.5174319744110107``).
"""

from __future__ import annotations

import math
from contextvars import ContextVar
from decimal import Decimal
from fractions import Fraction

import numpy as np

from ..expr import (Expr, Integer, NumericArray, ObjectAtom, PackedArray, Rational, Real, S,
                    String, Symbol, is_association)
from .fullform import integer_digits, numeric_array_summary, show_private, visible
from .skeleton import exact_printer, printer

__all__ = ["input_form", "exact_input_form", "script_form", "real_digits", "times_parts",
           "negative_term", "negate", "precedence", "INFIX", "TOP"]

TOP = 10_000   # precedence of atoms and f[x]: never parenthesised

# head name -> (operator text, precedence, associativity: "flat" | "left" | "right" | None)
INFIX = {
    "CompoundExpression": ("; ", 10, "flat"),
    "Set": (" = ", 40, "right"), "SetDelayed": (" := ", 40, "right"),
    "ReplaceAll": (" /. ", 110, "left"), "ReplaceRepeated": (" //. ", 110, "left"),
    "Rule": (" -> ", 120, "right"), "RuleDelayed": (" :> ", 120, "right"),
    "TwoWayRule": (" <-> ", 125, "right"),
    "Condition": (" /; ", 130, "left"), "StringExpression": (" ~~ ", 135, "flat"),
    "Alternatives": (" | ", 160, "flat"),
    "Or": (" || ", 215, "flat"), "And": (" && ", 216, "flat"),
    "SameQ": (" === ", 290, "flat"), "UnsameQ": (" =!= ", 290, "flat"),
    "Equal": (" == ", 290, "flat"), "Unequal": (" != ", 290, "flat"),
    "Less": (" < ", 290, "flat"), "LessEqual": (" <= ", 290, "flat"),
    "Greater": (" > ", 290, "flat"), "GreaterEqual": (" >= ", 290, "flat"),
    "Span": (" ;; ", 305, None), "Dot": (" . ", 490, "flat"),
    "StringJoin": (" <> ", 600, "flat"),
    "Map": (" /@ ", 620, "right"), "Apply": (" @@ ", 620, "right"),
}
PREC_PLUS, PREC_TIMES, PREC_POWER = 310, 400, 590
PREC_FUNCTION, PREC_NOT, PREC_PATTERN, PREC_TEST = 90, 230, 150, 680


@printer
def input_form(expr) -> str:
    """One-line InputForm text of an expression (parts deeper than PRINT_DEPTH levels
    print as <<1>>)."""
    return _fmt(expr)[0]


@exact_printer
def exact_input_form(expr) -> str:
    """The InputForm text of the whole expression, for files: skeleton.TooDeep when it
    is deeper than PRINT_DEPTH."""
    return _fmt(expr)[0]


_SCRIPT = ContextVar("script_style", default=False)


@printer
def script_form(expr) -> str:
    """What ``wolframscript -code`` prints for a result and what Print writes in a
    script: InputForm on one line, except that strings at any depth show their
    characters without quotes (``{a, b}`` for ``{"a", "b"}``) and a net shows its
    one-line summary. Form wrappers stay as they are (``FullForm[x + y]``)."""
    token = _SCRIPT.set(True)
    try:
        return _fmt(expr)[0]
    finally:
        _SCRIPT.reset(token)


# ---- numbers ---------------------------------------------------------------------------

def real_digits(value: float, significant: int | None = None) -> tuple[str, int]:
    """(digits without trailing zeros, decimal exponent of the first digit) of |value|:
    the shortest round-trip digits, or ``significant`` rounded digits."""
    if significant is None:
        sign, digits, exp = Decimal(repr(abs(value))).as_tuple()
        digits = "".join(map(str, digits))
    else:
        mant, _, e = f"{abs(value):.{significant - 1}e}".partition("e")
        digits, exp = mant.replace(".", ""), int(e) - significant + 1
    stripped = digits.rstrip("0") or "0"
    return stripped, (exp + len(digits) - 1 if stripped != "0" else 0)


def fixed_range(exponent: int) -> bool:
    """Whether a real with this decimal exponent prints without scientific notation."""
    return -5 <= exponent < 6


def place_point(digits: str, exponent: int) -> str:
    """Plain decimal text for 0.digits * 10^(exponent+1), always with a point."""
    if exponent < 0:
        return "0." + "0" * (-exponent - 1) + digits
    if len(digits) <= exponent + 1:
        return digits + "0" * (exponent + 1 - len(digits)) + "."
    return digits[:exponent + 1] + "." + digits[exponent + 1:]


def special_real(value: float) -> str | None:
    """Wolfram's names for the IEEE values it never shows as numbers."""
    if math.isnan(value):
        return "Indeterminate"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return None


def _real_text(value: float) -> str:
    if value == 0:
        return "0."                                                 # also -0.
    text = repr(value)
    if "e" not in text and "n" not in text and abs(value) < 1e6:   # the common case
        return text[:-1] if text.endswith(".0") else text
    special = special_real(value)
    if special:
        return special
    digits, exp = real_digits(value)
    sign = "-" if value < 0 else ""
    if fixed_range(exp):
        return sign + place_point(digits, exp)
    return f"{sign}{digits[0]}.{digits[1:]}*^{exp}"


def _packed(arr: np.ndarray) -> str:
    """Nested braces straight from the array (no Real objects); float32 elements widen
    to their exact double value."""
    if arr.dtype.kind == "f":
        flat = [_real_text(v) for v in arr.astype(np.float64).ravel().tolist()]
    else:
        flat = [str(v) for v in arr.ravel().tolist()]
    return _nest(flat, arr.shape)


def _nest(flat: list[str], shape: tuple) -> str:
    if 0 in shape:
        return "{}" if len(shape) == 1 or shape[0] == 0 else \
            "{" + ", ".join(["{}"] * shape[0]) + "}"
    rows = flat
    for n in reversed(shape):
        rows = ["{" + ", ".join(rows[i:i + n]) + "}" for i in range(0, len(rows), n)]
    return rows[0]


# ---- shared arithmetic analysis --------------------------------------------------------

def is_number(e) -> bool:
    return type(e) in (Integer, Real, Rational)


def negate(e):
    """-e for the shapes negative_term recognises (numbers and products with a
    negative numeric first factor)."""
    if type(e) is Integer:
        return Integer(-e.value)
    if type(e) is Real:
        return Real(-e.value)
    if type(e) is Rational:
        return Rational(-e.value)
    coeff, rest = e.args[0], e.args[1:]
    if type(coeff) is Integer and coeff.value == -1:
        return rest[0] if len(rest) == 1 else Expr.make(S.Times, rest)
    return Expr.make(S.Times, (negate(coeff),) + rest)


def negative_term(e) -> bool:
    """Whether a Plus term prints with a leading minus (so Plus shows `a - b`)."""
    if is_number(e):
        return e.value < 0
    return (isinstance(e, Expr) and e.head is S.Times and len(e.args) > 1 and
            is_number(e.args[0]) and e.args[0].value < 0)


def _negative_exponent(e) -> bool:
    return (isinstance(e, Expr) and e.head is S.Power and len(e.args) == 2 and
            is_number(e.args[1]) and e.args[1].value < 0)


def _reciprocal(e):
    base, exp = e.args
    pos = negate(exp)
    return base if type(pos) is Integer and pos.value == 1 else Expr(S.Power, base, pos)


def times_parts(args) -> tuple[int, list, list]:
    """Split Times[args] into (sign, numerator factors, denominator factors) the way
    Wolfram prints it: a leading numeric coefficient gives its sign (and a rational its
    denominator); factors with negative numeric exponents go below the bar; a unit
    coefficient disappears."""
    sign, num, den = 1, [], []
    for i, a in enumerate(args):
        if i == 0 and is_number(a):
            if a.value < 0:
                sign, a = -1, negate(a)
            if type(a) is Rational:
                if a.value.numerator != 1:
                    num.append(Integer(a.value.numerator))
                den.append(Integer(a.value.denominator))
            elif not (type(a) is Integer and a.value == 1 and len(args) > 1):
                num.append(a)
        elif _negative_exponent(a):
            den.append(_reciprocal(a))
        else:
            num.append(a)
    return sign, num, den


def precedence(e) -> int:
    """Binding strength of the printed form of e (higher binds tighter)."""
    if isinstance(e, PackedArray) or not isinstance(e, Expr):
        if type(e) is Rational or (is_number(e) and e.value < 0):
            return PREC_TIMES
        if type(e) is Real and not special_real(e.value) and \
                not fixed_range(real_digits(e.value, 6)[1]):
            return PREC_TIMES   # 1.5*^-7 and 1.5 10^-7 are products
        return TOP
    name = e.head.name if isinstance(e.head, Symbol) else None
    n = len(e.args)
    if name in INFIX and n >= 2 and (name != "Span" or n == 2):
        return INFIX[name][1]
    if name == "Plus" and n >= 2:
        return PREC_PLUS
    if name == "Times" and n >= 2:
        return PREC_TIMES
    if name == "Power" and n == 2:
        exp = e.args[1]
        if type(exp) is Rational and exp.value == Fraction(1, 2):
            return TOP                       # Sqrt[x]
        if (type(exp) is Integer and exp.value == -1) or \
                (type(exp) is Rational and exp.value == Fraction(-1, 2)):
            return PREC_TIMES                # 1/x, 1/Sqrt[x]
        return PREC_POWER
    if name == "Function" and n == 1:
        return PREC_FUNCTION
    if name == "Not" and n == 1:
        return PREC_NOT
    if name == "DirectedInfinity" and n == 1 and is_number(e.args[0]) and e.args[0].value < 0:
        return PREC_TIMES
    if name in ("Pattern", "Optional") and n == 2 and not _blank_pattern(e):
        return PREC_PATTERN
    if name == "PatternTest" and n == 2:
        return PREC_TEST
    return TOP


def _blank_pattern(e) -> bool:
    """x_, x_h, x__ ... and x_. print as one token."""
    if e.head is S.Pattern:
        return _is_blank(e.args[1])
    return e.head is S.Optional and len(e.args) == 1


def _is_blank(e) -> bool:
    return isinstance(e, Expr) and e.head in (S.Blank, S.BlankSequence, S.BlankNullSequence) \
        and len(e.args) <= 1


# ---- the printer -----------------------------------------------------------------------

def _fmt(e) -> tuple[str, int]:
    """(text, precedence) of e."""
    if isinstance(e, PackedArray):
        return _packed(e.array), TOP
    if not isinstance(e, Expr):
        return _atom(e), precedence(e)
    head = e.head
    handler = _SPECIAL.get(head.name) if isinstance(head, Symbol) else None
    if handler is not None:
        out = handler(e)
        if out is not None:
            return out, precedence(e)
    return _call(e), TOP


def _atom(e) -> str:
    t = type(e)
    if t is Integer:
        return integer_digits(e.value)
    if t is Real:
        return _real_text(e.value)
    if t is Rational:
        return f"{integer_digits(e.value.numerator)}/{integer_digits(e.value.denominator)}"
    if t is String:
        return visible(show_private(e.value)) if _SCRIPT.get() else _quote(e.value)
    if t is Symbol:
        return e.name
    if t is NumericArray:
        return numeric_array_summary(e) if _SCRIPT.get() else \
            f"NumericArray[{_fmt(e.normal())[0]}, {_quote(e.type)}]"
    if isinstance(e, ObjectAtom):
        form = getattr(e, "output_form", None) if _SCRIPT.get() else \
            getattr(e, "input_form", None)
        return form() if form else f"{e.head.name}[<>]"
    raise TypeError(f"cannot format {e!r}")


def _quote(s: str) -> str:
    body = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") \
        .replace("\t", "\\t").replace("\r", "\\r")
    return f'"{visible(show_private(body))}"'


def _wrap(e, limit: int, strict: bool = True) -> str:
    """e's text, parenthesised when it binds looser than `limit` (or equally, if strict)."""
    text, p = _fmt(e)
    return f"({text})" if (p <= limit if strict else p < limit) else text


def _call(e) -> str:
    return _wrap(e.head, TOP - 1) + "[" + ", ".join(_fmt(a)[0] for a in e.args) + "]"


def _infix(e):
    name = e.head.name
    op, prec, assoc = INFIX[name]
    args = e.args
    if len(args) < 2 or (assoc != "flat" and len(args) != 2):
        return None
    parts = []
    for i, a in enumerate(args):
        last = i == len(args) - 1
        if name == "CompoundExpression" and last and a is S.Null:
            parts.append("")                 # `a; ` (a trailing semicolon)
            continue
        loose = (assoc == "left" and i == 0) or (assoc == "right" and last)
        parts.append(_wrap(a, prec, strict=not loose))
    return op.join(parts)


def _plus(e):
    if len(e.args) < 2:
        return None
    out = [_wrap(e.args[0], PREC_PLUS, strict=False)]
    for a in e.args[1:]:
        if negative_term(a):
            out.append(" - " + _wrap(negate(a), PREC_PLUS))
        else:
            out.append(" + " + _wrap(a, PREC_PLUS))
    return "".join(out)


def _product(factors) -> tuple[str, int]:
    if len(factors) == 1:
        return _fmt(factors[0])
    texts = [_wrap(factors[0], PREC_TIMES, strict=False)]
    texts += [_wrap(f, PREC_TIMES) for f in factors[1:]]
    return "*".join(texts), PREC_TIMES


def _times(e):
    if len(e.args) < 2:
        return None
    sign, num, den = times_parts(e.args)
    if not den:
        text, p = _product(num)
        if sign > 0 or is_number(num[0]):
            return ("-" if sign < 0 else "") + text
        return "-" + (f"({text})" if p <= PREC_TIMES else text)
    if sign < 0 and not num and len(den) == 1:      # -1/x is shown as -x^(-1)
        base, exp = e.args[1].args
        return "-" + _wrap(base, PREC_POWER) + "^" + _wrap(exp, PREC_POWER)
    if sign < 0 and is_number(num[0] if num else None):
        num, sign = [negate(num[0])] + num[1:], 1
    if not num:
        top = "1"
    elif len(num) == 1:
        top = _wrap(num[0], PREC_TIMES, strict=False)
    else:
        top = f"({_product(num)[0]})"
    bottom, p = _product(den)
    if len(den) > 1 or p <= PREC_TIMES:
        bottom = f"({bottom})"
    text = f"{top}/{bottom}"
    return f"-({text})" if sign < 0 else text


def _power(e):
    if len(e.args) != 2:
        return None
    base, exp = e.args
    if type(exp) is Rational and exp.value == Fraction(1, 2):
        return f"Sqrt[{_fmt(base)[0]}]"
    if type(exp) is Rational and exp.value == Fraction(-1, 2):
        return f"1/Sqrt[{_fmt(base)[0]}]"
    if type(exp) is Integer and exp.value == -1:
        return "1/" + _wrap(base, PREC_TIMES)
    return _wrap(base, PREC_POWER) + "^" + _wrap(exp, PREC_POWER, strict=False)


def _pattern(e):
    if len(e.args) != 2 or not isinstance(e.args[0], Symbol):
        return None
    name, pat = e.args
    if _is_blank(pat):
        return name.name + _fmt(pat)[0]
    return f"{name.name}:{_wrap(pat, PREC_PATTERN)}"


def _blank(marks):
    def fmt(e):
        if len(e.args) > 1:
            return None
        return marks + (_fmt(e.args[0])[0] if e.args else "")
    return fmt


def _optional(e):
    if len(e.args) == 1:
        return _fmt(e.args[0])[0] + "."
    if len(e.args) == 2:
        return _wrap(e.args[0], PREC_PATTERN) + ":" + _wrap(e.args[1], PREC_PATTERN)
    return None


def _pattern_test(e):
    if len(e.args) != 2:
        return None
    return _wrap(e.args[0], PREC_TEST) + "?" + _wrap(e.args[1], PREC_TEST)


def _function(e):
    if len(e.args) != 1:
        return None
    return _wrap(e.args[0], PREC_FUNCTION) + " & "


def _slot(marks):
    def fmt(e):
        if len(e.args) != 1:
            return None
        a = e.args[0]
        return marks + (str(a.value) if type(a) is Integer else a.value if type(a) is String
                        else _fmt(a)[0])
    return fmt


def _not(e):
    return "!" + _wrap(e.args[0], PREC_NOT) if len(e.args) == 1 else None


def _list(e):
    return "{" + ", ".join(_fmt(a)[0] for a in e.args) + "}"


def _association(e):
    if not is_association(e):
        return None                      # Association[1] is not one: no <| |>
    return "<|" + ", ".join(_fmt(a)[0] for a in e.args) + "|>"


def _part(e):
    if len(e.args) < 2:
        return None
    return _wrap(e.args[0], TOP - 1) + "[[" + ", ".join(_fmt(a)[0] for a in e.args[1:]) + "]]"


def _message_name(e):
    if len(e.args) < 2 or not all(type(a) is String for a in e.args[1:]):
        return None
    return _fmt(e.args[0])[0] + "".join("::" + a.value for a in e.args[1:])


def _skeleton(e):
    if len(e.args) == 1 and type(e.args[0]) is Integer:
        return f"<<{e.args[0].value}>>"
    return None


def _infinity(e):
    if not e.args:
        return "ComplexInfinity"
    if len(e.args) == 1 and type(e.args[0]) is Integer and abs(e.args[0].value) == 1:
        return "Infinity" if e.args[0].value == 1 else "-Infinity"
    return None


_SPECIAL = {name: _infix for name in INFIX}
_SPECIAL.update({
    "Plus": _plus, "Times": _times, "Power": _power, "List": _list,
    "Association": _association, "Part": _part, "MessageName": _message_name,
    "Pattern": _pattern, "Blank": _blank("_"), "BlankSequence": _blank("__"),
    "BlankNullSequence": _blank("___"), "Optional": _optional, "PatternTest": _pattern_test,
    "Function": _function, "Slot": _slot("#"), "SlotSequence": _slot("##"), "Not": _not,
    "DirectedInfinity": _infinity, "Skeleton": _skeleton,
})
