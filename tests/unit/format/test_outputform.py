"""OutputForm as the Wolfram terminal shows it: 2-D fractions and powers, 6-digit reals,
line wrapping, Out labels and message templates."""

from textwrap import dedent

import numpy as np
import pytest

from wlnet.expr import Expr, ObjectAtom, PackedArray, Real, S, String, from_python
from wlnet.format import output_block, output_form, render_template, with_label

from .conftest import I, P, Pw, Q, T, a, b, c, x


def pic(text: str) -> str:
    """A 2-D expectation written as an indented block; `|` marks the left margin."""
    return "\n".join(line.split("|", 1)[1].rstrip() for line in dedent(text).strip("\n")
                     .splitlines())


@pytest.mark.parametrize("value, text", [
    (1.0, "1."), (0.517432, "0.517432"), (-0.660375, "-0.660375"),
    (3.141592653589793, "3.14159"), (100.0, "100."), (123456.0, "123456."),
    (123456.7, "123457."), (0.0, "0."), (-0.0, "0."), (-0.5, "-0.5"), (1e-5, "0.00001"),
    (0.1 + 0.2, "0.3"), (2.0 / 3, "0.666667"),
    (float("nan"), "Indeterminate"), (float("inf"), "Infinity"),
    (float("-inf"), "-Infinity"),
])
def test_reals_in_fixed_range(value, text):
    assert output_form(Real(value)) == text


@pytest.mark.parametrize("value, picture", [
    (1e6, """
        |     6
        |1. 10"""),
    (1e-6, """
        |     -6
        |1. 10"""),
    (-1.5e-7, """
        |       -7
        |-1.5 10"""),
    (1e21, """
        |     21
        |1. 10"""),
    (999999.7, """
        |     6
        |1. 10"""),
])
def test_reals_in_scientific_form(value, picture):
    assert output_form(Real(value)) == pic(picture)


def test_scientific_real_baseline_is_the_mantissa_line():
    block = output_block(Real(1e6))
    assert block.lines[block.baseline].startswith("1. 10")


@pytest.mark.parametrize("expr, text", [
    (String("hello world"), "hello world"), (I(-3), "-3"),
    (Expr(S.Rule, a, b), "a -> b"), (Expr(S.RuleDelayed, a, b), "a :> b"),
    (Expr(S.Association, Expr(S.Rule, a, I(1)), Expr(S.Rule, b, I(2))), "<|a -> 1, b -> 2|>"),
    (Expr(S.Association, Expr(S.Rule, String("a"), I(1))), "<|a -> 1|>"),
    (from_python([1, 2]), "{1, 2}"), (Expr(S.List), "{}"),
    (P(a, b), "a + b"), (P(a, T(I(-1), b)), "a - b"), (T(I(2), x), "2 x"), (T(a, b), "a b"),
    (T(P(a, b), c), "(a + b) c"), (T(I(-1), P(a, b)), "-(a + b)"), (T(I(-1), a, b), "-(a b)"),
    (P(a, T(I(-2), b)), "a - 2 b"), (T(Real(-2.5), x), "-2.5 x"), (P(a, P(b, c)), "a + (b + c)"),
    (Expr(S.Equal, a, b), "a == b"), (Expr(S.And, a, b), "a && b"), (Expr(S.Not, a), "!a"),
    (Expr(S.f, x, S.y), "f[x, y]"), (Expr(S.Part, x, I(1)), "x[[1]]"),
    (Expr(S.Function, Expr(S.Slot, I(1))), "#1 &"),
    (Expr(S.List, Expr(S.Function, Expr(S.Slot, I(1))), I(2)),
     "{#1 & , 2}"),
    (Expr(S.Span, a, b), "a ;; b"), (Expr(S.Pattern, x, Expr(S.Blank)), "x_"),
    (Expr(S.Pattern, x, Expr(S.Blank, S.Integer)), "x_Integer"),
    (Expr(S.BlankSequence), "__"), (Expr(S.Optional, Expr(S.Pattern, x, Expr(S.Blank))), "x_."),
    (Expr(S.Condition, a, c), "a /; c"), (Expr(S.Alternatives, a, b), "a | b"),
    (Expr(S.CompoundExpression, a, b), "a; b"), (Expr(S.Set, x, I(1)), "x = 1"),
    (Expr(S.SetDelayed, x, I(1)), "x := 1"),
    (Expr(S.MessageName, S.f, String("tag")), "f::tag"),
    (Expr(S.HoldForm, P(I(1), I(1))), "1 + 1"), (Expr(S.Hold, x), "Hold[x]"),
    (Expr(S.f, Expr(S.g, Expr(S.h, x))), "f[g[h[x]]]"),
    (Expr(Expr(S.Derivative, I(1)), S.f), "Derivative[1][f]"),
    (Expr(S.DirectedInfinity, I(-1)), "-Infinity"), (Pw(x, Q(1, 2)), "Sqrt[x]"),
])
def test_one_line_forms(expr, text):
    assert output_form(expr) == text


