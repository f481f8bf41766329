"""Builtins about the session itself: Quit/Exit, Print/Echo, messages (Message, MessageName,
Quiet, Check), history (In, Out, $Line), Get, timing and system values. Information
(``?Name``) is in ``control.information``."""

from __future__ import annotations

import os
import time

from ...expr import Expr, Integer, Real, S, String, Symbol, make_list
from ...kernel.builtin import BUILTINS, builtin, declare
from ...kernel.evaluator import SYMBOL_VALUES
from ...kernel.messages import MessageRecord, QuitRequested

declare("$Line", protected=False,
        usage="$Line is the number of the current input line.")
declare("$Version",
        usage="$Version is a string that describes the version of wlnet.")
declare("$ScriptCommandLine",
        usage="$ScriptCommandLine is the list of the script's name and its arguments when "
              "wlnet runs a script.")
declare("$MessageList", usage="$MessageList is the list of the messages issued so far while "
        "evaluating the current input line.")
SYMBOL_VALUES[S["$Line"]] = lambda ev: Integer(ev.session.line)
SYMBOL_VALUES[S["$RecursionLimit"]] = lambda ev: Integer(ev.recursion_limit)
SYMBOL_VALUES[S["$IterationLimit"]] = lambda ev: Integer(ev.iteration_limit)
SYMBOL_VALUES[S["$Version"]] = lambda ev: String("wlnet 0.1 (Wolfram Language 12.1 subset)")
SYMBOL_VALUES[S["$MessageList"]] = lambda ev: make_list(
    Expr(S.HoldForm, Expr(S.MessageName, Symbol(r.symbol), String(r.tag)))
    for r in ev.records if isinstance(r, MessageRecord))
SYMBOL_VALUES[S["$ScriptCommandLine"]] = lambda ev: make_list(
    String(a) for a in ev.session.command_line)


def _quit(ev, expr):
    """Quit[] / Quit[n] (and Exit): end the session here with exit status n (0 by
    default); the front end stops reading input, a script stops running."""
    if expr.args and not isinstance(expr.args[0], Integer):
        ev.message(expr.head.name, "int", expr, Integer(1))
        return None
    raise QuitRequested(expr.args[0].value % 256 if expr.args else 0)


builtin("Quit", argc=(0, 1),
        usage="Quit[] ends the session.\nQuit[n] ends it with the exit status n.")(_quit)
builtin("Exit", argc=(0, 1),
        usage="Exit[] ends the session, as Quit[] does.\nExit[n] ends it with the exit "
              "status n.")(_quit)


@builtin(usage="Print[expr1, expr2, ...] prints the expri together on one line.")
def Print(ev, expr):
    """Print[e1, e2, ...]: show the expressions, concatenated, on one line."""
    ev.print(*expr.args)
    return S.Null


@builtin(argc=(1, 3),
         usage="Echo[expr] prints expr and gives it.\nEcho[expr, label] prints label "
               "before it.")
def Echo(ev, expr):
    """Echo[e] or Echo[e, label]: show ">> label e" and give e."""
    label = [expr.args[1]] if len(expr.args) > 1 else []
    ev.print(String(">> "), *label, *([String(" ")] if label else []), expr.args[0])
    return expr.args[0]


@builtin(attributes="HoldFirst", argc=(1, None), messages={
    "name": "Message name `1` is not of the form symbol::name or symbol::name::language."},
         usage="Message[s::tag, e1, e2, ...] issues the message s::tag with the ei in "
               "its slots.")
def Message(ev, expr):
    """Message[s::tag, args...]: issue the message (subject to Quiet and General::stop)."""
    name = expr.args[0]
    if not (isinstance(name, Expr) and name.head is S.MessageName and len(name.args) == 2
            and isinstance(name.args[0], Symbol) and isinstance(name.args[1], String)):
        ev.message("Message", "name", name)
        return None
    ev.message(name.args[0].name, name.args[1].value, *expr.args[1:])
    return S.Null


@builtin(attributes="HoldFirst", argc=2,
         usage="symbol::tag is the name of a message; its value is the message's text.")
def MessageName(ev, expr):
    """s::tag evaluates to the message text, if there is one."""
    sym, tag = expr.args
    if isinstance(sym, Symbol) and isinstance(tag, String):
        if tag.value == "usage":
            b = BUILTINS.get(sym)
            d = ev.defs.get(sym)
            if d is not None and "usage" in d.messages:
                return String(d.messages["usage"])
            if b is not None and b.usage:
                return String(b.usage)
            return None
        text = ev.defs.message_template(sym, tag.value)
        if text is not None:
            return String(text)
    return None


def _message_names(spec):
    """The set of "s::tag" names in a Quiet/Check specification, or None for all."""
    items = spec.args if isinstance(spec, Expr) and spec.head is S.List else (spec,)
    names = set()
    for m in items:
        if isinstance(m, Expr) and m.head is S.MessageName and len(m.args) == 2:
            names.add(f"{m.args[0].name}::{m.args[1].value}")
        elif m is S.All:
            return None
    return names


