"""Pattern matching: Blank, Pattern, sequences, Optional, Condition, Alternatives, ...

The matcher is a small backtracking machine rather than a set of recursive functions,
so that a pattern or expression nested 1000 deep never meets Python's recursion limit.
A *state* is a linked list of pending goals plus an immutable bindings dict. Each step
takes the first goal of the state and either fails, produces exactly one successor
state (the common, deterministic case), or produces a generator of successor states
(a choice point: how many arguments a ``__`` takes, which Orderless argument a pattern
takes, which alternative). Choice points sit on an explicit stack, so ``match_all``
enumerates every binding lazily in Wolfram's order: head before arguments, arguments
left to right, shortest sequences first, an Optional argument present before absent.

Goals are tuples whose first item is the goal kind:

- ``(_ONE, p, e)``          match the single-expression pattern p against e
- ``(_SEQ, frame, i, es, j)`` match frame.pats[i:] against es[j:] (ordered arguments)
- ``(_ORD, frame, i, rem)`` match frame.pats[i:] against the multiset rem (Orderless)
- ``(_MANY, p, items, dflt)`` match a sequence pattern p against a run of arguments
- ``(_BIND, x, v)``         bind name x to v (or check an existing binding agrees)
- ``(_COND, test)``         the Condition test, with current bindings, evaluates to True
- ``(_TEST, f, items)``     f[item] evaluates to True for every item (PatternTest)
"""

from __future__ import annotations

from itertools import combinations
from operator import is_
from typing import Iterator, Protocol

from .. import expr as _expr
from ..expr import TRUE, Atom, Expr, PackedArray, S, Symbol

__all__ = ["MatchContext", "match", "match_all", "substitute", "is_pattern",
           "rule_order_key", "replace_all", "replace"]


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


# ---------------------------------------------------------------------------- the machine

def match_all(pattern, expr, ctx: MatchContext) -> Iterator[dict]:
    """Every way pattern matches expr, as bindings {Symbol: value}, lazily, in Wolfram's
    order (the first one is what Replace and function definitions use)."""
    for b in _solve(((_ONE, pattern, expr), None), {}, ctx):
        yield _finish(b)


def match(pattern, expr, ctx: MatchContext) -> dict | None:
    """The first successful binding of the named patterns, or None if there is none."""
    for b in match_all(pattern, expr, ctx):
        return b
    return None


def _finish(b):
    """A caller-owned copy of the final bindings (the machine shares dicts between states),
    with untaken Alternatives names bound to Sequence[]."""
    names = b.get(_ALT_NAMES)
    if names is None:
        return dict(b)
    out = {k: v for k, v in b.items() if k is not _ALT_NAMES}
    for x in names:
        out.setdefault(x, _EMPTY_SEQUENCE)
    return out


def _solve(goals, bindings, ctx):
    """Run the machine from one state, yielding the bindings of every success."""
    stack = [iter(((goals, bindings),))]
    steps = 0
    while stack:
        state = next(stack[-1], None)
        if state is None:
            stack.pop()
            continue
        goals, b = state
        while goals is not None:
            steps += 1
            if not steps & 1023:
                ctx.check_abort()
            goal, goals = goals
            r = _STEPS[goal[0]](goal, goals, b, ctx)
            if r is None:
                break
            if type(r) is tuple:
                goals, b = r
            else:
                stack.append(r)
                break
        else:
            yield b


def _succeeds(goals, b, ctx) -> bool:
    for _ in _solve(goals, b, ctx):
        return True
    return False


