"""InputForm as `wolframscript -code` prints results."""

import numpy as np
import pytest

from wlnet.expr import Expr, PackedArray, Real, S, String, from_python
from wlnet.format.inputform import input_form

from .conftest import I, P, Pw, Q, T, a, b, c, x


@pytest.mark.parametrize("value, text", [
    (3.141592653589793, "3.141592653589793"), (1.0, "1."), (0.5, "0.5"), (-0.5, "-0.5"),
    (0.0, "0."), (-0.0, "0."), (100.0, "100."), (123456.7, "123456.7"),
    (1.5e-7, "1.5*^-7"), (6.02e23, "6.02*^23"), (1e-5, "0.00001"), (1e-6, "1.*^-6"),
    (1e6, "1.*^6"), (999999.0, "999999."), (1e21, "1.*^21"), (-2.5e-9, "-2.5*^-9"),
    (float("nan"), "Indeterminate"), (float("inf"), "Infinity"),
    (float("-inf"), "-Infinity"),
])
def test_reals(value, text):
    assert input_form(Real(value)) == text


@pytest.mark.parametrize("expr, text", [
    (I(-7), "-7"), (Q(1, 2), "1/2"), (Q(-3, 4), "-3/4"),
    (String('a"b\\c\n'), '"a\\"b\\\\c\\n"'), (S.Null, "Null"),
    (T(I(2), x), "2*x"), (T(a, b), "a*b"), (Pw(x, I(2)), "x^2"),
    (P(a, T(I(-1), b)), "a - b"), (P(a, T(I(-2), b)), "a - 2*b"), (P(a, I(-2)), "a - 2"),
    (T(a, Pw(b, I(-1))), "a/b"), (T(I(-1), P(a, b)), "-(a + b)"),
    (T(I(-1), a, b), "-(a*b)"), (T(I(-1), x), "-x"), (T(I(-1), Pw(x, I(2))), "-x^2"),
    (Pw(P(a, b), I(2)), "(a + b)^2"), (T(P(a, b), c), "(a + b)*c"),
    (T(Q(3, 2), x), "(3*x)/2"), (T(Q(1, 2), x), "x/2"), (T(Q(-1, 2), x), "-(x/2)"),
    (T(Q(-3, 2), x), "(-3*x)/2"), (T(a, Pw(b, I(-1)), Pw(c, I(-1))), "a/(b*c)"),
    (T(a, Pw(x, I(-2))), "a/x^2"), (T(P(a, b), Pw(c, I(-1))), "(a + b)/c"),
    (T(I(-1), Pw(x, I(-1))), "-x^(-1)"), (Pw(x, I(-1)), "1/x"), (Pw(x, I(-2)), "x^(-2)"),
    (Pw(x, Q(1, 2)), "Sqrt[x]"), (Pw(x, Q(-1, 2)), "1/Sqrt[x]"), (Pw(x, Q(1, 3)), "x^(1/3)"),
    (Pw(I(-2), x), "(-2)^x"), (Pw(Q(1, 2), x), "(1/2)^x"), (Pw(Pw(a, b), c), "(a^b)^c"),
    (Pw(a, Pw(b, c)), "a^b^c"), (Pw(x, P(a, b)), "x^(a + b)"), (Pw(x, Real(0.5)), "x^0.5"),
    (T(Real(-2.5), x), "-2.5*x"), (P(a, T(Q(-1, 2), b)), "a - b/2"),
    (P(a, P(b, c)), "a + (b + c)"),
])
def test_arithmetic(expr, text):
    assert input_form(expr) == text


def slot(n):
    return Expr(S.Slot, I(n))


def blank(*h):
    return Expr(S.Blank, *h)


