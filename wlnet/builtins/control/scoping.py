"""Local variables: Module (fresh symbols ``x$n``), With (constants substituted), Block
(temporary values of the same symbols)."""

from __future__ import annotations

import itertools

from ...expr import Expr, S, Symbol
from ...kernel import patterns
from ...kernel.builtin import builtin
from ...kernel.definitions import Rule
from ...kernel.limits import accepts_value

_module_numbers = itertools.count(1)


def _locals(ev, expr):
    """[(symbol, initial value or None)] from the local list, or None after a message."""
    spec = expr.args[0]
    name = expr.head.name
    if not (isinstance(spec, Expr) and spec.head is S.List):
        ev.message(name, "lvlist", spec)
        return None
    out = []
    for item in spec.args:
        if isinstance(item, Symbol):
            out.append((item, None))
        elif isinstance(item, Expr) and item.head in (S.Set, S.SetDelayed) and \
                len(item.args) == 2 and isinstance(item.args[0], Symbol):
            out.append((item.args[0], item.args[1]))
        else:
            ev.message(name, "lvsym", spec, item)
            return None
    names = [s for s, _ in out]
    if len(set(names)) != len(names):
        dup = next(s for s in names if names.count(s) > 1)
        ev.message(name, "dupv", dup, spec)
        return None
    return out


@builtin(attributes="HoldAll", argc=2,
         usage="Module[{x, y = y0, ...}, expr] evaluates expr with x, y, ... as new local "
               "symbols.")
def Module(ev, expr):
    """Module[{x, y = v}, body]: body with x, y renamed to fresh symbols x$n."""
    local = _locals(ev, expr)
    if local is None:
        return None
    n = next(_module_numbers)
    renames = {s: Symbol(f"{s.name}${n}") for s, _ in local}
    for s, init in local:
        if init is not None:
            d = ev.defs.ensure(renames[s])
            d.own = Rule(renames[s], ev.evaluate(init), False)
        ev.defs.ensure(renames[s]).attributes.add("Temporary")
    return patterns.substitute(expr.args[1], renames)


@builtin(attributes="HoldAll", argc=(2, None),
         usage="With[{x = x0, y = y0, ...}, expr] replaces x, y, ... in expr by the values "
               "x0, y0, ... and evaluates it.\nWith[{x = x0}, {y = y0}, ..., expr] nests, "
               "so that y0 may use x.")
def With(ev, expr):
    """With[{x = v}, body]: body with every x replaced by the value v; With[{x = v},
    {y = w}, ..., body] nests, so w may use x."""
    local = _locals(ev, expr)
    if local is None:
        return None
    values = {s: ev.evaluate(v) if v is not None else s for s, v in local}
    rest = expr.args[1] if len(expr.args) == 2 else Expr.make(S.With, expr.args[1:])
    return patterns.substitute(rest, values)


@builtin(attributes="HoldAll", argc=2,
         usage="Block[{x, y = y0, ...}, expr] evaluates expr with x, y, ... given new "
               "local values for its duration.")
def Block(ev, expr):
    """Block[{x = v}, body]: body evaluated while x temporarily has value v (or none)."""
    local = _locals(ev, expr)
    if local is None:
        return None
    saved = []
    try:
        for s, init in local:
            d = ev.defs.ensure(s)
            old = d.own
            saved.append((d, old, list(d.down)))
            value = ev.evaluate(init) if init is not None else None
            if value is not None and not accepts_value(ev, s, value):
                value = None if old is None else old.rhs
            d.own = Rule(s, value, False) if value is not None else None
            d.down.clear()
        ev.refresh_limits()
        return ev.done(ev.evaluate(expr.args[1]))
    finally:
        for d, own, down in saved:
            d.own = own
            d.down[:] = down
        ev.refresh_limits()