@builtin(attributes="HoldAll", argc=(1, 2),
         usage="Quiet[expr] evaluates expr without printing any message.\nQuiet[expr, "
               "{s1::t1, ...}] silences only those messages.")
def Quiet(ev, expr):
    """Quiet[expr] or Quiet[expr, {s::tag, ...}]: evaluate without showing messages."""
    spec = _message_names(expr.args[1]) if len(expr.args) > 1 else None
    ev.quiet.append(spec)
    try:
        return ev.done(ev.evaluate(expr.args[0]))
    finally:
        ev.quiet.pop()


@builtin(attributes="HoldAll", argc=(2, 3),
         usage="Check[expr, failexpr] gives the value of expr, or failexpr if evaluating "
               "expr issued a message.\nCheck[expr, failexpr, {s1::t1, ...}] watches only "
               "those messages.")
def Check(ev, expr):
    """Check[expr, failexpr]: expr's value, or failexpr if expr issued a message."""
    watch = _message_names(expr.args[2]) if len(expr.args) > 2 else None
    start = len(ev.message_log)
    value = ev.evaluate(expr.args[0])
    issued = ev.message_log[start:]
    if any(watch is None or name in watch for name in issued):
        return expr.args[1]
    return ev.done(value)


def _history(ev, expr, table):
    if not expr.args:
        k = ev.session.line - 1
    elif isinstance(expr.args[0], Integer):
        k = expr.args[0].value
        if k <= 0:
            k = ev.session.line + k
    else:
        return None
    return table.get(k)


@builtin(argc=(0, 1),
         usage="%n or Out[n] is the result of line n.\n% is the last result, %% the one "
               "before, and Out[-k] the one k lines back.")
def Out(ev, expr):
    """Out[n], %n: the result of input n; Out[] (%) the last, Out[-k] k back."""
    return _history(ev, expr, ev.session.outputs)


@builtin(attributes="HoldAll", argc=(0, 1),
         usage="In[n] is the input of line n, evaluated again.")
def In(ev, expr):
    """In[n]: evaluate input line n again."""
    return _history(ev, expr, ev.session.inputs)


def _timed(ev, expr, clock):
    """{seconds the evaluation took by ``clock``, result}."""
    t0 = clock()
    value = ev.evaluate(expr.args[0])
    return ev.done(make_list([Real(clock() - t0), value]))


@builtin(attributes="HoldAll", argc=1,
         usage="AbsoluteTiming[expr] evaluates expr and gives {seconds of wall-clock time "
               "it took, its value}.")
def AbsoluteTiming(ev, expr):
    """{seconds of wall-clock time, result}."""
    return _timed(ev, expr, time.perf_counter)


@builtin(attributes="HoldAll", argc=1,
         usage="Timing[expr] evaluates expr and gives {seconds of CPU time it took, its "
               "value}.")
def Timing(ev, expr):
    """{seconds of CPU time, result}."""
    return _timed(ev, expr, time.process_time)


@builtin(argc=1,
         usage="Pause[n] waits n seconds.")
def Pause(ev, expr):
    x = expr.args[0]
    seconds = x.value if isinstance(x, (Integer, Real)) else 0
    end = time.monotonic() + max(0.0, float(seconds))
    while time.monotonic() < end:
        ev.check_abort()
        time.sleep(min(0.05, max(0.0, end - time.monotonic())))
    return S.Null


@builtin(argc=1, messages={
    "noopen": "Cannot open `1`.",
    "nonreg": "`1` is a `2`, not a regular file; wlnet reads and writes only regular files."},
         usage="<<file or Get[\"file\"] reads the file and evaluates each expression in "
               "it, giving the last value.")
def Get(ev, expr):
    """Get["file.wl"] (<< file): read and evaluate every expression in the file."""
    from ...kernel.limits import parse_input
    from ...syntax.parser import SyntaxProblem
    from ..io.files import read_file
    name = expr.args[0]
    if not isinstance(name, String):
        ev.message("Get", "noopen", name)
        return S["$Failed"]
    path = name.value
    base = ev.session.script_path
    if not os.path.isabs(path) and base and not os.path.exists(path):
        path = os.path.join(os.path.dirname(base), path)
    data = read_file(ev, expr, "Get", path)
    if data is None:
        return S["$Failed"]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        ev.message("Get", "noopen", name)
        return S["$Failed"]
    try:
        exprs = parse_input(ev, text)
    except SyntaxProblem as problem:
        ev.message("Syntax", problem.tag, String(f"{problem.message} ({path}, line "
                                                 f"{problem.line}, column {problem.col})"))
        return S["$Failed"]
    value = S.Null
    for e in exprs:
        value = ev.evaluate(e)
    return ev.done(value)