@pytest.mark.parametrize("expr, text", [
    (from_python([1, 2]), "{1, 2}"), (Expr(S.List), "{}"),
    (Expr(S.Association, Expr(S.Rule, String("a"), I(1))), '<|"a" -> 1|>'),
    (Expr(S.f, x), "f[x]"), (Expr(S.f, x, Expr(S.g, a, b)), "f[x, g[a, b]]"),
    (Expr(S.Rule, a, b), "a -> b"), (Expr(S.RuleDelayed, a, b), "a :> b"),
    (Expr(S.Rule, a, Expr(S.Rule, b, c)), "a -> b -> c"),
    (Expr(S.Rule, Expr(S.Rule, a, b), c), "(a -> b) -> c"),
    (Expr(S.Function, P(Pw(slot(1), I(2)), I(1))), "#1^2 + 1 & "),
    (Expr(Expr(S.Function, slot(1)), I(3)), "(#1 & )[3]"),
    (Expr(S.SlotSequence, I(1)), "##1"),
    (Expr(S.Equal, a, b), "a == b"), (Expr(S.And, a, b), "a && b"),
    (Expr(S.Or, Expr(S.And, a, b), c), "a && b || c"),
    (Expr(S.And, Expr(S.Or, a, b), c), "(a || b) && c"),
    (Expr(S.Not, a), "!a"), (Expr(S.Not, Expr(S.And, a, b)), "!(a && b)"),
    (Expr(S.Part, x, I(1)), "x[[1]]"), (Expr(S.Part, x, I(1), I(2)), "x[[1, 2]]"),
    (Expr(S.Span, a, b), "a ;; b"),
    (Expr(S.Pattern, x, blank()), "x_"), (Expr(S.Pattern, x, blank(S.Integer)), "x_Integer"),
    (Expr(S.BlankSequence), "__"), (Expr(S.BlankNullSequence), "___"),
    (Expr(S.Optional, Expr(S.Pattern, x, blank())), "x_."),
    (Expr(S.Optional, Expr(S.Pattern, x, blank()), I(0)), "x_:0"),
    (Expr(S.Pattern, x, Expr(S.Alternatives, a, b)), "x:a | b"),
    (Expr(S.PatternTest, Expr(S.Pattern, x, blank()), S.IntegerQ), "x_?IntegerQ"),
    (Expr(S.Condition, Expr(S.Pattern, x, blank()), Expr(S.Greater, x, I(0))), "x_ /; x > 0"),
    (Expr(S.Alternatives, a, b), "a | b"),
    (Expr(S.CompoundExpression, a, b), "a; b"), (Expr(S.CompoundExpression, a, S.Null), "a; "),
    (Expr(S.Set, x, I(1)), "x = 1"), (Expr(S.SetDelayed, Expr(S.f, x), x), "f[x] := x"),
    (Expr(S.MessageName, S.f, String("tag")), "f::tag"),
    (Expr(S.HoldForm, x), "HoldForm[x]"), (Expr(S.Hold, P(I(1), I(1))), "Hold[1 + 1]"),
    (Expr(S.DirectedInfinity, I(1)), "Infinity"), (Expr(S.DirectedInfinity, I(-1)), "-Infinity"),
    (Expr(S.DirectedInfinity), "ComplexInfinity"),
    (Expr(S.StringJoin, String("a"), String("b")), '"a" <> "b"'),
])
def test_syntax(expr, text):
    assert input_form(expr) == text


def test_packed_arrays():
    assert input_form(PackedArray(np.array([[1, 2], [3, 4]]))) == "{{1, 2}, {3, 4}}"
    assert input_form(PackedArray(np.array([1.5, 2.0, 1e-7]))) == "{1.5, 2., 1.*^-7}"
    assert input_form(PackedArray(np.arange(8).reshape(2, 2, 2))) == \
        "{{{0, 1}, {2, 3}}, {{4, 5}, {6, 7}}}"
    assert input_form(PackedArray(np.zeros((2, 0)))) == "{{}, {}}"
    assert input_form(PackedArray(np.zeros((0,)))) == "{}"


def test_float32_prints_its_double_value():
    arr = PackedArray(np.array([0.517432, 1.0], dtype=np.float32))
    assert input_form(arr) == "{0.5174319744110107, 1.}"
