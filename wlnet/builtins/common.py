"""Helpers shared by builtins of several topics: Wolfram booleans, operator forms
(``Select[EvenQ][list]``, registered as a subvalue handler) and recognising Infinity."""

from __future__ import annotations

import math

from ..expr import FALSE, TRUE, Expr, Integer, S, Symbol
from ..kernel.evaluator import SUBVALUE_HANDLERS


INF = math.inf


def boolean(b: bool):
    return TRUE if b else FALSE


def operator_form(name: str, target_first: bool = True, arity: int = 1):
    """Let ``name[op][target]`` evaluate as ``name[target, op]`` (or ``name[op, target]``),
    Wolfram's operator forms such as ``Select[EvenQ][list]`` and ``Map[f][list]``; with
    ``arity`` 2, ``name[f, n][target]`` is ``name[target, f, n]`` (TakeLargestBy)."""
    def handler(ev, expr):
        if len(expr.head.args) == arity and len(expr.args) == 1:
            ops, target = expr.head.args, expr.args[0]
            return Expr(Symbol(name), target, *ops) if target_first else \
                Expr(Symbol(name), *ops, target)
        return None
    SUBVALUE_HANDLERS[Symbol(name)] = handler


def _is_infinity(e) -> bool:
    return e is S.Infinity or (isinstance(e, Expr) and e.head is S.DirectedInfinity and
                               e.args == (Integer(1),))
