"""Assignments and what they change: Set, SetDelayed, Unset, the arithmetic assignments
(``+=``, ``++``), Clear/ClearAll, and attributes (SetAttributes, Protect, ...)."""

from __future__ import annotations

from ...expr import Expr, Integer, S, String, Symbol, is_association, make_list
from ...kernel.builtin import builtin
from ...kernel.definitions import Clock, Rule
from ...kernel.limits import accepts_value

ATTRIBUTE_NAMES = {
    "Constant", "Flat", "HoldAll", "HoldAllComplete", "HoldFirst", "HoldRest", "Listable",
    "Locked", "NHoldAll", "NHoldFirst", "NHoldRest", "NumericFunction", "OneIdentity",
    "Orderless", "Protected", "ReadProtected", "SequenceHold", "Stub", "Temporary",
}


def _strip_hold_pattern(e):
    while isinstance(e, Expr) and e.head is S.HoldPattern and len(e.args) == 1:
        e = e.args[0]
    return e


def _tag(lhs):
    """The symbol a definition for ``lhs`` is attached to, and which kind of rule it is."""
    lhs = _strip_hold_pattern(lhs)
    if isinstance(lhs, Symbol):
        return lhs, "own"
    if isinstance(lhs, Expr):
        head = _strip_hold_pattern(lhs.head)
        if isinstance(head, Symbol):
            return head, "down"
        root = head
        while isinstance(root, Expr):
            root = _strip_hold_pattern(root.head)
        if isinstance(root, Symbol):
            return root, "sub"
    return None, None


def _evaluate_lhs(ev, lhs):
    """Wolfram evaluates the arguments of a definition's left side (not its head), unless
    the head holds them; patterns evaluate to themselves."""
    if not isinstance(lhs, Expr) or lhs.head is S.HoldPattern:
        return lhs
    head = lhs.head
    attrs = ev.attributes(head)
    if attrs & {"HoldAll", "HoldAllComplete"}:
        return lhs
    args = []
    for i, a in enumerate(lhs.args):
        held = ("HoldFirst" in attrs and i == 0) or ("HoldRest" in attrs and i > 0)
        args.append(a if held else ev.evaluate(a))
    if isinstance(head, Expr):
        head = _evaluate_lhs(ev, head)
    return Expr.make(head, args)


def assign(ev, lhs, rhs, delayed: bool, name: str):
    """Store ``lhs = rhs`` (or ``:=``); returns False after a message if impossible."""
    if isinstance(lhs, Expr) and lhs.head is S.List and not delayed and \
            isinstance(rhs, Expr) and rhs.head is S.List:
        if len(lhs.args) != len(rhs.args):
            ev.message(name, "shape", lhs, rhs)
            return False
        return all(assign(ev, a, b, delayed, name) for a, b in zip(lhs.args, rhs.args))
    if isinstance(lhs, Expr) and lhs.head is S.Part:
        return _assign_part(ev, lhs, rhs, name)
    if isinstance(lhs, Expr) and lhs.head is S.MessageName and len(lhs.args) == 2 and \
            isinstance(lhs.args[0], Symbol) and isinstance(lhs.args[1], String):
        if isinstance(rhs, String):
            ev.defs.ensure(lhs.args[0]).messages[lhs.args[1].value] = rhs.value
            return True
    lhs = _evaluate_lhs(ev, lhs)
    if _is_association_key(ev, lhs):          # a["key"] = v on an association value
        return _assign_part(ev, Expr(S.Part, lhs.head, lhs.args[0]), rhs, name)
    if isinstance(lhs, Expr) and lhs.head is S.Options and len(lhs.args) == 1 and \
            isinstance(lhs.args[0], Symbol) and not delayed:     # Options[f] = {a -> 1}
        items = rhs.args if isinstance(rhs, Expr) and rhs.head is S.List else (rhs,)
        ev.defs.ensure(lhs.args[0]).options = list(items)
        return True
    if isinstance(lhs, Expr) and lhs.head is S.Default and lhs.args and \
            isinstance(lhs.args[0], Symbol):
        ev.defs.ensure(lhs.args[0]).defaults.insert(0, Rule(lhs, rhs, delayed))
        return True
    sym, kind = _tag(lhs)
    if sym is None:
        ev.message(name, "setraw" if not isinstance(lhs, Expr) else "nosym", lhs)
        return False
    if "Protected" in ev.attributes(sym):
        ev.message(name, "wrsym", sym)
        return False
    if kind == "own" and not accepts_value(ev, sym, rhs):
        return False
    d = ev.defs.ensure(sym)
    rule = Rule(lhs, rhs, delayed)
    if kind == "own":
        d.own = rule
        ev.refresh_limits()
    else:
        ev.defs.add_rule(d.down if kind == "down" else d.sub, rule)
    return True


