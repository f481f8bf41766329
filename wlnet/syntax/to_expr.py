"""Parse tree → expressions, built inline while Lark reduces (no intermediate tree).

Each operator sequence the grammar accepts is resolved by the Pratt parser in
``operators.py``. Atoms (numbers, strings, symbols, blanks, slots) are converted by the
lexer through the helpers at the bottom of this module; tokens reach the transformer with
``.value`` already an expression.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from lark import Transformer

from wlnet.expr import Expr, Integer, PackedArray, Rational, Real, S, String, Symbol

from . import named
from .operators import _NULL, resolve

__all__ = ["ExprBuilder", "number", "parse_int", "string_value", "symbol", "word", "slot", "out"]


class ExprBuilder(Transformer):
    """Lark callbacks, one per grammar alias (see grammar/wl.lark). Statements and
    arguments travel as Python lists until their bracket or statement is complete."""

    def stmts_first(self, c):
        return [_statement(c[0])]

    def stmts_next(self, c):
        stmts = c[0]
        stmts.append(_statement(c[2]))
        return stmts

    def stmt_one(self, c):
        return [resolve(c[0])]

    def stmt_next(self, c):
        stmts = c[0]
        stmts.append(resolve(c[2]))
        return stmts

    def stmt_null(self, c):
        stmts = c[0]
        stmts.append(_NULL)
        return stmts

    def first(self, c):
        return [c[0]]

    def push(self, c):
        items = c[0]
        items.append(c[1])
        return items

    def paren(self, c):
        return _as_atom(c[0], _statement(c[1]))

    def list0(self, c):
        return _as_atom(c[0], Expr(S.List))

    def list(self, c):
        return _as_atom(c[0], _list(c[1]))

    def assoc0(self, c):
        return _as_atom(c[0], Expr(S.Association))

    def assoc(self, c):
        return _as_atom(c[0], Expr.make(S.Association, c[1]))

    def call0(self, c):
        return _as_call(c[0], "CALL", ())

    def call(self, c):
        return _as_call(c[0], "CALL", tuple(c[1]))

    def part(self, c):
        return _as_call(c[0], "PART", tuple(c[1]))

    def arg_first(self, c):
        return [_statement(c[0])]

    def arg_lead_empty(self, c):
        return [_NULL, _NULL]

    def arg_lead(self, c):
        return [_NULL, _statement(c[1])]

    def arg_empty(self, c):
        args = c[0]
        args.append(_NULL)
        return args

    def arg_next(self, c):
        args = c[0]
        args.append(_statement(c[2]))
        return args


def _statement(exprs):
    """``a`` or, for ``a; b``, CompoundExpression[a, b]."""
    return exprs[0] if len(exprs) == 1 else Expr.make(S.CompoundExpression, exprs)


def _as_atom(tok, value):
    """Reuse the opening bracket's token as an operand carrying ``value``."""
    tok.type = "ATOM"
    tok.value = value
    return tok


def _as_call(tok, kind, args):
    tok.type = kind
    tok.value = args
    return tok


def _list(args):
    if args and all(isinstance(a, PackedArray) for a in args):
        first = args[0].array
        if all(a.array.shape == first.shape and a.array.dtype == first.dtype for a in args):
            return PackedArray(np.stack([a.array for a in args]))
    return Expr.make(S.List, args)


# --- atoms --------------------------------------------------------------------------

def parse_int(digits: str, base: int = 10, check=None) -> int:
    """int() without CPython's 4300-digit guard, so integers of any size parse; ``check``
    (if given) is called between the pieces, so a caller can stop a long conversion."""
    if len(digits) <= 4000:
        return int(digits, base)
    if check is not None:
        check()
    half = len(digits) // 2
    low = digits[half:]
    return parse_int(digits[:half], base, check) * base ** len(low) + \
        parse_int(low, base, check)


# A literal whose exact value would have more bits than this is not expanded while
# parsing (10^9999999999 would never finish, and nothing could interrupt it): it becomes
# the arithmetic that makes it, FromDigits[digits, base] * base^exponent, which
# evaluation then computes, or refuses, under the limits of any other arithmetic.
LITERAL_BITS = 100_000