def _step_one(goal, rest, b, ctx):
    """Match one pattern against one expression."""
    _, p, e = goal
    if type(p) is not Expr:   # an atom or a PackedArray: plain equality
        return (rest, b) if p is e or p == e else None
    k = _kind(p)
    if k is None:
        return _step_compound(p, e, rest, b, ctx)
    a = p.args
    if k is _BLANK:
        return (rest, b) if not a or _equal(e.head, a[0]) else None
    if k is _PATTERN:
        x, q = a
        single = _arity(q)[2]
        value = e if single else Expr(_SEQUENCE, e)
        old = b.get(x)
        if old is not None and not _equal(old, value):  # fail before matching q, not after
            return None
        goal = (_ONE, q, e) if single else (_MANY, q, (e,), None)
        return (goal, ((_BIND, x, value), rest)), b
    if k is _CONDITION:
        if not _arity(a[0])[2]:
            return ((_MANY, p, (e,), None), rest), b
        return ((_ONE, a[0], e), ((_COND, a[1]), rest)), b
    if k is _PATTERN_TEST:
        if not _arity(a[0])[2]:
            return ((_MANY, p, (e,), None), rest), b
        return ((_ONE, a[0], e), ((_TEST, a[1], (e,)), rest)), b
    if k is _HOLD_PATTERN or k is _OPTIONAL:
        return ((_ONE, a[0], e), rest), b
    if k is _VERBATIM:
        return (rest, b) if _equal(a[0], e) else None
    if k is _ALTERNATIVES:
        return _alternatives(p, rest, b, lambda alt: (_ONE, alt, e))
    if k is _EXCEPT:
        if _succeeds(((_ONE, a[0], e), None), b, ctx):
            return None
        return (((_ONE, a[1], e), rest), b) if len(a) == 2 else (rest, b)
    return ((_MANY, p, (e,), None), rest), b  # sequence patterns standing alone


def _alternatives(p, rest, b, goal_for):
    names = _pattern_names(p)
    if names:
        b = dict(b)
        b[_ALT_NAMES] = b.get(_ALT_NAMES, frozenset()) | names
    return (((goal_for(alt), rest), b) for alt in p.args)


def _step_compound(p, e, rest, b, ctx):
    """A normal-expression pattern h[p1, ...]: head first, then the arguments, honouring
    the Flat, Orderless and OneIdentity attributes of a symbolic head."""
    ph = p.head
    if type(ph) is Symbol:
        if isinstance(e, Atom) or e.head is not ph:
            return _one_identity(p, e, rest, b, ctx)
        return _with_args(p, e, rest, b, ctx.attributes(ph))
    if isinstance(e, Atom):
        return None
    r = _with_args(p, e, rest, b, frozenset())
    return None if r is None else (((_ONE, ph, e.head), r[0]), r[1])


def _with_args(p, e, rest, b, attrs):
    """Push the goals matching p's arguments against e's arguments."""
    pats = p.args
    if isinstance(e, PackedArray):
        verdict = _packed_verdict(p, e.array.shape, e.array.dtype.kind)
        if verdict is not None:
            return (rest, b) if verdict else None
    es = e.args
    flat = "Flat" in attrs
    if "Orderless" in attrs:
        return ((_ORD, _Frame(pats, e.head, flat), 0, es), rest), b
    if not flat and all(_arity(q) == (1, 1, True) for q in pats):
        if len(pats) != len(es):
            return None
        for q, x in zip(reversed(pats), reversed(es)):
            rest = ((_ONE, q, x), rest)
        return rest, b
    return ((_SEQ, _Frame(pats, e.head, flat), 0, es, 0), rest), b


def _one_identity(p, e, rest, b, ctx):
    """x_ * y_. matches a plain x (y taking Times' default) when the head has OneIdentity
    and exactly one argument pattern is not Optional."""
    pats = p.args
    required = [i for i, q in enumerate(pats) if not _is_optional(q)]
    if len(required) != 1 or len(pats) < 2 or "OneIdentity" not in ctx.attributes(p.head):
        return None
    goals = rest
    for i in range(len(pats) - 1, -1, -1):
        if i == required[0]:
            goals = ((_ONE, pats[i], e), goals)
        else:
            goals = ((_MANY, pats[i], (), (p.head, i + 1, len(pats))), goals)
    return goals, b


def _step_seq(goal, rest, b, ctx):
    """Ordered arguments: choose how many of es[j:] pattern i takes."""
    _, fr, i, es, j = goal
    n = len(fr.pats)
    if i == n:
        return (rest, b) if j == len(es) else None
    available = len(es) - j
    if i == n - 1:
        counts = fr.counts(i, available)
        if available not in counts:
            return None
        return ((fr.consume(i, es[j:]), rest), b)
    counts = fr.counts(i, available)
    return (((fr.consume(i, es[j:j + k]), ((_SEQ, fr, i + 1, es, j + k), rest)), b)
            for k in counts)


