"""Wolfram's canonical order (Sort, Orderless): numbers first by value, then strings, then
symbols, each alphabetically (lower case before upper case of the same letter), then normal
expressions; ``x^2`` sorts next to ``x`` and ``2 x`` next to ``x`` as in polynomials."""

from __future__ import annotations

from ..expr import Atom, Expr, Integer, ObjectAtom, Rational, Real, S, String, Symbol


def _text_key(s: str):
    # Wolfram: "a" < "A" < "b" < "B": compare case-folded first, then lower before upper.
    return (s.casefold(), s.swapcase())


def sort_key(e):
    if isinstance(e, (Integer, Real, Rational)):
        # int, Fraction and float compare exactly with each other in Python; float() would
        # overflow for integers beyond 1.8*10^308
        return (0, e.value, 0 if isinstance(e, Integer) else 1, ())
    if isinstance(e, String):
        return (1, _text_key(e.value), 0, ())
    if isinstance(e, Symbol):
        return (2, _text_key(e.name), 0, ())
    if isinstance(e, ObjectAtom):
        return (4, _text_key(e.head.name), 0, ())
    head = e.head
    if head is S.Power and len(e.args) == 2:
        base = sort_key(e.args[0])
        return base[:3] + (base[3] + (sort_key(e.args[1]),),)
    if head is S.Times and len(e.args) >= 2 and isinstance(e.args[0], (Integer, Real, Rational)):
        rest = e.args[1] if len(e.args) == 2 else Expr.make(S.Times, e.args[1:])
        base = sort_key(rest)
        return base[:3] + (base[3] + (sort_key(e.args[0]),),)
    head_key = sort_key(head) if not isinstance(head, Atom) or isinstance(head, Symbol) else (9,)
    head_text = head_key[1] if len(head_key) > 1 and isinstance(head_key[1], tuple) else ("", "")
    return (3, head_text, len(e.args),
            tuple(sort_key(a) for a in e.args))
