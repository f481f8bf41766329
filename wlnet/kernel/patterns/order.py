"""The order in which definitions are tried: more specific left-hand sides first, as
Wolfram sorts a symbol's DownValues."""

from __future__ import annotations

from ...expr import Expr
from .kinds import (_ALTERNATIVES, _BLANK, _BLANK_NULL_SEQ, _BLANK_SEQ, _CONDITION, _EXCEPT,
                    _HOLD_PATTERN, _OPTIONAL, _OPTIONS_PATTERN, _PATTERN, _PATTERN_TEST,
                    _REPEATED, _REPEATED_NULL, _VERBATIM, _kind, is_pattern)


# ---------------------------------------------------------------------------- rule order

_BLANK_RANK = {_BLANK: 1, _BLANK_SEQ: 3, _BLANK_NULL_SEQ: 5}
_CONSTRUCT_RANK = {_ALTERNATIVES: 1.5, _EXCEPT: 2, _REPEATED: 3.5, _REPEATED_NULL: 5.5,
                   _OPTIONS_PATTERN: 6, _VERBATIM: 0}
_TRANSPARENT = {_PATTERN: 1, _CONDITION: 0, _PATTERN_TEST: 0, _HOLD_PATTERN: 0}


def rule_order_key(lhs):
    """Sort key putting more specific definitions first, as Wolfram orders DownValues.

    A pattern-free left side sorts before every pattern. Otherwise the key lists, in
    preorder, a specificity rank per node: literal parts 0, _h 1, _ 2, __h 3, __ 4,
    ___h 5, ___ 6 (names are transparent), Optional just after its blank, a blank with a
    test (``x_?Positive``) just before it; a pattern with a Condition comes before the
    same pattern without one. Among otherwise equal patterns a stable sort keeps
    definition order.
    """
    if not is_pattern(lhs):
        return (0, ())
    ranks = []
    conditional = 1
    stack = [lhs]
    while stack:
        p = stack.pop()
        k = _kind(p)
        if k is None:
            ranks.append(0)
            if type(p) is Expr:
                stack.extend(reversed(p.args))
                stack.append(p.head)
        elif k is _PATTERN_TEST:
            ranks.append(_leaf_rank(p.args[0]) - 0.25)
        elif k is _CONDITION:
            conditional = 0
            stack.append(p.args[0])
        elif k in _TRANSPARENT:
            stack.append(p.args[_TRANSPARENT[k]])
        elif k is _OPTIONAL:
            ranks.append(_leaf_rank(p.args[0]) + 0.5)
        else:
            ranks.append(_leaf_rank(p))
    return (1, tuple(ranks), conditional)


def _leaf_rank(p):
    k = _kind(p)
    while k in _TRANSPARENT:
        p = p.args[_TRANSPARENT[k]]
        k = _kind(p)
    if k in _BLANK_RANK:
        return _BLANK_RANK[k] + (0 if p.args else 1)
    return _CONSTRUCT_RANK.get(k, 0)
