"""Control flow: CompoundExpression, If/Which/Switch, Do/While/For, Return/Break/Continue,
Catch/Throw, and the inert heads the evaluator and the pattern matcher rely on."""

from __future__ import annotations

from ..expr import FALSE, TRUE, Expr, Integer, S
from ..kernel import patterns
from ..kernel.builtin import builtin, declare
from ..kernel.evaluator import ControlFlow
from .iterators import BadIterator, iterations

# Heads with attributes but no rule of their own.
for _name, _attrs in {
    "List": "Locked", "Rule": "SequenceHold", "RuleDelayed": "HoldRest SequenceHold",
    "Hold": "HoldAll", "HoldForm": "HoldAll", "HoldComplete": "HoldAllComplete",
    "HoldPattern": "HoldAll", "Unevaluated": "HoldAllComplete", "Function": "HoldAll",
    "Pattern": "HoldFirst", "Blank": "", "BlankSequence": "", "BlankNullSequence": "",
    "Condition": "HoldAll", "PatternTest": "HoldRest", "Alternatives": "",
    "Optional": "", "Repeated": "", "RepeatedNull": "", "Verbatim": "", "Except": "",
    "Slot": "NHoldAll", "SlotSequence": "NHoldAll", "Null": "", "True": "", "False": "",
    "Sequence": "", "Missing": "", "Span": "", "All": "", "None": "", "Automatic": "",
    "Inherited": "", "Indeterminate": "", "ComplexInfinity": "", "$Failed": "",
    "$Aborted": "", "FullForm": "", "InputForm": "", "OutputForm": "", "TraditionalForm": "",
    "StandardForm": "", "MatrixForm": "", "TableForm": "", "NumberForm": "",
    "ScientificForm": "", "TreeForm": "", "Integer": "", "Real": "", "String": "",
    "Symbol": "", "Rational": "", "Complex": "",
}.items():
    declare(_name, attributes=_attrs)
declare("General", messages={})
declare("Syntax")
_LIMSET = "Cannot set `1` to `2`; value must be Infinity or an integer of at least 20."
declare("$RecursionLimit", protected=False, messages={
    "reclim2": "Recursion depth of `1` exceeded during evaluation of `2`.", "limset": _LIMSET})
declare("$IterationLimit", protected=False, messages={
    "itlim": "Iteration limit of `1` exceeded.", "limset": _LIMSET})
_NO_LOOP = {"nofwd": "No enclosing For, While or Do found for `1`."}
declare("Function", attributes="HoldAll", messages={
    "fpct": "Too many parameters in `1` to be filled from the arguments given.",
    "slotn": "Slot number in `1` cannot be filled from the arguments given."})


def truth(ev, expr) -> bool | None:
    """True/False for an evaluated condition, None when it is neither."""
    return True if expr is TRUE else False if expr is FALSE else None


@builtin(attributes="HoldAll")
def CompoundExpression(ev, expr):
    """Evaluate each part in turn and give the last result."""
    result = S.Null
    for part in expr.args:
        result = ev.evaluate(part)
    return ev.done(result)


@builtin(attributes="HoldRest", argc=(2, 4))
def If(ev, expr):
    """If[test, then, else, neither]: only the chosen branch is evaluated."""
    t = truth(ev, expr.args[0])
    if t is True:
        return expr.args[1]
    if t is False:
        return expr.args[2] if len(expr.args) > 2 else S.Null
    return expr.args[3] if len(expr.args) > 3 else None


@builtin(attributes="HoldAll", messages={
    "argct": "`1` called with an odd number of arguments."})
def Which(ev, expr):
    """Which[test1, value1, test2, value2, ...]: the value of the first true test."""
    if len(expr.args) % 2:
        ev.message("Which", "argct", S.Which)
        return None
    for i in range(0, len(expr.args), 2):
        t = truth(ev, ev.evaluate(expr.args[i]))
        if t is True:
            return expr.args[i + 1]
        if t is None:
            return None
    return S.Null


@builtin(attributes="HoldRest", messages={
    "argct": "`1` called with `2` arguments. Switch must be called with an odd number of "
             "arguments."})
