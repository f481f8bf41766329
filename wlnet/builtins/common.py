"""Helpers shared by builtins of several topics: Wolfram booleans, operator forms
(``Select[EvenQ][list]``, registered as a subvalue handler) and recognising Infinity."""

from __future__ import annotations

import math

from ..expr import FALSE, TRUE, Expr, Integer, S, Symbol
from ..kernel.evaluator import SUBVALUE_HANDLERS


INF = math.inf


def boolean(b: bool):
    return TRUE if b else FALSE


def operator_form(name: str, target_first: bool = True):
    """Let ``name[op][target]`` evaluate as ``name[target, op]`` (or ``name[op, target]``),
    Wolfram's operator forms such as ``Select[EvenQ][list]`` and ``Map[f][list]``."""
    def handler(ev, expr):
        if len(expr.head.args) == 1 and len(expr.args) == 1:
            op, target = expr.head.args[0], expr.args[0]
            return Expr(Symbol(name), target, op) if target_first else \
                Expr(Symbol(name), op, target)
        return None
    SUBVALUE_HANDLERS[Symbol(name)] = handler


def _is_infinity(e) -> bool:
    return e is S.Infinity or (isinstance(e, Expr) and e.head is S.DirectedInfinity and
                               e.args == (Integer(1),))
