"""Parse tree → expressions, built inline while Lark reduces (no intermediate tree).

The grammar (grammar/wl.lark) only checks the *shape* of an operator sequence: operands,
prefix/infix/postfix operators and brackets in a legal order. Wolfram's ~40 precedence
levels are resolved here by a small Pratt parser over each flat sequence, because an LALR
grammar with one rule per level would perform dozens of unit reductions per operand and
miss the throughput target. The Pratt parser also reproduces the kernel's FullForm quirks
(flattened Plus/Times chains, `a - b c` → Plus[a, Times[-1, b, c]], literal negation,
Inequality, Span, Pattern vs Optional for `:`), following the CodeParser paclet's
Abstract.wl for Wolfram 12.2+ behaviour.

Atoms (numbers, strings, symbols, blanks, slots) are converted by the lexer through the
helpers at the bottom of this module; tokens reach the transformer with ``.value`` already
an expression.
"""

from __future__ import annotations

import math
import threading
from fractions import Fraction

import numpy as np
from lark import Transformer

from wlnet.expr import Expr, Integer, Real, Rational, String, Symbol, S, PackedArray

__all__ = ["ExprBuilder", "OperatorError", "Interrupted", "resolve", "number", "parse_int",
           "string_value", "symbol", "word", "slot", "out", "watch", "check_interrupt"]


class OperatorError(Exception):
    """An operator sequence the grammar accepts but Wolfram does not (a lone ``~``);
    the parser turns it into a SyntaxProblem at ``token``."""

    def __init__(self, token, message):
        super().__init__(message)
        self.token = token
        self.message = message


class Interrupted(Exception):
    """The caller asked the parse to stop (Ctrl-C during a long input)."""


_watch = threading.local()     # .interrupted: the current parse's stop request, or None


def watch(interrupted) -> None:
    """Make ``check_interrupt`` on this thread ask ``interrupted()`` (None: never stop)."""
    _watch.interrupted = interrupted


def check_interrupt() -> None:
    """Raise Interrupted if the caller of the running parse asked it to stop. The loops
    over tokens call this every few thousand steps, so a 10 MB input stops at once."""
    interrupted = getattr(_watch, "interrupted", None)
    if interrupted is not None and interrupted():
        raise Interrupted()


_NULL = S.Null
_ALL = S.All
_MINUS_ONE = Integer(-1)

# --- operator table -------------------------------------------------------------------
# Binding powers follow Wolfram's precedence order (CodeParser's Precedence.wl); only the
# order matters. Infix kinds: "left"/"right" binary, "flat" n-ary of one head, "group"
# n-ary over several operators (Plus/Times/Inequality), "special" handled in _led.

_INFIX = {
    "=": (40, "right", S.Set), ":=": (40, "right", S.SetDelayed),
    "^=": (40, "right", S.UpSet), "^:=": (40, "right", S.UpSetDelayed),
    "/:": (42, "special", None),
    "//": (70, "left", None),
    "+=": (100, "right", S.AddTo), "-=": (100, "right", S.SubtractFrom),
    "*=": (100, "right", S.TimesBy), "/=": (100, "right", S.DivideBy),
    "/.": (110, "left", S.ReplaceAll), "//.": (110, "left", S.ReplaceRepeated),
    "->": (120, "right", S.Rule), ":>": (120, "right", S.RuleDelayed),
    "/;": (130, "left", S.Condition),
    "~~": (135, "flat", S.StringExpression),
    ":": (150, "special", None),           # Pattern (150) or Optional (140), see _led
    "|": (160, "flat", S.Alternatives),
    "||": (215, "flat", S.Or), "&&": (216, "flat", S.And),
    "===": (260, "flat", S.SameQ), "=!=": (260, "flat", S.UnsameQ),
    "==": (290, "group", None), "!=": (290, "group", None), "<": (290, "group", None),
    "<=": (290, "group", None), ">": (290, "group", None), ">=": (290, "group", None),
    "+": (310, "group", None), "-": (310, "group", None),
    "*": (400, "group", None),
    "/": (470, "left", None),
    ".": (490, "flat", S.Dot), "**": (510, "flat", S.NonCommutativeMultiply),
    "^": (590, "right", S.Power),
    "<>": (600, "flat", S.StringJoin),
    "/@": (620, "right", S.Map), "//@": (620, "right", S.MapAll),
    "@@": (620, "right", S.Apply), "@@@": (620, "right", None),
    "~": (630, "special", None),
    "@": (640, "right", None),
    "@*": (650, "flat", S.Composition), "/*": (650, "flat", S.RightComposition),
    "?": (680, "left", S.PatternTest),
}