def number(text: str):
    """A numeric literal: 42, 1.5, .5, 1.5*^-3, 6.02*^23, 16^^FF, 2^^1.1, 1.5`20."""
    exp = 0
    if "*^" in text:
        text, e = text.split("*^")
        exp = int(e)
    if "`" in text:                          # precision/accuracy marks: machine real
        text = text[:text.index("`")]
        if "." not in text and "^^" not in text:
            text += "."
    base = 10
    if "^^" in text:
        b, text = text.split("^^")
        base = int(b)
    if "." not in text:
        if abs(exp) > LITERAL_BITS or (len(text) + abs(exp)) * math.log2(base) > LITERAL_BITS:
            return _lazy(text, base, exp)
        n = parse_int(text, base)
        if exp >= 0:
            return Integer(n * base ** exp)
        f = Fraction(n, base ** -exp)
        return Integer(f.numerator) if f.denominator == 1 else Rational(f)
    if base == 10:
        value = float(f"{text}e{exp}") if exp else float(text)
        if exp and (math.isinf(value) or (value == 0 and float(text) != 0)):
            return Expr(S.Times, Real(float(text)), Expr(S.Power, Integer(10), Integer(exp)))
        return Real(value)
    whole, frac = text.split(".")
    mant = parse_int(whole + frac, base) if whole + frac else 0
    return Real(mant / base ** len(frac) * float(base) ** exp)


def _lazy(digits: str, base: int, exp: int):
    """FromDigits["digits", base] * base^exp, as unevaluated arithmetic."""
    mantissa = Expr(S.FromDigits, String(digits), Integer(base)) \
        if len(digits) * math.log2(base) > LITERAL_BITS else Integer(parse_int(digits, base))
    if exp == 0:
        return mantissa
    power = Expr(S.Power, Integer(base), Integer(exp))
    return power if mantissa == Integer(1) else Expr(S.Times, mantissa, power)


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", '"': '"', "\\": "\\",
            "!": "", "<": "", ">": ""}
def string_value(raw: str, warn=None) -> str:
    """The characters of a quoted string literal (quotes included in ``raw``). An unknown
    escape (``\\q``, ``\\d``) is kept as written and, when given, ``warn(offset in raw,
    escape letter)`` is called, as Wolfram warns with Syntax::stresc."""
    body = raw[1:-1]
    if "\\" not in body:
        return body
    out = []
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        d = body[i + 1]
        if d in _ESCAPES:
            out.append(_ESCAPES[d])
            i += 2
        elif d == "\n":                      # line continuation inside a string
            i += 2
        elif d == ":" and _is_hex(body[i + 2:i + 6], 4):
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        elif d == "." and _is_hex(body[i + 2:i + 4], 2):
            out.append(chr(int(body[i + 2:i + 4], 16)))
            i += 4
        elif d == "|" and _is_hex(body[i + 2:i + 8], 6) and \
                int(body[i + 2:i + 8], 16) <= 0x10FFFF:     # beyond Unicode: kept as written
            out.append(chr(int(body[i + 2:i + 8], 16)))
            i += 8
        elif d in "01234567" and len(body[i + 1:i + 4]) == 3 and \
                all(x in "01234567" for x in body[i + 1:i + 4]):
            out.append(chr(int(body[i + 1:i + 4], 8)))
            i += 4
        elif d == "[" and "]" in body[i:] and \
                named.char_of(body[i + 2:body.index("]", i)]) is not None:
            name = body[i + 2:body.index("]", i)]
            out.append(named.char_of(name))
            i += 3 + len(name)
        else:                                # unknown escape: kept as written
            if warn is not None and d.isalnum():
                warn(i + 1, d)
            out.append(c)
            i += 1
    return "".join(out)


def _is_hex(s, n):
    return len(s) == n and all(c in "0123456789abcdefABCDEF" for c in s)


def symbol(name: str) -> Symbol:
    """wlnet has no contexts: System` and Global` names are the plain symbols."""
    if "`" in name:
        for ctx in ("System`", "Global`"):
            if name.startswith(ctx) and "`" not in name[len(ctx):]:
                return Symbol(name[len(ctx):])
    return Symbol(name)


_BLANKS = {"_": S.Blank, "__": S.BlankSequence, "___": S.BlankNullSequence}


def word(text: str):
    """A symbol or a blank pattern: x, a`b, _, x_, x_h, __, x___, x_. (Optional)."""
    if "_" not in text:
        return symbol(text)
    i = text.index("_")
    j = i
    while j < len(text) and text[j] == "_":
        j += 1
    name, rest = text[:i], text[j:]
    dot = rest == "."
    blank = Expr(_BLANKS[text[i:j]]) if not rest or dot else \
        Expr(_BLANKS[text[i:j]], symbol(rest))
    e = Expr(S.Pattern, symbol(name), blank) if name else blank
    return Expr(S.Optional, e) if dot else e


def slot(text: str):
    """#, #2, #name, ##, ##3."""
    if text.startswith("##"):
        rest = text[2:]
        return Expr(S.SlotSequence, Integer(int(rest) if rest else 1))
    rest = text[1:]
    if not rest:
        return Expr(S.Slot, Integer(1))
    return Expr(S.Slot, Integer(int(rest)) if rest.isdigit() else String(rest))


def out(text: str):
    """%, %%, %%%, %5."""
    if text == "%":
        return Expr(S.Out)
    if text[1:].isdigit():
        return Expr(S.Out, Integer(int(text[1:])))
    return Expr(S.Out, Integer(-len(text)))