def _is_association_key(ev, lhs) -> bool:
    if not (isinstance(lhs, Expr) and isinstance(lhs.head, Symbol) and len(lhs.args) == 1):
        return False
    d = ev.defs.get(lhs.head)
    return d is not None and d.own is not None and is_association(d.own.rhs)


def _assign_part(ev, lhs, rhs, name):
    """``x[[i, j]] = v``: replace that part of x's value and store the new value."""
    from ..structure.parts import set_part
    target = lhs.args[0]
    if not isinstance(target, Symbol):
        ev.message(name, "setps", target)
        return False
    d = ev.defs.get(target)
    if d is None or d.own is None:
        ev.message(name, "noval", target)
        return False
    specs = [ev.evaluate(s) for s in lhs.args[1:]]
    new = set_part(ev, ev.evaluate(target), specs, rhs)
    if new is None:
        return False
    d.own = Rule(target, new, False)
    return True


_SET_MESSAGES = {
    "nosym": "`1` does not contain a symbol to attach a rule to.",
    "setps": "`1` in the part assignment is not a symbol.",
    "noval": "Symbol `1` in part assignment does not have an immediate value.",
}


@builtin(attributes="HoldFirst SequenceHold", argc=2, messages=_SET_MESSAGES,
         usage="lhs = rhs evaluates rhs and makes it the value of lhs from now on.\n{x, y} "
               "= {a, b} sets each of x and y.")
def Set(ev, expr):
    """lhs = rhs: evaluate rhs now and store it; the value is rhs."""
    lhs, rhs = expr.args
    assign(ev, lhs, rhs, False, "Set")
    if ev.defs.still_final(rhs):
        rhs.final_at = Clock.mark()     # the assignment changed nothing it mentions
    return rhs          # even when the assignment failed, as in Wolfram


@builtin(attributes="HoldAll SequenceHold", argc=2, messages=_SET_MESSAGES,
         usage="lhs := rhs makes rhs, evaluated each time it is used, the value of lhs "
               "from now on.")
def SetDelayed(ev, expr):
    """lhs := rhs: store rhs unevaluated, to be evaluated at each use; the value is Null."""
    lhs, rhs = expr.args
    return S.Null if assign(ev, lhs, rhs, True, "SetDelayed") else S["$Failed"]


@builtin(attributes="HoldFirst", argc=1, messages={
    "norep": "Assignment on `2` for `1` not found."},
         usage="lhs =. removes the value or rule for lhs.")
def Unset(ev, expr):
    """lhs =. : remove the definition for exactly this left side."""
    lhs = _evaluate_lhs(ev, expr.args[0])
    sym, kind = _tag(lhs)
    d = ev.defs.get(sym) if sym is not None else None
    if d is not None:
        if kind == "own" and d.own is not None:
            d.own = None
            ev.refresh_limits()
            return S.Null
        rules = d.down if kind == "down" else d.sub
        for i, r in enumerate(rules if kind != "own" else []):
            if r.lhs == lhs:
                del rules[i]
                d.changed()
                return S.Null
    ev.message("Unset", "norep", lhs, sym if sym is not None else lhs)
    return S["$Failed"]


