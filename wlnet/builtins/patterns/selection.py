"""Selecting and searching by pattern or test: Select, Cases, DeleteCases, Position,
Count, MemberQ, FreeQ, MatchQ."""

from __future__ import annotations

from ...expr import TRUE, Atom, Expr, Integer, S, String, pack
from ...kernel import patterns
from ...kernel.builtin import builtin
from ..common import INF, boolean, operator_form
from ..structure.levels import _descends, _matches, _within, at_levels, walk
from ..structure.parts import elements, is_assoc, rebuild, subset


# -- selecting and searching ----------------------------------------------------------------


def _limit_arg(expr, index):
    n = expr.args[index] if len(expr.args) > index else None
    return n.value if isinstance(n, Integer) else INF


@builtin(argc=(1, 3),
         usage="Select[list, crit] gives the elements ei of list for which crit[ei] is "
               "True.\nSelect[list, crit, n] gives the first n of them.")
def Select(ev, expr):
    """Select[list, crit]: the elements for which crit gives True (an association keeps the
    keys); Select[list, crit, n] the first n of them."""
    if len(expr.args) == 1:
        return None
    e, crit = expr.args[:2]
    if isinstance(e, Atom):
        ev.message("Select", "normal", Integer(1), expr)
        return None
    limit = _limit_arg(expr, 2)
    chosen = []
    for i, x in enumerate(elements(e)):
        if len(chosen) >= limit:
            break
        if ev.evaluate(Expr(crit, x)) is TRUE:
            chosen.append(i)
    return subset(e, chosen)


operator_form("Select")


def _rule_tuple(rule):
    return rule.args[0], rule.args[1], rule.head is S.RuleDelayed


def _is_rule(e) -> bool:
    return isinstance(e, Expr) and e.head in (S.Rule, S.RuleDelayed) and len(e.args) == 2


@builtin(argc=(1, 4),
         usage="Cases[list, pattern] gives the elements of list that match "
               "pattern.\nCases[expr, pattern, levelspec] looks at the levels levelspec, "
               "and Cases[expr, lhs -> rhs] gives rhs for each match.")
@at_levels((1, 1))
def Cases(ev, expr, e, pattern, levels):
    """Cases[expr, pattern]: the elements that match (at level 1, or the levels given);
    with a rule pattern -> rhs, the rhs for each match."""
    limit = _limit_arg(expr, 3)
    rule = [_rule_tuple(pattern)] if _is_rule(pattern) else None
    found = []
    for pos, part in walk(e, *levels):
        if len(found) >= limit:
            break
        if rule is not None:
            r = patterns.replace(part, rule, ev)
            if r is not None:
                found.append(r)
        elif _matches(ev, pattern, part):
            found.append(part)
    return pack(found)


operator_form("Cases")


@builtin(argc=(1, 4),
         usage="DeleteCases[expr, pattern] removes the elements of expr that match "
               "pattern.\nDeleteCases[expr, pattern, levelspec] removes them at the levels "
               "levelspec.")
@at_levels((1, 1))
def DeleteCases(ev, expr, e, pattern, levels):
    """DeleteCases[expr, pattern]: expr without the elements that match (level 1, or the
    levels given)."""
    budget = [_limit_arg(expr, 3)]
    return _delete(ev, e, pattern, levels, 0, budget)


def _delete(ev, e, pattern, levels, level, budget):
    lo, hi = levels
    if isinstance(e, Atom) or not _descends(hi, level):
        return e
    kept, values = [], []
    for i, x in enumerate(elements(e)):
        if budget[0] > 0 and _within(lo, hi, level + 1, x) and _matches(ev, pattern, x):
            budget[0] -= 1
            continue
        kept.append(i)
        values.append(_delete(ev, x, pattern, levels, level + 1, budget))
    if is_assoc(e):
        return Expr.make(S.Association, [Expr(e.args[i].head, e.args[i].args[0], v)
                                         for i, v in zip(kept, values)])
    return rebuild(e, values) if e.head is S.List else Expr.make(e.head, values)


operator_form("DeleteCases")


@builtin(argc=(1, 4),
         usage="Position[expr, pattern] gives the list of the positions at which parts of "
               "expr match pattern.\nPosition[expr, pattern, levelspec] looks at the "
               "levels levelspec, and Position[expr, pattern, levelspec, n] gives at most "
               "n positions.")
@at_levels((0, INF))
def Position(ev, expr, e, pattern, levels):
    """Position[expr, pattern]: the positions of every matching part at any level (heads
    included), innermost first."""
    limit = _limit_arg(expr, 3)
    found = []
    for pos, part in walk(e, *levels, heads=True):
        if len(found) >= limit:
            break
        if _matches(ev, pattern, part):
            found.append(pack(pos) if pos else Expr(S.List))
    return Expr.make(S.List, found)


operator_form("Position")


@builtin(argc=(1, 3),
         usage="Count[list, pattern] gives the number of elements of list that match "
               "pattern.\nCount[expr, pattern, levelspec] counts at the levels levelspec.")
@at_levels((1, 1))
def Count(ev, expr, e, pattern, levels):
    """Count[list, pattern]: how many elements match (level 1, or the levels given)."""
    return Integer(sum(1 for _, part in walk(e, *levels) if _matches(ev, pattern, part)))


operator_form("Count")


@builtin(argc=(1, 3),
         usage="MemberQ[list, form] gives True if an element of list matches form, and "
               "False otherwise.")
@at_levels((1, 1))
def MemberQ(ev, expr, e, pattern, levels):
    """MemberQ[list, pattern]: whether some element matches (level 1, or the levels given)."""
    return boolean(any(_matches(ev, pattern, part) for _, part in walk(e, *levels)))


operator_form("MemberQ")


@builtin(argc=(1, 3),
         usage="FreeQ[expr, form] gives True if no part of expr matches form, and False "
               "otherwise.")
@at_levels((0, INF))
def FreeQ(ev, expr, e, pattern, levels):
    """FreeQ[expr, pattern]: whether no part of expr, at any level and heads included,
    matches."""
    return boolean(not any(_matches(ev, pattern, part)
                           for _, part in walk(e, *levels, heads=True)))


operator_form("FreeQ")


@builtin(argc=(1, 2),
         usage="MatchQ[expr, form] gives True if expr matches the pattern form, and False "
               "otherwise.")
def MatchQ(ev, expr):
    """MatchQ[expr, pattern]: whether expr matches pattern."""
    if len(expr.args) == 1:
        return None
    return boolean(_matches(ev, expr.args[1], expr.args[0]))


operator_form("MatchQ")


@builtin(argc=(2, 4),
         usage="FirstPosition[expr, pattern] gives the position of the first part of expr "
               "that matches pattern, in the order of Position, or Missing[\"NotFound\"].\n"
               "FirstPosition[expr, pattern, default] gives default when nothing matches.\n"
               "FirstPosition[expr, pattern, default, levelspec] looks only at the levels "
               "levelspec.")
def FirstPosition(ev, expr):
    e, pattern = expr.args[:2]
    levels = expr.args[3] if len(expr.args) == 4 else Expr(S.List, Integer(0), S.Infinity)
    found = ev.evaluate(Expr(S.Position, e, pattern, levels, Integer(1)))
    if isinstance(found, Expr) and found.head is S.List and found.args:
        return found.args[0]
    if len(expr.args) >= 3:
        return expr.args[2]
    return Expr(S.Missing, String("NotFound"))
