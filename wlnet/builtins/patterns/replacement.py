"""Replacing with rules: ReplaceAll (``/.``), ReplaceRepeated (``//.``), Replace."""

from __future__ import annotations

from ...expr import Expr, Integer, S, is_list
from ...kernel import patterns
from ...kernel.builtin import builtin
from ..common import INF, operator_form
from ..structure.levels import _levels_arg, map_levels
from ..structure.parts import is_assoc
from .selection import _is_rule, _rule_tuple


# -- replacing -------------------------------------------------------------------------------


def rule_list(ev, name, rules, whole):
    """Rule tuples (lhs, rhs, delayed) from a rule, a list of rules or an association;
    a list of such lists gives a list of rule lists. None after ``name::reps``."""
    if _is_rule(rules):
        return [_rule_tuple(rules)]
    if (is_assoc(rules) or is_list(rules)) and all(_is_rule(r) for r in rules.args):
        return [_rule_tuple(r) for r in rules.args]   # (an invalid association stays one)
    if is_list(rules) and rules.args and all(
            is_list(x) and all(_is_rule(r) for r in x.args) for x in rules.args):
        return [[_rule_tuple(r) for r in x.args] for x in rules.args]
    ev.message(name, "reps", rules if is_list(rules) else Expr(S.List, rules))
    return None


def _each_rule_set(rules, fn):
    """fn applied once, or once per rule list (giving a list) for a list of rule lists."""
    if rules and isinstance(rules[0], list):
        return Expr.make(S.List, [fn(r) for r in rules])
    return fn(rules)


@builtin(argc=(1, 2),
         usage="expr /. rules applies the rules to each part of expr, trying the whole "
               "first, and does not search a part again once it is replaced.")
def ReplaceAll(ev, expr):
    """expr /. rules: each part replaced by the first rule that matches it, outermost
    parts first; a replaced part is not searched again."""
    if len(expr.args) == 1:
        return None
    e, given = expr.args
    rules = rule_list(ev, "ReplaceAll", given, expr)
    if rules is None:
        return None
    return _each_rule_set(rules, lambda rs: patterns.replace_all(e, rs, ev)[0])


operator_form("ReplaceAll")


@builtin(argc=(1, 3), options={"MaxIterations": Integer(65536)},
         messages={"rrlim": "Exiting after `1` scanned `2` times."},
         usage="expr //. rules applies the rules again and again until expr no "
               "longer changes.")
def ReplaceRepeated(ev, expr):
    """expr //. rules: ReplaceAll again (evaluating in between) until nothing changes."""
    split = ev.split_options(expr, "ReplaceRepeated", first_option=2)
    if split is None or len(split[0]) < 2:
        return None
    (e, given), opts = split[0][:2], split[1]
    rules = rule_list(ev, "ReplaceRepeated", given, expr)
    if rules is None:
        return None
    limit = opts["MaxIterations"]
    limit = limit.value if isinstance(limit, Integer) else INF

    def repeat(rs):
        current, count = e, 0
        while True:
            ev.check_abort()
            if count >= limit:
                ev.message("ReplaceRepeated", "rrlim", e, Integer(count))
                return current
            new, changed = patterns.replace_all(current, rs, ev)
            count += 1
            if not changed:
                return current
            new = ev.evaluate(new)
            if new == current:
                return current
            current = new
    return _each_rule_set(rules, repeat)


operator_form("ReplaceRepeated")


@builtin(argc=(1, 3),
         usage="Replace[expr, rules] applies the first of the rules that matches the whole "
               "of expr.\nReplace[expr, rules, levelspec] applies them to the parts of "
               "expr at the levels levelspec.")
def Replace(ev, expr):
    """Replace[expr, rules]: the first matching rule applied to the whole of expr;
    Replace[expr, rules, levels] to the parts at those levels, innermost first."""
    if len(expr.args) == 1:
        return None
    e, given = expr.args[:2]
    rules = rule_list(ev, "Replace", given, expr)
    if rules is None:
        return None
    levels = _levels_arg(ev, expr, 2, (0, 0))
    if levels is None:
        return None

    def replace_at(rs):
        def one(x, _):
            r = patterns.replace(x, rs, ev)
            return x if r is None else r
        return map_levels(e, one, *levels)
    return _each_rule_set(rules, replace_at)


operator_form("Replace")
