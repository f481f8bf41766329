"""Reap and Sow: collect values while an expression evaluates.

Each Reap being evaluated is a reaper on the evaluation's stack with the tag patterns it
takes; Sow hands its value to the innermost reaper that takes the tag, which groups values
by tag in the order the tags first appear.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...expr import Expr, S, make_list
from ...kernel import patterns
from ...kernel.builtin import builtin


@dataclass
class _Reaper:
    patterns: list                                # tag patterns taken (None: any tag)
    groups: dict = field(default_factory=dict)    # tag -> sown values, first tag first

    def takes(self, ev, tag) -> bool:
        return self.patterns is None or \
            any(patterns.match(p, tag, ev) is not None for p in self.patterns)


@builtin(argc=(1, 2), usage="Sow[e] gives e and hands it to the innermost enclosing Reap.\n"
                            "Sow[e, tag] sows e with the tag tag, and Sow[e, {tag1, ...}] "
                            "with each of the tags.")
def Sow(ev, expr):
    value = expr.args[0]
    tags = [None] if len(expr.args) == 1 else (
        list(expr.args[1].args) if isinstance(expr.args[1], Expr) and
        expr.args[1].head is S.List else [expr.args[1]])
    for tag in tags:
        key = S["None"] if tag is None else tag
        for reaper in reversed(ev.reapers):
            if reaper.takes(ev, key):
                reaper.groups.setdefault(key, []).append(value)
                break
    return value


@builtin(attributes="HoldFirst", argc=(1, 3),
         usage="Reap[expr] gives {value of expr, {list of values Sow gave}}, one list for "
               "each tag used.\nReap[expr, patt] takes only the values sown with tags that "
               "match patt, and Reap[expr, {patt1, ...}] gives one list of lists per pattern."
               "\nReap[expr, patt, f] gives f[tag, values] instead of each list of values.")
def Reap(ev, expr):
    spec = expr.args[1] if len(expr.args) >= 2 else None
    f = expr.args[2] if len(expr.args) == 3 else None
    several = isinstance(spec, Expr) and spec.head is S.List
    wanted = None if spec is None else list(spec.args) if several else [spec]
    reaper = _Reaper(wanted)
    ev.reapers.append(reaper)
    try:
        value = ev.evaluate(expr.args[0])
    finally:
        ev.reapers.pop()

    def lists(tags):
        return make_list(ev.evaluate(Expr(f, tag, make_list(reaper.groups[tag]))) if f
                         else make_list(reaper.groups[tag]) for tag in tags)
    if wanted is None or not several:
        collected = lists(reaper.groups)
    else:
        collected = make_list(lists([t for t in reaper.groups
                                     if patterns.match(p, t, ev) is not None])
                              for p in wanted)
    return ev.done(make_list([value, collected]))