_INEQUALITY = {"==": S.Equal, "!=": S.Unequal, "<": S.Less, "<=": S.LessEqual,
               ">": S.Greater, ">=": S.GreaterEqual}

_POSTFIX = {
    "=.": (40, S.Unset), "&": (90, S.Function), "..": (170, S.Repeated),
    "...": (170, S.RepeatedNull), "!": (610, S.Factorial), "!!": (610, S.Factorial2),
    "++": (665, S.Increment), "--": (665, S.Decrement),
}
_SPAN_BP = 305
_TIMES_BP = 400
_CALL_BP = 670
_DERIVATIVE_BP = 605
_PUT_BP = 30
_MESSAGE_BP = 750

_PREFIX = {"-": 480, "+": 480, "!": 230, "++": 660, "--": 660}


class _Pratt:
    """Resolves one flat operator sequence (a list of tokens) into an expression.

    ``fresh_times`` holds the ids of Times expressions built from an unparenthesised
    chain in this sequence: negating one prepends -1 (``a - b c``) instead of wrapping.
    """

    __slots__ = ("items", "pos", "n", "fresh_times", "prefix_plus")

    def __init__(self, items):
        self.items = items
        self.pos = 0
        self.n = len(items)
        self.fresh_times = set()
        self.prefix_plus = set()

    def parse(self, min_bp):
        items = self.items
        left = self._nud()
        steps = 0
        while self.pos < self.n:
            steps += 1
            if not steps & 0x3FFF:
                check_interrupt()
            tok = items[self.pos]
            t = tok.type
            if t == "INFIX":
                op = str(tok)
                bp, kind, head = _INFIX[op]
                if op == ":" and type(left) is not Symbol:
                    bp = 140
                if bp <= min_bp:
                    break
                self.pos += 1
                left = self._led(left, op, bp, kind, head, tok)
            elif t == "ATOM":                      # juxtaposition: implicit Times
                if _TIMES_BP <= min_bp:
                    break
                left = self._times(left)
            elif t == "POSTFIX":
                op = str(tok)
                bp, head = self._postfix_info(op)
                if bp <= min_bp:
                    break
                self.pos += 1
                left = self._apply_postfix(left, op, head, tok)
            elif t == "CALL" or t == "PART":
                if _CALL_BP <= min_bp:
                    break
                self.pos += 1
                left = Expr.make(left, tok.value) if t == "CALL" else \
                    Expr.make(S.Part, (left,) + tok.value)
            else:                                  # SPAN
                if _SPAN_BP <= min_bp:
                    break
                self.pos += 1
                left = self._span(left)
        return left

    # -- operands and prefix operators ---------------------------------------------------
    def _nud(self):
        tok = self.items[self.pos]
        self.pos += 1
        t = tok.type
        if t == "ATOM":
            return tok.value
        if t == "SPAN":
            return self._span(Integer(1))
        op = str(tok)
        if op == "-":
            first = self.items[self.pos]
            operand = self.parse(480)
            return self._negate(operand, first)
        operand = self.parse(_PREFIX[op])
        if op == "+":
            e = Expr(S.Plus, operand)
            self.prefix_plus.add(id(e))
            return e
        if op == "!":
            return Expr(S.Not, operand)
        return Expr(S.PreIncrement if op == "++" else S.PreDecrement, operand)

    def _negate(self, operand, first):
        """Unary minus as the kernel parses it: literal numbers (also parenthesised)
        become negative numbers, a bare Times chain gets -1 prepended, else Times[-1, x]."""
        if first.type == "ATOM" and operand is first.value and type(operand) in (Integer, Real):
            return type(operand)(-operand.value)
        if id(operand) in self.fresh_times:
            e = Expr.make(S.Times, (_MINUS_ONE,) + operand.args)
            self.fresh_times.add(id(e))
            return e
        return Expr(S.Times, _MINUS_ONE, operand)

    # -- infix operators -----------------------------------------------------------------
    def _led(self, left, op, bp, kind, head, tok):
        if kind == "group":
            if op in _INEQUALITY:
                return self._inequality(left, op)
            if op == "*":
                return self._times(left)
            return self._plus(left, op)
        if kind == "flat":
            args = [left, self.parse(bp)]
            items = self.items
            while self.pos < self.n and items[self.pos].type == "INFIX" and \
                    str(items[self.pos]) == op:
                self.pos += 1
                args.append(self.parse(bp))
            return Expr.make(head, args)
        if kind == "right":
            right = self.parse(bp - 1)
            if head is not None:
                return Expr(head, left, right)
            if op == "@":
                return Expr(left, right)
            return Expr(S.Apply, left, right, Expr(S.List, Integer(1)))   # @@@
        if kind == "left":
            right = self.parse(bp)
            if head is not None:
                return Expr(head, left, right)
            if op == "/":
                return Expr(S.Times, left, Expr(S.Power, right, _MINUS_ONE))
            return Expr(right, left)                                        # x // f
        if op == ":":
            right = self.parse(bp)
            return Expr(S.Pattern if bp == 150 else S.Optional, left, right)
        if op == "~":
            middle = self.parse(bp)
            if not (self.pos < self.n and self.items[self.pos].type == "INFIX" and
                    str(self.items[self.pos]) == "~"):
                raise OperatorError(self.items[self.pos] if self.pos < self.n else tok,
                                    'the operator "~" needs a second "~"')
            self.pos += 1
            return Expr(middle, left, self.parse(bp))
        return self._tag_set(left, tok)

    def _tag_set(self, tag, tok):
        lhs = self.parse(40)
        if self.pos < self.n:
            nxt = self.items[self.pos]
            op = str(nxt)
            if nxt.type == "INFIX" and op in ("=", ":="):
                self.pos += 1
                rhs = self.parse(39)
                return Expr(S.TagSet if op == "=" else S.TagSetDelayed, tag, lhs, rhs)
            if nxt.type == "POSTFIX" and op == "=.":
                self.pos += 1
                return Expr(S.TagUnset, tag, lhs)
        raise OperatorError(self.items[self.pos] if self.pos < self.n else tok,
                            'the operator "/:" needs "=", ":=" or "=." after it')

    def _plus(self, left, op):
        args = [self._unplus(left)]
        items = self.items
        while True:
            first = items[self.pos]
            right = self.parse(310)
            args.append(self._negate(right, first) if op == "-" else self._unplus(right))
            if self.pos < self.n and items[self.pos].type == "INFIX":
                op = str(items[self.pos])
                if op == "+" or op == "-":
                    self.pos += 1
                    continue
            return Expr.make(S.Plus, args)

    def _unplus(self, e):
        while id(e) in self.prefix_plus:
            e = e.args[0]
        return e

    def _times(self, left):
        """``a*b c`` is one Times; called positioned at the operand after ``*`` or after
        ``left`` for juxtaposition."""
        args = [left]
        items = self.items
        while True:
            args.append(self.parse(_TIMES_BP))
            if self.pos < self.n:
                nxt = items[self.pos]
                if nxt.type == "ATOM":
                    continue
                if nxt.type == "INFIX" and str(nxt) == "*":
                    self.pos += 1
                    continue
            e = Expr.make(S.Times, args)
            self.fresh_times.add(id(e))
            return e

    def _inequality(self, left, op):
        operands = [left, self.parse(290)]
        ops = [op]
        items = self.items
        while self.pos < self.n and items[self.pos].type == "INFIX" and \
                str(items[self.pos]) in _INEQUALITY:
            ops.append(str(items[self.pos]))
            self.pos += 1
            operands.append(self.parse(290))
        if all(o == ops[0] for o in ops):
            return Expr.make(_INEQUALITY[ops[0]], operands)
        args = [operands[0]]
        for o, x in zip(ops, operands[1:]):
            args.append(_INEQUALITY[o])
            args.append(x)
        return Expr.make(S.Inequality, args)

    # -- postfix operators and Span ------------------------------------------------------
    @staticmethod
    def _postfix_info(op):
        info = _POSTFIX.get(op)
        if info is not None:
            return info
        c = op[0]
        if c == "'":
            return _DERIVATIVE_BP, None
        if c == ">":
            return _PUT_BP, None
        return _MESSAGE_BP, None                                          # ::tag

    @staticmethod
    def _apply_postfix(left, op, head, tok):
        if head is not None:
            return Expr(head, left)
        c = op[0]
        if c == "'":
            return Expr(Expr(S.Derivative, Integer(len(op))), left)
        if c == ">":
            return Expr(S.PutAppend if op.startswith(">>>") else S.Put, left, tok.value)
        return Expr.make(S.MessageName, (left,) + tok.value)

    def _starts_operand(self):
        return self.pos < self.n and self.items[self.pos].type in ("ATOM", "PREFIX")

    def _span(self, start):
        """``a;;b;;c`` with every part optional: missing start is 1, missing end All."""
        end = self.parse(_SPAN_BP) if self._starts_operand() else _ALL
        if self.pos < self.n and self.items[self.pos].type == "SPAN":
            self.pos += 1
            if self._starts_operand():
                return Expr(S.Span, start, end, self.parse(_SPAN_BP))
        return Expr(S.Span, start, end)


