"""Structured layer arguments as plain data: ReshapeLayer's {Inherited, 2, Automatic},
PartLayer's {2, 1 ;; 3}, TransposeLayer's 1 <-> 3. The bridge reads such an expression
into ints, floats, strings, tuples, ``Sym`` and ``Call``; the ``Spec`` kind hands it to
the layer's own parse, and ``show_data`` writes it back for messages."""
from __future__ import annotations

import math
from dataclasses import dataclass

from .arguments import BadValue, Kind
from .errors import show


@dataclass(frozen=True)
class Sym:
    """A Wolfram symbol inside a structured argument (All, Automatic, Inherited, Max)."""

    name: str

    def __repr__(self):
        return self.name


@dataclass(frozen=True)
class Call:
    """A compound inside a structured argument other than a list: ``Call("Span", (2, -1))``
    for 2;;-1, ``Call("TwoWayRule", (1, 2))`` for 1<->2, ``Call("Rule", (2, 4))``."""

    head: str
    args: tuple

    def __repr__(self):
        return f"{self.head}[{', '.join(map(repr, self.args))}]"


class Spec(Kind):
    """A structured argument (ReshapeLayer's dimensions, PartLayer's specification,
    TransposeLayer's permutation) as plain data: ints, floats, strings, ``Sym`` for
    symbols, tuples for lists and ``Call`` for other compounds. ``parse(value)`` is the
    layer's check: the value in the layer's normal form (still plain data, so it prints
    back as Wolfram code), or BadValue(words)."""

    name = "spec"
    takes_automatic = True

    def __init__(self, parse, expects: str):
        self.parse, self.expects = parse, expects

    def check(self, value):
        try:
            return self.parse(value)
        except BadValue as bad:     # the words name the value: "the level 0 should be"
            raise BadValue(bad.detail and f"{show_data(value)} {bad.detail}") from None

    def shown(self, value):
        return show_data(value)


def show_data(value) -> str:
    """Plain data written as Wolfram code, for messages."""
    if isinstance(value, tuple):
        return "{" + ", ".join(show_data(v) for v in value) + "}"
    if isinstance(value, Call):
        infix = {"Span": ";;", "Rule": " -> ", "TwoWayRule": " <-> "}.get(value.head)
        if infix and len(value.args) == 2:
            return infix.join(show_data(a) for a in value.args)
        return f"{value.head}[{', '.join(show_data(a) for a in value.args)}]"
    if isinstance(value, Sym):
        return value.name
    if value == math.inf:
        return "Infinity"
    return show(value)
