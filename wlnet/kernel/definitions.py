"""What the session knows about each symbol: values, rules, attributes, messages.

A symbol's builtin attributes and messages come from the builtin table; user changes
(SetAttributes, new messages, definitions) live here, so a fresh Session starts clean
without copying the table.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ..expr import Expr, S, Symbol
from ..subexpressions import mentions, subexpressions
from .builtin import BUILTINS
from .patterns import rule_order_key


@dataclass
class Rule:
    """One stored definition ``lhs = rhs`` (delayed False) or ``lhs := rhs`` (delayed True)."""
    lhs: object
    rhs: object
    delayed: bool
    _returns: bool | None = field(default=None, compare=False, repr=False)
    valid_at: int = field(default=-1, compare=False, repr=False)  # see Evaluator._step

    @property
    def returns(self) -> bool:
        """Whether the right side mentions Return, so that applying the rule must catch a
        Return (Return[x] gives x as the value of the whole function call)."""
        if self._returns is None:
            self._returns = mentions(self.rhs, S.Return)
        return self._returns


class Clock:
    """One serial for two kinds of moments, in every session (expressions can pass
    between them): when the evaluator found an expression final (``mark``, stored in
    ``Expr.final_at``) and when a definition changed (``tick``; the latest in
    ``changed``, each symbol's in its ``SymbolDefinition.stamp``). What was found final
    is not evaluated again while nothing it depends on changed (Wolfram's evaluated flag
    and timestamps): ``Identity[Sin[1, 2]]`` says Sin::argx once, not once more for
    Identity's value, and after ``x = Sin[1, 2]`` each use of x gives Sin[1, 2] without
    evaluating it again, until Sin's definitions change."""

    changed = 0
    _serial = itertools.count(1)

    @classmethod
    def tick(cls) -> int:
        cls.changed = next(cls._serial)
        return cls.changed

    @classmethod
    def mark(cls) -> int:
        return next(cls._serial)

    @classmethod
    def final(cls, e, since: int) -> bool:
        """Whether ``e`` was found final after ``since`` and nothing changed since."""
        return type(e) is Expr and e.final_at > since and e.final_at > cls.changed


@dataclass
class SymbolDefinition:
    own: Rule | None = None
    down: list[Rule] = field(default_factory=list)
    sub: list[Rule] = field(default_factory=list)
    up: list[Rule] = field(default_factory=list)
    attributes: set[str] = field(default_factory=set)
    messages: dict[str, str] = field(default_factory=dict)
    defaults: list[Rule] = field(default_factory=list)
    options: list = field(default_factory=list)
    stamp: int = field(default=0, compare=False, repr=False)    # moment of the last change

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
        if name != "stamp":
            self.changed()

    def changed(self) -> None:
        """Record a change (made in place, or about to be: ``Definitions.ensure``)."""
        object.__setattr__(self, "stamp", Clock.tick())


class Definitions:
    def __init__(self):
        self._table: dict[Symbol, SymbolDefinition] = {}
        self._removed: dict[Symbol, int] = {}  # moment each symbol's definition was removed

    def get(self, sym: Symbol) -> SymbolDefinition | None:
        return self._table.get(sym)

    def ensure(self, sym: Symbol) -> SymbolDefinition:
        """The symbol's definition, to be changed by the caller (so it is stamped)."""
        d = self._table.get(sym)
        if d is None:
            b = BUILTINS.get(sym)
            d = SymbolDefinition(attributes=set(b.attributes) if b else set())
            self._table[sym] = d
        d.changed()
        return d

    def still_final(self, e) -> bool:
        """Whether ``e`` was found final and no symbol in it had its definition changed
        since (then it is final now: a stored value, or Set's value after the
        assignment changed only symbols it does not mention)."""
        if type(e) is not Expr or not e.final_at:
            return False
        for x in subexpressions(e):
            if isinstance(x, Symbol):
                d = self._table.get(x)
                if (d.stamp if d is not None else self._removed.get(x, 0)) > e.final_at:
                    return False
        return True

    def attributes(self, sym: Symbol) -> frozenset[str] | set[str]:
        d = self._table.get(sym)
        if d is not None:
            return d.attributes
        b = BUILTINS.get(sym)
        return b.attributes if b else frozenset()

    def add_rule(self, rules: list[Rule], rule: Rule) -> None:
        """Insert keeping Wolfram's order: a rule with the same left side replaces the old
        one; otherwise more specific rules come first, equals in definition order."""
        Clock.tick()
        for i, old in enumerate(rules):
            if old.lhs == rule.lhs:
                rules[i] = rule
                return
        key = rule_order_key(rule.lhs)
        for i, old in enumerate(rules):
            if key < rule_order_key(old.lhs):
                rules.insert(i, rule)
                return
        rules.append(rule)

    def clear(self, sym: Symbol) -> None:
        """Clear values and rules but keep attributes and messages (Wolfram's Clear)."""
        d = self._table.get(sym)
        if d is not None:
            d.changed()
            d.own = None
            d.down.clear()
            d.sub.clear()
            d.up.clear()
            d.defaults.clear()

    def remove(self, sym: Symbol) -> None:
        """ClearAll: forget everything the user set, back to the builtin state. The moment
        is kept, except for Module's temporary symbols, which are never used again."""
        d = self._table.pop(sym, None)
        if d is not None and "Temporary" not in d.attributes:
            self._removed[sym] = Clock.tick()
        else:
            Clock.tick()

    def symbols(self) -> list[Symbol]:
        """Every symbol the session holds something for (values, rules, attributes, ...)."""
        return list(self._table)

    def user_symbols(self) -> list[Symbol]:
        return [s for s, d in self._table.items()
                if d.own is not None or d.down or d.sub]

    def message_template(self, sym: Symbol, tag: str) -> str | None:
        d = self._table.get(sym)
        if d is not None and tag in d.messages:
            return d.messages[tag]
        b = BUILTINS.get(sym)
        if b is not None and tag in b.messages:
            return b.messages[tag]
        return None