def _step_ord(goal, rest, b, ctx):
    """Orderless arguments: choose which of the remaining arguments pattern i takes
    (a chosen run keeps the arguments' own order); the last pattern takes the rest."""
    _, fr, i, rem = goal
    n = len(fr.pats)
    if i == n:
        return (rest, b) if not rem else None
    if i == n - 1:
        if len(rem) not in fr.counts(i, len(rem)):
            return None
        return ((fr.consume(i, rem), rest), b)
    return _orderless_choices(fr, i, rem, rest, b)


def _orderless_choices(fr, i, rem, rest, b):
    idx = range(len(rem))
    for k in fr.counts(i, len(rem)):
        for chosen in combinations(idx, k):
            taken = tuple(rem[c] for c in chosen)
            left = tuple(x for c, x in enumerate(rem) if c not in chosen)
            yield (fr.consume(i, taken), ((_ORD, fr, i + 1, left), rest)), b


def _step_many(goal, rest, b, ctx):
    """A sequence pattern against a run of arguments (possibly empty)."""
    _, p, items, dflt = goal
    k = _kind(p)
    n = len(items)
    if k is None or k is _BLANK or k is _EXCEPT or k is _VERBATIM:
        return (((_ONE, p, items[0]), rest), b) if n == 1 else None
    a = p.args
    if k is _BLANK_SEQ or k is _BLANK_NULL_SEQ:
        if k is _BLANK_SEQ and not n:
            return None
        if a and not all(_equal(x.head, a[0]) for x in items):
            return None
        return rest, b
    if k is _PATTERN:
        x, q = a
        single = _arity(q)[2]
        value = items[0] if single and n == 1 else Expr.make(_SEQUENCE, items)
        old = b.get(x)
        if old is not None and not _equal(old, value):
            return None
        return ((_MANY, q, items, dflt), ((_BIND, x, value), rest)), b
    if k is _OPTIONAL:
        if n:
            return ((_MANY, a[0], items, dflt), rest), b
        return _default(p, dflt, rest, b, ctx)
    if k is _HOLD_PATTERN:
        return ((_MANY, a[0], items, dflt), rest), b
    if k is _CONDITION:
        return ((_MANY, a[0], items, dflt), ((_COND, a[1]), rest)), b
    if k is _PATTERN_TEST:
        return ((_MANY, a[0], items, dflt), ((_TEST, a[1], items), rest)), b
    if k is _REPEATED or k is _REPEATED_NULL:
        lo, hi = _repeat_bounds(p)
        if not lo <= n <= hi:
            return None
        for x in reversed(items):
            rest = ((_ONE, a[0], x), rest)
        return rest, b
    if k is _OPTIONS_PATTERN:
        return (rest, b) if all(_is_option(x) for x in items) else None
    return _alternatives(p, rest, b, lambda alt: (_MANY, alt, items, dflt))


def _is_option(x):
    if type(x) is not Expr:
        return False
    if x.head is S.Rule or x.head is S.RuleDelayed:
        return len(x.args) == 2
    return x.head is S.List and not isinstance(x, PackedArray) and all(map(_is_option, x.args))


def _default(p, dflt, rest, b, ctx):
    """An absent Optional argument: bind its name to the explicit default or Default[f]."""
    if len(p.args) == 2:
        value = p.args[1]
    elif dflt is None:
        return None
    else:
        value = ctx.default_value(*dflt)
        if value is None:
            return None
    q = p.args[0]
    while _kind(q) is _HOLD_PATTERN:
        q = q.args[0]
    if _kind(q) is _PATTERN:
        return ((_BIND, q.args[0], value), rest), b
    return rest, b


def _step_bind(goal, rest, b, ctx):
    _, x, v = goal
    old = b.get(x)
    if old is not None:
        return (rest, b) if _equal(old, v) else None
    b = dict(b)
    b[x] = v
    return rest, b


