"""Short constructors shared by the InputForm and OutputForm tests, so that expected
texts sit next to expressions as compact as the Wolfram input they stand for."""

from fractions import Fraction

from wlnet.expr import Expr, Integer, Rational, S

x, a, b, c = S.x, S.a, S.b, S.c


def T(*args):
    return Expr(S.Times, *args)


def P(*args):
    return Expr(S.Plus, *args)


def Pw(*args):
    return Expr(S.Power, *args)


def I(n):
    return Integer(n)


def Q(p, q):
    return Rational(Fraction(p, q))