def Switch(ev, expr):
    """Switch[expr, form1, value1, ...]: the value for the first form that matches."""
    if len(expr.args) < 3 or len(expr.args) % 2 == 0:
        ev.message("Switch", "argct", S.Switch, Integer(len(expr.args)))
        return None
    subject = expr.args[0]
    for i in range(1, len(expr.args), 2):
        if patterns.match(ev.evaluate(expr.args[i]), subject, ev) is not None:
            return expr.args[i + 1]
    return S.Null


def _run_body(ev, body) -> bool:
    """Evaluate a loop body; False means Break[] asked to leave the loop."""
    ev.check_abort()
    try:
        ev.evaluate(body)
    except ControlFlow as flow:
        if flow.kind == "Break":
            return False
        if flow.kind != "Continue":
            raise
    return True


def _loop(ev, rounds, body):
    """Evaluate body once for each item ``rounds`` yields: Break[] leaves the loop,
    Continue[] goes on with the next round, Return[x] makes x the loop's value."""
    try:
        for _ in rounds:
            if not _run_body(ev, body):
                break
    except ControlFlow as flow:
        if flow.kind == "Return":
            return flow.value
        raise
    return S.Null


@builtin(attributes="HoldAll", argc=(1, None))
def Do(ev, expr):
    """Do[body, iterators...]: evaluate body for each iterator value; the result is Null."""
    try:
        return _loop(ev, iterations(ev, expr, expr.args[1:]), expr.args[0])
    except BadIterator:
        return None


@builtin(attributes="HoldAll", argc=(1, 2))
def While(ev, expr):
    """While[test, body]: repeat body while test is True."""
    def rounds():
        while ev.evaluate(expr.args[0]) is TRUE:
            yield
    return _loop(ev, rounds(), expr.args[1] if len(expr.args) > 1 else S.Null)


@builtin(attributes="HoldAll", argc=(3, 4))
def For(ev, expr):
    """For[start, test, increment, body]."""
    start, test, incr = expr.args[:3]

    def rounds():
        ev.evaluate(start)
        while ev.evaluate(test) is TRUE:
            yield
            ev.evaluate(incr)
    return _loop(ev, rounds(), expr.args[3] if len(expr.args) > 3 else S.Null)


@builtin(argc=(0, 2))
def Return(ev, expr):
    raise ControlFlow("Return", expr.args[0] if expr.args else S.Null)


@builtin(argc=0, messages=_NO_LOOP)
def Break(ev, expr):
    raise ControlFlow("Break")


@builtin(argc=0, messages=_NO_LOOP)
def Continue(ev, expr):
    raise ControlFlow("Continue")


@builtin(argc=(1, 2), messages={"nocatch": "Uncaught `1` returned to top level."})
def Throw(ev, expr):
    raise ControlFlow("Throw", expr.args[0], expr.args[1] if len(expr.args) > 1 else None)


@builtin(attributes="HoldFirst", argc=(1, 3))
def Catch(ev, expr):
    """Catch[expr] or Catch[expr, form]: the value of the first matching Throw."""
    form = ev.evaluate(expr.args[1]) if len(expr.args) > 1 else None
    try:
        return ev.done(ev.evaluate(expr.args[0]))
    except ControlFlow as flow:
        if flow.kind != "Throw":
            raise
        if form is None and flow.tag is None:
            return flow.value
        if form is not None and flow.tag is not None and \
                patterns.match(form, flow.tag, ev) is not None:
            if len(expr.args) > 2:
                return Expr(expr.args[2], flow.value, flow.tag)
            return flow.value
        raise


@builtin(argc=1)
def Identity(ev, expr):
    return expr.args[0]


@builtin(argc=(1, None))
def Evaluate(ev, expr):
    return expr.args[0] if len(expr.args) == 1 else Expr.make(S.Sequence, expr.args)


@builtin(argc=1)
def ReleaseHold(ev, expr):
    """Remove one level of Hold, HoldForm, HoldPattern or HoldComplete."""
    x = expr.args[0]
    if isinstance(x, Expr) and x.head in (S.Hold, S.HoldForm, S.HoldPattern, S.HoldComplete):
        return x.args[0] if len(x.args) == 1 else Expr.make(S.Sequence, x.args)
    return x


@builtin(argc=0)
def Abort(ev, expr):
    from ..kernel.messages import Abort as AbortSignal
    raise AbortSignal()

