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
from typing import Iterator

from ...expr import TRUE, Atom, Expr, PackedArray, S, Symbol
from .kinds import (_ALTERNATIVES, _ALT_NAMES, _BIND, _BLANK, _BLANK_NULL_SEQ, _BLANK_SEQ,
                    _COND, _CONDITION, _EMPTY_SEQUENCE, _EXCEPT, _HOLD_PATTERN, _MANY, _ONE,
                    _OPTIONAL, _OPTIONS_PATTERN, _ORD, _PATTERN, _PATTERN_TEST, _REPEATED,
                    _REPEATED_NULL, _SEQ, _SEQUENCE, _TEST, _VERBATIM, MatchContext, _Frame,
                    _arity, _is_optional, _kind, _pattern_names, _repeat_bounds)
from .substitution import substitute


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
        return (rest, b) if not a or e.head == a[0] else None
    if k is _PATTERN:
        x, q = a
        single = _arity(q)[2]
        value = e if single else Expr(_SEQUENCE, e)
        old = b.get(x)
        if old is not None and old != value:  # fail before matching q, not after
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
        return (rest, b) if a[0] == e else None
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
        if a and not all(x.head == a[0] for x in items):
            return None
        return rest, b
    if k is _PATTERN:
        x, q = a
        single = _arity(q)[2]
        value = items[0] if single and n == 1 else Expr.make(_SEQUENCE, items)
        old = b.get(x)
        if old is not None and old != value:
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
        return (rest, b) if old == v else None
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