@pytest.mark.parametrize("expr, picture", [
    (Q(1, 2), """
        |1
        |-
        |2"""),
    (Q(-1, 2), """
        |  1
        |-(-)
        |  2"""),
    (Q(1, 10), """
        |1
        |--
        |10"""),
    (T(a, Pw(b, I(-1))), """
        |a
        |-
        |b"""),
    (Pw(x, I(2)), """
        | 2
        |x"""),
    (Pw(P(a, b), I(2)), """
        |       2
        |(a + b)"""),
    (Pw(x, P(a, b)), """
        | a + b
        |x"""),
    (Pw(x, I(-2)), """
        | -2
        |x"""),
    (Pw(x, Q(1, 3)), """
        | 1/3
        |x"""),
    (T(P(a, b), Pw(c, I(-1))), """
        |a + b
        |-----
        |  c"""),
    (T(Q(3, 2), x), """
        |3 x
        |---
        | 2"""),
    (T(Q(-1, 2), x), """
        |  x
        |-(-)
        |  2"""),
    (T(a, Pw(b, I(-1)), Pw(c, I(-1))), """
        | a
        |---
        |b c"""),
    (Pw(x, I(-1)), """
        |1
        |-
        |x"""),
    (P(a, T(Q(-1, 2), b)), """
        |    b
        |a - -
        |    2"""),
    (Expr(S.List, Q(1, 2), Q(1, 3)), """
        | 1  1
        |{-, -}
        | 2  3"""),
    (Expr(S.f, T(P(I(1), T(I(2), x)), Pw(I(3), Q(-1, 2)))), """
        |  1 + 2 x
        |f[-------]
        |  Sqrt[3]"""),
    (Pw(S.E, T(Q(-1, 2), Pw(x, I(2)))), """
        |   2
        | -x /2
        |E"""),
    (Expr(S.Function, P(Pw(Expr(S.Slot, I(1)), I(2)), I(1))), """
        |  2
        |#1  + 1 &"""),
    (from_python([1e-6, 2.0]), """
        |      -6
        |{1. 10  , 2.}"""),
])
def test_two_dimensional_forms(expr, picture):
    assert output_form(expr) == pic(picture)


def test_fraction_baseline_is_the_bar():
    block = output_block(T(a, Pw(b, I(-1))))
    assert block.lines == ["a", "-", "b"] and block.baseline == 1


def test_object_atoms():
    class Net(ObjectAtom):
        head = S.LinearLayer

    class Chain(ObjectAtom):
        head = S.NetChain

        def output_form(self):
            return "NetChain[<3>]"

    assert output_form(Net(object())) == "LinearLayer[<>]"
    assert output_form(Expr(S.List, Chain(object()))) == "{NetChain[<3>]}"


@pytest.mark.parametrize("array, text", [
    (np.array([1, 2, 3]), "{1, 2, 3}"),
    (np.array([[1.0, 0.5], [-2.0, 3.14159265]]), "{{1., 0.5}, {-2., 3.14159}}"),
    (np.arange(8).reshape(2, 2, 2), "{{{0, 1}, {2, 3}}, {{4, 5}, {6, 7}}}"),
    (np.zeros((0,)), "{}"), (np.zeros((2, 0)), "{{}, {}}"),
    (np.array([0.517432], dtype=np.float32), "{0.517432}"),
])
def test_packed_arrays(array, text):
    assert output_form(PackedArray(array)) == text


def test_packed_array_equals_unpacked_list():
    values = [[0.25, 1e-7], [3.0, -4.5]]
    packed, plain = from_python(values), Expr(S.List, *[
        Expr(S.List, *map(Real, row)) for row in values])
    assert isinstance(packed, PackedArray)
    assert output_form(packed) == output_form(plain)


def test_big_packed_array_is_formatted_from_the_array():
    arr = PackedArray(np.random.default_rng(1).standard_normal((100_000, 10)))
    text = output_form(arr)
    assert arr._args is None
    assert text.startswith("{{") and text.count("\n>    ") > 10_000


def test_long_list_wraps_with_continuation_lines():
    text = output_form(from_python(list(range(1, 41))))
    lines = text.split("\n")
    assert lines == [
        "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,",
        "",
        ">    22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,",
        "",
        ">    40}",
    ]
    assert all(len(line) <= 78 for line in lines)


def test_page_width_none_never_wraps():
    assert "\n" not in output_form(from_python(list(range(500))), page_width=None)


def test_wrapped_lines_respect_page_width_with_label():
    text = with_label("Out[7]= ", from_python([0.123456] * 40), page_width=60)
    lines = text.split("\n")
    assert lines[0].startswith("Out[7]= {0.123456, ")
    assert all(len(line) <= 60 for line in lines)
    assert all(line.startswith(">    ") for line in lines[2::2])


def test_label_on_baseline():
    assert with_label("Out[3]= ", T(P(a, b), Pw(c, I(-1)))) == pic("""
        |        a + b
        |Out[3]= -----
        |          c""")
    assert with_label("Out[1]= ", I(4)) == "Out[1]= 4"


def test_message_template_with_fraction():
    text = render_template("Infinite expression `1` encountered.", [Pw(I(0), I(-1))],
                           label="Power::infy: ")
    assert text == pic("""
        |                                 1
        |Power::infy: Infinite expression - encountered.
        |                                 0""")


def test_message_template_with_power():
    text = render_template("Infinite expression `1` encountered.", [Pw(I(0), I(-2))],
                           label="Power::infy: ")
    assert text == pic("""
        |                                  -2
        |Power::infy: Infinite expression 0   encountered.""")


def test_message_template_wraps_between_pieces():
    text = render_template("Further output of `1` will be suppressed during this calculation.",
                           [Expr(S.MessageName, S.Power, String("infy"))],
                           label="General::stop: ")
    assert text == ("General::stop: Further output of Power::infy\n"
                    "     will be suppressed during this calculation.")


def test_message_template_slots():
    assert render_template("`2` then `1`", [String("one"), I(2)]) == "2 then one"
    assert render_template("`` and ``", [a, Real(0.5)]) == "a and 0.5"
    assert render_template("Value `1` is not a list.", [from_python([1.5, 2])]) == \
        "Value {1.5, 2} is not a list."