def _has_value(ev, target) -> bool:
    """Whether ``target`` names a value that can be updated in place: a symbol with a
    value, a part ``x[[i, ...]]`` of one, or a key ``a[k]`` of an association value."""
    if isinstance(target, Symbol):
        d = ev.defs.get(target)
        return d is not None and d.own is not None
    if isinstance(target, Expr) and target.head is S.Part and target.args:
        return _has_value(ev, target.args[0]) and isinstance(target.args[0], Symbol)
    return isinstance(target, Expr) and len(target.args) == 1 and \
        _is_association_key(ev, target)


def update(ev, target, name: str, compute):
    """Replace the value at ``target`` (see _has_value) by ``compute(old)`` (an evaluated
    expression, or None to give up); the pair (old, new), or None after a message."""
    if not _has_value(ev, target):
        ev.message(name, "rvalue", target)
        return None
    old = ev.evaluate(target)
    new = compute(old)
    if new is None or not assign(ev, target, new, False, name):
        return None
    return old, new


def _modify(ev, expr, op, post: bool | None = None):
    """x += d and friends: x must have a value; store op(x, d) and return it (or the old
    value for post-increment)."""
    changed = update(ev, expr.args[0], expr.head.name, lambda old: ev.evaluate(op(old)))
    if changed is None:
        return None
    return changed[0] if post else changed[1]


def _arith_assignment(wl_name, head, usage, sign=None):
    @builtin(wl_name, attributes="HoldFirst", argc=2, usage=usage)
    def assignment(ev, expr):
        d = expr.args[1]
        if sign == -1:
            d = Expr(S.Times, Integer(-1), d)
        elif sign == "inverse":
            d = Expr(S.Power, d, Integer(-1))
        return _modify(ev, expr, lambda x: Expr(head, x, d))
    return assignment


_arith_assignment("AddTo", S.Plus, "x += d adds d to x and gives the new value of x.")
_arith_assignment("SubtractFrom", S.Plus, "x -= d subtracts d from x and gives the new value "
                                          "of x.", -1)
_arith_assignment("TimesBy", S.Times, "x *= c multiplies x by c and gives the new value of x.")
_arith_assignment("DivideBy", S.Times, "x /= d divides x by d and gives the new value of x.",
                  "inverse")


def _step_assignment(wl_name, delta, post, usage):
    @builtin(wl_name, attributes="HoldFirst", argc=1, usage=usage)
    def step(ev, expr):
        return _modify(ev, expr, lambda x: Expr(S.Plus, x, Integer(delta)), post)
    return step


_step_assignment("Increment", 1, True,
                 "x++ increases x by 1 and gives the old value of x.")
_step_assignment("Decrement", -1, True,
                 "x-- decreases x by 1 and gives the old value of x.")
_step_assignment("PreIncrement", 1, False,
                 "++x increases x by 1 and gives the new value of x.")
_step_assignment("PreDecrement", -1, False,
                 "--x decreases x by 1 and gives the new value of x.")


_SSYM_MESSAGES = {"ssym": "`1` is not a symbol or a string."}


def _symbols(ev, expr):
    out = []
    for a in expr.args:
        if isinstance(a, String):
            a = Symbol(a.value)
        if isinstance(a, Symbol):
            out.append(a)
        else:
            ev.message(expr.head.name, "ssym", a)
    return out


@builtin(attributes="HoldAll", messages=_SSYM_MESSAGES,
         usage="Clear[s1, s2, ...] removes the values and rules of the symbols si, but not "
               "their attributes.")
def Clear(ev, expr):
    """Clear[x, ...]: remove values and rules of the symbols (not their attributes)."""
    for s in _symbols(ev, expr):
        if "Protected" in ev.attributes(s):
            ev.message("Clear", "wrsym", s)
        else:
            ev.defs.clear(s)
    ev.refresh_limits()
    return S.Null


