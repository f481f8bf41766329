"""What a pattern is: the pattern heads, each pattern's kind and arity, the frames
the matcher walks argument lists with, and the structural helpers (``is_pattern``,
equality that never recurses, the names a pattern binds)."""

from __future__ import annotations

from typing import Protocol

from ... import expr as _expr
from ...expr import Expr, S, Symbol


class MatchContext(Protocol):
    """What the matcher needs from the evaluator."""

    def evaluate(self, expr): ...

    def attributes(self, sym) -> frozenset[str]: ...

    def default_value(self, head, position: int, nargs: int): ...

    def check_abort(self) -> None: ...


INF = float("inf")

_BLANK, _BLANK_SEQ, _BLANK_NULL_SEQ = S.Blank, S.BlankSequence, S.BlankNullSequence
_PATTERN, _OPTIONAL, _CONDITION, _PATTERN_TEST = S.Pattern, S.Optional, S.Condition, S.PatternTest
_ALTERNATIVES, _REPEATED, _REPEATED_NULL = S.Alternatives, S.Repeated, S.RepeatedNull
_EXCEPT, _HOLD_PATTERN, _VERBATIM = S.Except, S.HoldPattern, S.Verbatim
_OPTIONS_PATTERN = S.OptionsPattern
_SEQUENCE = S.Sequence

# Heads whose presence means an expression must go through the matcher (not plain
# equality). HoldPattern and Verbatim are included: HoldPattern[f[1]] is not equal to f[1].
PATTERN_HEADS = frozenset({
    _BLANK, _BLANK_SEQ, _BLANK_NULL_SEQ, _PATTERN, _OPTIONAL, _CONDITION, _PATTERN_TEST,
    _ALTERNATIVES, _REPEATED, _REPEATED_NULL, _EXCEPT, _HOLD_PATTERN, _VERBATIM,
    _OPTIONS_PATTERN})

_ONE, _SEQ, _ORD, _MANY, _BIND, _COND, _TEST = range(7)

# Bindings-dict key (never a Symbol) collecting the names of Alternatives branches; names
# of a branch that was not taken end up bound to Sequence[], as in Wolfram.
_ALT_NAMES = object()
_EMPTY_SEQUENCE = Expr(_SEQUENCE)


def _kind(p):
    """The pattern head of p when p is a well-formed pattern construct, else None."""
    if type(p) is not Expr:
        return None
    h = p.head
    if h not in PATTERN_HEADS:
        return None
    n = len(p.args)
    if h is _PATTERN:
        return h if n == 2 and type(p.args[0]) is Symbol else None
    if h in (_BLANK, _BLANK_SEQ, _BLANK_NULL_SEQ, _OPTIONS_PATTERN):
        return h if n <= 1 else None
    if h in (_CONDITION, _PATTERN_TEST):
        return h if n == 2 else None
    if h in (_OPTIONAL, _EXCEPT, _REPEATED, _REPEATED_NULL):
        return h if 1 <= n <= 2 else None
    if h in (_HOLD_PATTERN, _VERBATIM):
        return h if n == 1 else None
    return h  # Alternatives


def _arity(p):
    """(min, max, single) arguments p takes in an argument list; single means p matches
    one expression (so a name on it binds that expression, not a Sequence)."""
    k = _kind(p)
    if k is None or k is _BLANK or k is _EXCEPT or k is _VERBATIM:
        return 1, 1, True
    if k is _BLANK_SEQ:
        return 1, INF, False
    if k is _BLANK_NULL_SEQ or k is _OPTIONS_PATTERN:
        return 0, INF, False
    if k is _PATTERN:
        return _arity(p.args[1])
    if k in (_CONDITION, _PATTERN_TEST, _HOLD_PATTERN):
        return _arity(p.args[0])
    if k is _OPTIONAL:
        _, hi, single = _arity(p.args[0])
        return 0, hi, single
    if k is _REPEATED or k is _REPEATED_NULL:
        return (*_repeat_bounds(p), False)
    if not p.args:  # Alternatives[] matches nothing
        return 1, 1, True
    bounds = [_arity(a) for a in p.args]
    return min(b[0] for b in bounds), max(b[1] for b in bounds), all(b[2] for b in bounds)


def _repeat_bounds(p):
    """Count bounds of Repeated[p, spec] / RepeatedNull[p, spec]: spec n, {n} or {min, max}."""
    lo = 1 if p.head is _REPEATED else 0
    if len(p.args) == 1:
        return lo, INF
    spec = p.args[1]
    if type(spec) is _expr.Integer:
        return lo, spec.value
    if type(spec) is Expr and spec.head is S.List and len(spec.args) in (1, 2):
        vals = [INF if a is S.Infinity else a.value if type(a) is _expr.Integer else None
                for a in spec.args]
        if None not in vals:
            return (vals[0], vals[0]) if len(vals) == 1 else (vals[0], vals[1])
    return lo, INF


def _is_optional(p):
    while _kind(p) is _HOLD_PATTERN:
        p = p.args[0]
    return _kind(p) is _OPTIONAL


class _Frame:
    """The argument patterns of one compound pattern, with what the sequence search needs
    precomputed: each pattern's arity, the minimum the later patterns need, and the
    expression head (for Flat grouping and Default values)."""

    __slots__ = ("pats", "arity", "need_after", "optional", "head", "flat")

    def __init__(self, pats, head, flat):
        self.pats = pats
        self.head = head
        self.flat = flat
        ar = []
        for p in pats:
            lo, hi, single = _arity(p)
            if flat and single:
                hi = INF  # under Flat, x_ may take several arguments as head[...]
            ar.append((lo, hi, single))
        self.arity = ar
        need = [0] * len(pats)
        for i in range(len(pats) - 2, -1, -1):
            need[i] = need[i + 1] + ar[i + 1][0]
        self.need_after = need
        self.optional = [_is_optional(p) for p in pats]

    def counts(self, i, available):
        """Argument counts to try for pattern i: shortest first, but an Optional
        argument is tried present before absent."""
        lo, hi, _ = self.arity[i]
        hi = min(hi, available - self.need_after[i])
        if hi < lo:
            return ()
        if self.optional[i] and lo == 0:
            return (*range(1, int(hi) + 1), 0)
        return range(lo, int(hi) + 1)

    def consume(self, i, items):
        """The goal matching pattern i against the chosen run of arguments."""
        p = self.pats[i]
        if self.arity[i][2] and items:
            return (_ONE, p, items[0] if len(items) == 1 else Expr.make(self.head, items))
        return (_MANY, p, items, (self.head, i + 1, len(self.pats)))


# ---------------------------------------------------------------------------- helpers

def _pattern_names(p) -> frozenset:
    """Names of all Pattern[x, ...] inside p."""
    names = set()
    stack = [p]
    while stack:
        q = stack.pop()
        if type(q) is not Expr:
            continue
        if _kind(q) is _PATTERN:
            names.add(q.args[0])
        stack.append(q.head)
        stack.extend(q.args)
    return frozenset(names)


def is_pattern(expr) -> bool:
    """True when expr contains a pattern construct, i.e. it must be matched rather than
    compared (this counts HoldPattern and Verbatim, which plain equality would not honour)."""
    stack = [expr]
    while stack:
        e = stack.pop()
        if type(e) is not Expr:
            continue
        if e.head in PATTERN_HEADS:
            return True
        stack.append(e.head)
        stack.extend(e.args)
    return False
