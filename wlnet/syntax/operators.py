"""Operator sequences → expressions, by a small Pratt parser.

The grammar (grammar/wl.lark) only checks the *shape* of an operator sequence: operands,
prefix/infix/postfix operators and brackets in a legal order. Wolfram's ~40 precedence
levels are resolved here over each flat sequence, because an LALR grammar with one rule
per level would perform dozens of unit reductions per operand and miss the throughput
target. The Pratt parser also reproduces the kernel's FullForm quirks (flattened
Plus/Times chains, `a - b c` → Plus[a, Times[-1, b, c]], literal negation, Inequality,
Span, Pattern vs Optional for `:`), following the CodeParser paclet's Abstract.wl for
Wolfram 12.2+ behaviour.
"""

from __future__ import annotations

from wlnet.expr import Expr, Integer, Real, S, Symbol

from . import watch
from .named import NamedChar


class OperatorError(Exception):
    """An operator sequence the grammar accepts but Wolfram does not (a lone ``~``);
    the parser turns it into a SyntaxProblem at ``token``."""

    def __init__(self, token, message):
        super().__init__(message)
        self.token = token
        self.message = message


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
    "<->": (125, "right", S.TwoWayRule), "|->": (90, "right", S.Function),
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

    __slots__ = ("items", "pos", "n", "fresh_times", "prefix_plus", "spans")

    def __init__(self, items):
        self.items = items
        self.pos = 0
        self.n = len(items)
        self.fresh_times = set()
        self.prefix_plus = set()
        self.spans = set()                 # ids of Span expressions built from this sequence

    def parse(self, min_bp):
        items = self.items
        left = self._nud()
        steps = 0
        while self.pos < self.n:
            steps += 1
            if not steps & watch.EVERY:
                watch.check()
            tok = items[self.pos]
            t = tok.type
            if t == "INFIX":
                op = str(tok)
                bp, kind, head = _INFIX.get(op) or _named_infix(tok.value)
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
                bp, head = self._postfix_info(op, tok)
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
                if id(left) in self.spans:         # a;;b;;c;;d: a new span, multiplied
                    span = self._span(Integer(1))
                    args = left.args if left.head is S.Times else (left,)
                    left = Expr.make(S.Times, args + (span,))
                else:
                    left = self._span(left)
                self.spans.add(id(left))
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
        if op not in _PREFIX:                      # a named operator: \[Sqrt]x, \[Del]f
            return Expr(Symbol(tok.value.head), self.parse(tok.value.precedence))
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
    def _postfix_info(op, tok):
        info = _POSTFIX.get(op)
        if info is not None:
            return info
        if isinstance(tok.value, NamedChar):                      # x\[Transpose]
            return tok.value.precedence, Symbol(tok.value.head)
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


def _named_infix(nc):
    """(binding power, kind, head) of a named infix operator such as \\[Element]: one
    without an associativity of its own is n-ary (a ⊗ b ⊗ c is CircleTimes[a, b, c])."""
    kind = nc.assoc if nc.assoc in ("left", "right") else "flat"
    return nc.precedence, kind, Symbol(nc.head)


def resolve(items):
    """The expression of one operator sequence; a lone operand costs nothing."""
    if len(items) == 1 and items[0].type == "ATOM":
        return items[0].value
    p = _Pratt(items)
    e = p.parse(0)
    if p.pos != p.n:                       # cannot happen for grammar-accepted input
        raise OperatorError(items[p.pos], "unexpected operator")
    return e