def _step_cond(goal, rest, b, ctx):
    return (rest, b) if ctx.evaluate(substitute(goal[1], b)) is TRUE else None


def _step_test(goal, rest, b, ctx):
    _, f, items = goal
    for x in items:
        if ctx.evaluate(Expr(f, x)) is not TRUE:
            return None
    return rest, b


_STEPS = (_step_one, _step_seq, _step_ord, _step_many, _step_bind, _step_cond, _step_test)


def _packed_verdict(p, shape, kind):
    """Decide an unnamed pattern like {__Real}, {___} or {{__Integer}..} against a packed
    array from its shape and dtype alone, so a 100k-element array is never unpacked.
    None when the pattern needs the elements themselves."""
    if p.head is not S.List or len(p.args) != 1:
        return None
    q = p.args[0]
    k = _kind(q)
    if k is _BLANK_SEQ or k is _BLANK_NULL_SEQ:
        element, lo = Expr.make(_BLANK, q.args), 1 if k is _BLANK_SEQ else 0
    elif (k is _REPEATED or k is _REPEATED_NULL) and len(q.args) == 1:
        element, lo = q.args[0], 1 if k is _REPEATED else 0
    else:
        return None
    if shape[0] < lo:
        return False
    if shape[0] == 0:
        return True
    sub = shape[1:]
    ek = _kind(element)
    if ek is _BLANK:
        if not element.args:
            return True
        h = element.args[0]
        if h is S.List:
            return bool(sub)
        if h is S.Integer:
            return not sub and kind in "iu"
        if h is S.Real:
            return not sub and kind == "f"
        return False
    if ek is None and type(element) is Expr and element.head is S.List:
        return _packed_verdict(element, sub, kind) if sub else False
    return None


# ---------------------------------------------------------------------------- helpers

def _equal(u, v) -> bool:
    """Structural equality without recursion: Expr.__eq__ recurses once per level, which
    a binding 1000 deep would turn into a RecursionError."""
    stack = [(u, v)]
    while stack:
        u, v = stack.pop()
        if u is v:
            continue
        if type(u) is not Expr or type(v) is not Expr:
            if u != v:  # atoms, or a PackedArray (its equality is not deep)
                return False
            continue
        if len(u.args) != len(v.args):
            return False
        stack.append((u.head, v.head))
        stack.extend(zip(u.args, v.args))
    return True


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


# ---------------------------------------------------------------------------- substitution

_FUNCTION, _SET, _SET_DELAYED = S.Function, S.Set, S.SetDelayed
_BLOCKS = frozenset({S.Module, S.With, S.Block})
_RULE_LIKE = frozenset({S.Rule, S.RuleDelayed, _SET, _SET_DELAYED})
_ARG, _WHOLE, _KEEP, _EXIT = range(4)


def substitute(body, bindings: dict):
    """Replace the bound names in body (a rule's right-hand side) by their values.

    A name bound to Sequence[...] (from __ or ___) splices into the argument list around
    it; in a head or as the whole body a one-element sequence stands for its element (so
    f[x__] := x gives a for f[a]). Variables that an inner construct binds itself are left
    alone: the parameters of Function[{x}, ...], the locals of Module/With/Block and the
    pattern names on the left of an inner rule or definition.
    """
    if not bindings:
        return body
    out = []
    work = [(body, bindings, _WHOLE)]
    while work:
        node, b, role = work.pop()
        if role == _EXIT:
            node, start = node
            parts = out[start:]
            del out[start:]
            out.append(_rebuilt(node, parts))
        elif role == _KEEP or not b:
            out.append(node)
        elif type(node) is Symbol:
            v = b.get(node)
            if v is None:
                out.append(node)
            elif type(v) is Expr and v.head is _SEQUENCE:
                if role == _ARG:
                    out.extend(v.args)
                else:
                    out.append(v.args[0] if len(v.args) == 1 else v)
            else:
                out.append(v)
        elif type(node) is not Expr:
            out.append(node)
        else:
            work.append(((node, len(out)), None, _EXIT))
            children = _scoped_children(node, b)
            work.extend(reversed(children))
    return out[0]


