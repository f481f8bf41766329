"""Comparisons and logic as Wolfram evaluates them: decided for numbers, numeric
quantities, strings and lists; left alone when symbolic."""

import numpy as np
import pytest

from wlnet.expr import FALSE, TRUE, Expr, Integer, PackedArray, S
from wlnet.format.inputform import input_form
from wlnet.kernel.session import Session


def value(code):
    return input_form(Session().evaluate(code)[-1].result)


@pytest.mark.parametrize("code, expected", [
    ("1 == 1", "True"), ("1 == 1.", "True"), ("1 == 2", "False"), ("0.1 + 0.2 == 0.3", "True"),
    ("1/2 == 0.5", "True"), ("x == x", "True"), ("x == y", "x == y"), ("x == 1", "x == 1"),
    ("{1, 2} == {1, 2}", "True"), ("{1, 2} == {1, 3}", "False"), ("{1, 2} == {1, 2, 3}", "False"),
    ("{1, x} == {1, y}", "{1, x} == {1, y}"), ("\"a\" == \"a\"", "True"),
    ("\"a\" == \"b\"", "False"), ("\"a\" == 1", "False"), ("Pi == 3", "False"),
    ("Sqrt[4] == 2", "True"), ("True == False", "False"),
    ("1 == 1 == 1", "True"), ("1 == 1 == 2", "False"), ("Equal[x]", "True"), ("Equal[]", "True"),
    ("1 != 2", "True"), ("1 != 1.", "False"), ("x != y", "x != y"), ("Unequal[1, 2, 1]", "False"),
    ("Unequal[1, 2, 3]", "True"),
])
def test_equality(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("1 < 2", "True"), ("2 < 1", "False"), ("1 < 1", "False"), ("1 <= 1", "True"),
    ("2 > 1.5", "True"), ("1/3 >= 0.3", "True"), ("1 < 2 < 3", "True"), ("1 < 3 < 2", "False"),
    ("3 > 2 > 1", "True"), ("x < 1", "x < 1"), ("1 < x < 3", "1 < x < 3"), ("Pi > 3", "True"),
    ("E < Pi", "True"), ("Infinity > 10^100", "True"), ("-Infinity < -5", "True"),
    ("1 < 2 <= 2", "True"), ("1 < 2 >= 3", "False"), ("0.3 < 0.1 + 0.2", "False"),
    ("Inequality[1, Less, x]", "1 < x"), ("Less[5]", "True"),
    ("\"a\" < \"b\"", "\"a\" < \"b\""),
])
def test_ordering(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("a === a", "True"), ("1 === 1.", "False"), ("f[x] === f[x]", "True"), ("x === y", "False"),
    ("SameQ[1, 1, 1]", "True"), ("1 =!= 2", "True"), ("x =!= x", "False"),
    ("UnsameQ[1, 2, 1]", "False"), ("0.1 + 0.2 === 0.30000000000000004", "True"),
])
def test_sameq(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("True && False", "False"), ("True && True", "True"), ("True && x", "x"),
    ("x && False", "False"), ("x && y && True", "x && y"), ("And[]", "True"),
    ("False || x || True", "True"), ("False || False", "False"), ("Or[]", "False"),
    ("x || False", "x"), ("!True", "False"), ("!False", "True"), ("!!x", "x"),
    ("!(a < b)", "a >= b"), ("!(a == b)", "a != b"), ("!(a >= b)", "a < b"), ("!x", "!x"),
    ("Xor[True, False]", "True"), ("Xor[True, True]", "False"), ("Xor[True, x]", "!x"),
    ("Xor[False, x]", "x"), ("Xor[]", "False"), ("TrueQ[True]", "True"), ("TrueQ[x]", "False"),
    ("BooleanQ[False]", "True"), ("BooleanQ[1]", "False"), ("Boole[True]", "1"),
    ("Boole[False]", "0"), ("Boole[x]", "Boole[x]"), ("Boole[{True, False, 1 < 2}]", "{1, 0, 1}"),
])
def test_logic(code, expected):
    assert value(code) == expected


def test_and_stops_at_the_first_false():
    out = Session().evaluate("False && Print[1]; True || Print[2]")
    assert out[-1].prints == []


def test_packed_arrays_compare_without_unpacking():
    a = PackedArray(np.linspace(0.0, 1.0, 100_000))
    b = PackedArray(np.linspace(0.0, 1.0, 100_000))
    c = PackedArray(np.linspace(0.0, 2.0, 100_000))
    s = Session()
    assert s.evaluate_expr(Expr(S.Equal, a, b)).result is TRUE
    assert s.evaluate_expr(Expr(S.Equal, a, c)).result is FALSE
    assert a._args is None and c._args is None


def test_undecided_mixed_chain_stays_an_inequality():
    result = Session().evaluate("1 <= 2 < x")[-1].result
    assert result == Expr(S.Inequality, Integer(1), S.LessEqual, Integer(2), S.Less, S.x)
