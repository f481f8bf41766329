"""Functional iteration: Fold, FoldList, Nest, NestList, NestWhile, FixedPoint,
FixedPointList."""

from __future__ import annotations

from ...expr import TRUE, Atom, Expr, Integer, S, pack
from ...kernel.builtin import builtin
from ..common import INF, _is_infinity
from ..structure.parts import elements, length
from .mapping import _apply1


def _running(ev, step, x, items):
    """x, then step(x, item) for each item in turn: the values that Fold, Nest and their
    List forms pass through. A generator, so Fold and Nest hold only the latest."""
    yield x
    for item in items:
        ev.check_abort()
        x = step(x, item)
        yield x


def _last(values):
    """The final value of a non-empty iterator."""
    for value in values:
        pass
    return value


def _fold_values(ev, expr):
    """The running values of Fold/FoldList, the 2-argument form taking the first element
    as start; None when it stays unevaluated."""
    if len(expr.args) == 3:
        f, x, e = expr.args
        if isinstance(e, Atom):
            ev.message(expr.head.name, "normal", Integer(3), expr)
            return None
        items = elements(e)
    else:
        f, e = expr.args
        if isinstance(e, Atom) or length(e) == 0:
            return None
        x, items = elements(e)[0], elements(e)[1:]
    return _running(ev, lambda acc, item: ev.evaluate(Expr(f, acc, item)), x, items)


@builtin(argc=(2, 3),
         usage="Fold[f, x, {a, b, c, ...}] gives f[f[f[x, a], b], c]...\nFold[f, {x, a, b, "
               "...}] starts from the first element.")
def Fold(ev, expr):
    """Fold[f, x, {a, b, ...}] is f[f[x, a], b]...; Fold[f, {x, a, ...}] starts from x."""
    values = _fold_values(ev, expr)
    return None if values is None else _last(values)


@builtin(argc=(2, 3),
         usage="FoldList[f, x, {a, b, ...}] gives {x, f[x, a], f[f[x, a], b], ...}.")
def FoldList(ev, expr):
    """FoldList[f, x, {a, b, ...}] is {x, f[x, a], f[f[x, a], b], ...}."""
    values = _fold_values(ev, expr)
    return None if values is None else pack(list(values))


def _count_arg(ev, expr, index):
    """A non-negative machine integer argument, or None after ``intnm``."""
    n = expr.args[index]
    if isinstance(n, Integer) and 0 <= n.value < 2**63:
        return n.value
    ev.message(expr.head.name, "intnm", expr, Integer(index + 1))
    return None


def _nest_values(ev, expr):
    """x, f[x], f[f[x]], ... up to n applications, for Nest/NestList; None after ``intnm``."""
    f, x = expr.args[:2]
    n = _count_arg(ev, expr, 2)
    if n is None:
        return None
    return _running(ev, lambda y, _: _apply1(ev, f, y), x, range(n))


@builtin(argc=3,
         usage="Nest[f, expr, n] gives f applied n times to expr.")
def Nest(ev, expr):
    """Nest[f, x, n]: f applied n times."""
    values = _nest_values(ev, expr)
    return None if values is None else _last(values)


@builtin(argc=3,
         usage="NestList[f, expr, n] gives {expr, f[expr], f[f[expr]], ...}, with n "
               "applications of f.")
def NestList(ev, expr):
    """NestList[f, x, n]: {x, f[x], f[f[x]], ...} with n applications."""
    values = _nest_values(ev, expr)
    return None if values is None else pack(list(values))


@builtin(argc=(3, 6),
         usage="NestWhile[f, expr, test] applies f to expr again and again while test of "
               "the latest result gives True.\nNestWhile[f, expr, test, m] gives test the "
               "m latest results.")
def NestWhile(ev, expr):
    """NestWhile[f, x, test]: apply f while test of the latest result is True;
    NestWhile[f, x, test, m] gives test the m latest results (All: all of them);
    a fifth argument bounds the number of applications."""
    f, x, test = expr.args[:3]
    m = expr.args[3] if len(expr.args) >= 4 else Integer(1)
    limit = expr.args[4] if len(expr.args) >= 5 else S.Infinity
    if not (m is S.All or (isinstance(m, Integer) and m.value >= 1)):
        return None
    most = INF if _is_infinity(limit) else (limit.value if isinstance(limit, Integer) else None)
    if most is None:
        return None
    history = [x]
    steps = 0
    while steps < most:
        ev.check_abort()
        recent = history if m is S.All else history[-m.value:]
        ready = m is S.All or len(recent) == m.value   # too few results yet: keep going
        if ready and ev.evaluate(Expr.make(test, recent)) is not TRUE:
            break
        history.append(_apply1(ev, f, history[-1]))
        steps += 1
    return history[-1]


def _same(ev, a, b) -> bool:
    return a == b or ev.evaluate(Expr(S.SameQ, a, b)) is TRUE


def _fixed_point(ev, expr, keep_all: bool):
    f, x = expr.args[:2]
    limit = INF
    if len(expr.args) == 3:
        limit = _count_arg(ev, expr, 2)
        if limit is None:
            return None
    out = [x]
    steps = 0
    while steps < limit:
        ev.check_abort()
        new = _apply1(ev, f, x)
        steps += 1
        if keep_all:
            out.append(new)
        if _same(ev, new, x):
            x = new
            break
        x = new
    return pack(out) if keep_all else x


@builtin(argc=(2, 3),
         usage="FixedPoint[f, expr] applies f to expr again and again until the result no "
               "longer changes.\nFixedPoint[f, expr, n] stops after at most n steps.")
def FixedPoint(ev, expr):
    """FixedPoint[f, x]: apply f until the result no longer changes (SameQ)."""
    return _fixed_point(ev, expr, False)


@builtin(argc=(2, 3),
         usage="FixedPointList[f, expr] gives {expr, f[expr], f[f[expr]], ...} up to the "
               "first result that no longer changes.")
def FixedPointList(ev, expr):
    """FixedPointList[f, x]: {x, f[x], ...} up to the first repeated result."""
    return _fixed_point(ev, expr, True)
