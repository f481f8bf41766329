"""Replace and ReplaceAll: trying rules on an expression and on its subexpressions
(packed arrays only when a rule could match inside them)."""

from __future__ import annotations

from ... import expr as _expr
from ...expr import TRUE, Atom, Expr, PackedArray, S, Symbol
from .kinds import (_BLANK_NULL_SEQ, _CONDITION, _EMPTY_SEQUENCE, _HOLD_PATTERN, _PATTERN,
                    MatchContext, _is_optional, _kind)
from .matcher import match_all
from .substitution import _rebuilt, substitute


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