def _rebuilt(node, parts):
    head, args = parts[0], parts[1:]
    old = node.args
    if head is node.head and len(args) == len(old) and all(map(is_, args, old)):
        return node
    return Expr.make(head, args)


def _without(b, names):
    return {k: v for k, v in b.items() if k not in names} if names & b.keys() else b


def _scoped_children(node, b):
    """Work items for node's head and arguments, with each child's own bindings."""
    h, args = node.head, node.args
    items = [(h, b, _WHOLE)] + [(a, b, _ARG) for a in args]
    if h is _FUNCTION and len(args) >= 2:
        params = args[0]
        names = set(params.args) if type(params) is Expr else {params}
        items[1] = (params, None, _KEEP)
        items[2] = (args[1], _without(b, names), _ARG)
    elif h in _BLOCKS and len(args) == 2 and type(args[0]) is Expr and args[0].head is S.List:
        names, specs = set(), []
        for spec in args[0].args:
            if type(spec) is Expr and spec.head in (_SET, _SET_DELAYED) and len(spec.args) == 2:
                names.add(spec.args[0])
                spec = Expr(spec.head, spec.args[0], substitute(spec.args[1], b))
            elif type(spec) is Symbol:
                names.add(spec)
            specs.append(spec)
        items[1] = (Expr.make(S.List, specs), None, _KEEP)
        items[2] = (args[1], _without(b, names), _ARG)
    elif h in _RULE_LIKE and len(args) == 2:
        inner = _without(b, _pattern_names(args[0]))
        items[1] = (args[0], inner, _ARG)
        items[2] = (args[1], inner, _ARG)
    return items


# ---------------------------------------------------------------------------- rule order

_BLANK_RANK = {_BLANK: 1, _BLANK_SEQ: 3, _BLANK_NULL_SEQ: 5}
_CONSTRUCT_RANK = {_ALTERNATIVES: 1.5, _EXCEPT: 2, _REPEATED: 3.5, _REPEATED_NULL: 5.5,
                   _OPTIONS_PATTERN: 6, _VERBATIM: 0}
_TRANSPARENT = {_PATTERN: 1, _CONDITION: 0, _PATTERN_TEST: 0, _HOLD_PATTERN: 0}


def rule_order_key(lhs):
    """Sort key putting more specific definitions first, as Wolfram orders DownValues.

    A pattern-free left side sorts before every pattern. Otherwise the key lists, in
    preorder, a specificity rank per node: literal parts 0, _h 1, _ 2, __h 3, __ 4,
    ___h 5, ___ 6 (names are transparent), Optional just after its blank, a blank with a
    test (``x_?Positive``) just before it; a pattern with a Condition comes before the
    same pattern without one. Among otherwise equal patterns a stable sort keeps
    definition order.
    """
    if not is_pattern(lhs):
        return (0, ())
    ranks = []
    conditional = 1
    stack = [lhs]
    while stack:
        p = stack.pop()
        k = _kind(p)
        if k is None:
            ranks.append(0)
            if type(p) is Expr:
                stack.extend(reversed(p.args))
                stack.append(p.head)
        elif k is _PATTERN_TEST:
            ranks.append(_leaf_rank(p.args[0]) - 0.25)
        elif k is _CONDITION:
            conditional = 0
            stack.append(p.args[0])
        elif k in _TRANSPARENT:
            stack.append(p.args[_TRANSPARENT[k]])
        elif k is _OPTIONAL:
            ranks.append(_leaf_rank(p.args[0]) + 0.5)
        else:
            ranks.append(_leaf_rank(p))
    return (1, tuple(ranks), conditional)


def _leaf_rank(p):
    k = _kind(p)
    while k in _TRANSPARENT:
        p = p.args[_TRANSPARENT[k]]
        k = _kind(p)
    if k in _BLANK_RANK:
        return _BLANK_RANK[k] + (0 if p.args else 1)
    return _CONSTRUCT_RANK.get(k, 0)


# ---------------------------------------------------------------------------- replacement

_NO_MATCH = object()
_PRE, _POST = Symbol("wlnet`patterns`pre"), Symbol("wlnet`patterns`post")


