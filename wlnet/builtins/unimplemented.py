"""What wlnet says about a Wolfram System symbol it does not implement.

``Solve[x^2 == 1, x]`` stays unevaluated, as any expression without a rule does, but a
user who typed a real Wolfram function should not think it is a typo: the first time in a
session that such a symbol is evaluated with arguments, ``General::wlnetni`` says so.
The net bridge asks the same question (``unimplemented``) for a layer or net function it
is given (``ResizeLayer[...]`` in a NetChain) and reports it every time, since there the
operation fails.

The list of System names is data (``system_names.txt`` beside this file, with its source
in its header), read the first time it is needed so start-up does not pay for it.
"""

from __future__ import annotations

from pathlib import Path

from ..expr import Expr, Symbol
from ..kernel.builtin import BUILTINS, declare
from ..kernel.evaluator import UNDEFINED_HEAD_HOOKS
from ..kernel.messages import MessageRecord

_NAMES_FILE = Path(__file__).with_name("system_names.txt")
_names: frozenset[str] | None = None

# System symbols wlnet reads as data (heads and option names without a rule of their own).
for _name, _usage in {
        "Key": "Key[k] is a key k of an association, where k could be taken for a position.",
        "UpTo": "UpTo[n] is n or as many as there are, whichever is fewer.",
        "Scaled": "Scaled[x] is a fraction x of a whole, as in ValidationSet -> Scaled[0.1].",
        "RegularExpression": "RegularExpression[\"regex\"] is a string pattern given as a "
                             "regular expression.",
        "Overflow": "Overflow[] is the result of a computation whose number is too big to "
                    "represent.",
        "Default": "Default[f] is the value an optional argument x_. of f takes.",
        "OptionsPattern": "OptionsPattern[] is a pattern that stands for any sequence of "
                          "options.",
        "MachinePrecision": "MachinePrecision is the precision of machine reals.",
        "Whitespace": "Whitespace is a string pattern for a run of spaces, tabs and "
                      "newlines.",
        "LongForm": "LongForm is an option of Information: True shows definitions, "
                    "attributes and options besides the usage.",
        "InputPorts": "InputPorts is an option of layers with several inputs: their number "
                      "or their shapes.",
        "LearningRateMultipliers": "LearningRateMultipliers is an option of nets and "
                                   "NetTrain that scales the learning rate of arrays.",
}.items():
    declare(_name, usage=_usage)


def system_names() -> frozenset[str]:
    """Every name of Wolfram's System` context."""
    global _names
    if _names is None:
        lines = _NAMES_FILE.read_text(encoding="utf-8").splitlines()
        _names = frozenset(n for n in lines if n and not n.startswith("#"))
    return _names


def is_system_name(name: str) -> bool:
    return name in system_names()


def unimplemented(e) -> Symbol | None:
    """The Wolfram System symbol wlnet lacks that ``e`` is or is headed by (``Solve``,
    ``ResizeLayer[...]``, ``ResizeLayer[...][x]``), else None."""
    while isinstance(e, Expr):
        e = e.head
    if isinstance(e, Symbol) and e not in BUILTINS and is_system_name(e.name):
        return e
    return None


def looks_like_a_net(name: str) -> bool:
    """A name of the shape of Wolfram's layers and net functions (``FooLayer``,
    ``NetFoo``), which a user means as one."""
    return name.endswith("Layer") or (name.startswith("Net") and name[3:4].isupper())


def _notice(ev, symbol, expr) -> None:
    """General::wlnetni for ``symbol[...]`` of a System symbol wlnet lacks: once a session
    for a symbol evaluated with arguments, once an input line for one whose value is
    applied (``ResizeLayer[2][x]``). General::wlnetnn, once an input line, for a symbol
    named like a layer or net function that exists in neither Wolfram nor wlnet and is
    applied as a net (``NetFoo[1][x]``); ``NetFoo[1]`` alone may be the user's own."""
    if is_system_name(symbol.name):
        tag = "wlnetni"
    elif looks_like_a_net(symbol.name) and expr.head is not symbol:
        tag = "wlnetnn"
    else:
        return
    if expr.head is symbol:
        if symbol.name in ev.session.notices:
            return
        ev.session.notices.add(symbol.name)
    elif any(isinstance(r, MessageRecord) and r.tag == tag and r.args == (symbol,)
             for r in ev.records):
        return
    ev.message("General", tag, symbol)


UNDEFINED_HEAD_HOOKS.append(_notice)


def not_a_net(ev, name: str, value, tag: str, *args) -> None:
    """Report that ``value`` given to the net function ``name`` is not a net: as
    ``name::wlnetni`` when it is a Wolfram layer or function wlnet lacks (every time: the
    operation fails), else as ``name::tag`` with ``args``."""
    symbol = unimplemented(value)
    if symbol is not None:
        ev.message(name, "wlnetni", symbol)
    else:
        ev.message(name, tag, *args)