def resolve(items):
    """The expression of one operator sequence; a lone operand costs nothing."""
    if len(items) == 1 and items[0].type == "ATOM":
        return items[0].value
    p = _Pratt(items)
    e = p.parse(0)
    if p.pos != p.n:                       # cannot happen for grammar-accepted input
        raise OperatorError(items[p.pos], "unexpected operator")
    return e


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
_NAMED = {"Alpha": "α", "Beta": "β", "Gamma": "γ", "Delta": "δ", "Epsilon": "ε",
          "Theta": "θ", "Lambda": "λ", "Mu": "μ", "Pi": "π", "Sigma": "σ", "Tau": "τ",
          "Phi": "φ", "Omega": "ω", "Rule": "→", "RuleDelayed": "⧴", "Infinity": "∞",
          "Degree": "°", "Times": "×", "Divide": "÷", "LessEqual": "≤",
          "GreaterEqual": "≥", "NotEqual": "≠", "Element": "∈", "Bullet": "•",
          "Ellipsis": "…", "RightArrow": "→", "LeftArrow": "←", "Micro": "µ",
          "NewLine": "\n", "Tab": "\t", "SpaceIndicator": "␣"}


def string_value(raw: str) -> str:
    """The characters of a quoted string literal (quotes included in ``raw``)."""
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
        elif d == "[" and "]" in body[i:]:
            name = body[i + 2:body.index("]", i)]
            if name in _NAMED:
                out.append(_NAMED[name])
                i += 3 + len(name)
            else:
                out.append(c)
                i += 1
        else:                                # unknown escape: kept as written
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