def replace(expr, rules, ctx: MatchContext):
    """The first rule (lhs, rhs, delayed) whose left side matches the whole expr, applied;
    None when no rule applies (Replace)."""
    for lhs, rhs, delayed in rules:
        out = _apply_rule(lhs, rhs, delayed, expr, ctx)
        if out is not _NO_MATCH:
            return out
    return None


def replace_all(expr, rules, ctx: MatchContext):
    """ReplaceAll: try the rules on expr, then on its head and arguments, outermost first;
    a replaced part is not searched again. Returns (result, whether any rule applied)."""
    packed_reachable = any(_may_match_in_packed(lhs, ctx) for lhs, _, _ in rules)
    out = []
    work = [(expr, None)]
    changed = False
    visited = 0
    while work:
        node, start = work.pop()
        if start is not None:
            parts = out[start:]
            del out[start:]
            out.append(_rebuilt(node, parts))
            continue
        visited += 1
        if not visited & 1023:
            ctx.check_abort()
        r = replace(node, rules, ctx)
        if r is not None:
            out.append(r)
            changed = True
        elif isinstance(node, Atom) or (isinstance(node, PackedArray) and not packed_reachable):
            out.append(node)
        else:
            work.append((node, len(out)))
            work.extend((a, None) for a in reversed(node.args))
            work.append((node.head, None))
    return out[0], changed


def _apply_rule(lhs, rhs, delayed, e, ctx):
    for b in match_all(lhs, e, ctx):
        out = _rhs_value(rhs, delayed, b, ctx)
        if out is not _NO_MATCH:
            return out
    return _flat_part(lhs, rhs, delayed, e, ctx)


def _rhs_value(rhs, delayed, b, ctx):
    """The substituted right side, or _NO_MATCH when a delayed rule's lhs :> rhs /; test
    condition does not hold."""
    while delayed and type(rhs) is Expr and rhs.head is _CONDITION and len(rhs.args) == 2:
        if ctx.evaluate(substitute(rhs.args[1], b)) is not TRUE:
            return _NO_MATCH
        rhs = rhs.args[0]
    return substitute(rhs, b)


def _flat_part(lhs, rhs, delayed, e, ctx):
    """Under a Flat head a rule may match some of the arguments: a + b + c /. a + b -> x
    gives x + c (the rest stays around the replacement; Orderless lets it be anywhere)."""
    p = lhs
    while _kind(p) is _HOLD_PATTERN:
        p = p.args[0]
    if type(p) is not Expr or _kind(p) is not None or type(p.head) is not Symbol \
            or isinstance(e, Atom) or e.head is not p.head or len(e.args) <= len(p.args):
        return _NO_MATCH
    h = p.head
    attrs = ctx.attributes(h)
    if "Flat" not in attrs:
        return _NO_MATCH
    pre, post = (Expr(_PATTERN, name, Expr(_BLANK_NULL_SEQ)) for name in (_PRE, _POST))
    core = p.args + (post,) if "Orderless" in attrs else (pre,) + p.args + (post,)
    for b in match_all(Expr.make(h, core), e, ctx):
        before, after = b.pop(_PRE, _EMPTY_SEQUENCE), b.pop(_POST)
        out = _rhs_value(rhs, delayed, b, ctx)
        if out is not _NO_MATCH:
            return Expr.make(h, before.args + (out,) + after.args)
    return _NO_MATCH


def _may_match_in_packed(lhs, ctx) -> bool:
    """Whether a rule could match an element or row of a packed array (a number or a
    List); when no rule can, replace_all does not unpack the array to look."""
    while _kind(lhs) is _HOLD_PATTERN:
        lhs = lhs.args[0]
    if isinstance(lhs, (Symbol, _expr.String, _expr.Rational, _expr.ObjectAtom)):
        return False
    if type(lhs) is Expr and _kind(lhs) is None and type(lhs.head) is Symbol \
            and lhs.head is not S.List:
        return "OneIdentity" in ctx.attributes(lhs.head) and any(map(_is_optional, lhs.args))
    return True