@builtin(attributes="HoldAll", messages=_SSYM_MESSAGES,
         usage="ClearAll[s1, s2, ...] removes everything of the symbols si: values, rules, "
               "attributes, messages and options.")
def ClearAll(ev, expr):
    """ClearAll[x, ...]: remove values, rules, attributes and messages."""
    for s in _symbols(ev, expr):
        if "Locked" in ev.attributes(s) or "Protected" in ev.attributes(s):
            ev.message("ClearAll", "wrsym", s)
        else:
            ev.defs.remove(s)
    ev.refresh_limits()
    return S.Null


def _attribute_list(ev, name, spec):
    items = spec.args if isinstance(spec, Expr) and spec.head is S.List else (spec,)
    names = []
    for a in items:
        if not isinstance(a, Symbol) or a.name not in ATTRIBUTE_NAMES:
            ev.message(name, "attnf", a)
            return None
        names.append(a.name)
    return names


_ATT_MESSAGES = {"attnf": "`1` is not a known attribute.",
                 "locked": "Symbol `1` is locked."}


@builtin(attributes="HoldFirst", argc=1,
         usage="Attributes[symbol] gives the list of the attributes of symbol.")
def Attributes(ev, expr):
    s = expr.args[0]
    if isinstance(s, String):
        s = Symbol(s.value)
    if not isinstance(s, Symbol):
        ev.message("Attributes", "ssle", S.Attributes, Integer(1))
        return None
    return make_list(Symbol(a) for a in sorted(ev.attributes(s)))


def _change_attributes(ev, expr, add: bool):
    name = expr.head.name
    names = _attribute_list(ev, name, expr.args[1])
    if names is None:
        return None
    targets = expr.args[0].args if isinstance(expr.args[0], Expr) and \
        expr.args[0].head is S.List else (expr.args[0],)
    for s in targets:
        if not isinstance(s, Symbol):
            ev.message(name, "sym", s, Integer(1))
            continue
        if "Locked" in ev.attributes(s):
            ev.message(name, "locked", s)
            continue
        attrs = ev.defs.ensure(s).attributes
        (attrs.update if add else attrs.difference_update)(names)
    return S.Null


@builtin(attributes="HoldFirst", argc=2, messages=_ATT_MESSAGES,
         usage="SetAttributes[s, attr] gives the symbol s the attribute "
               "attr.\nSetAttributes[s, {attr1, ...}] gives it several.")
def SetAttributes(ev, expr):
    return _change_attributes(ev, expr, True)


@builtin(attributes="HoldFirst", argc=2, messages=_ATT_MESSAGES,
         usage="ClearAttributes[s, attr] removes the attribute attr from the symbol "
               "s.\nClearAttributes[s, {attr1, ...}] removes several.")
def ClearAttributes(ev, expr):
    return _change_attributes(ev, expr, False)


def _protection(ev, expr, add: bool):
    changed = []
    for s in _symbols(ev, expr):
        if "Locked" in ev.attributes(s):
            continue
        attrs = ev.defs.ensure(s).attributes
        if ("Protected" in attrs) != add:
            (attrs.add if add else attrs.discard)("Protected")
            changed.append(String(s.name))
    return make_list(changed)


@builtin(attributes="HoldAll", messages=_SSYM_MESSAGES,
         usage="Protect[s1, s2, ...] protects the symbols si from new values and rules.")
def Protect(ev, expr):
    """Protect[s...]: forbid new definitions; the names newly protected."""
    return _protection(ev, expr, True)


@builtin(attributes="HoldAll", messages=_SSYM_MESSAGES,
         usage="Unprotect[s1, s2, ...] removes the protection of the symbols si.")
def Unprotect(ev, expr):
    return _protection(ev, expr, False)

