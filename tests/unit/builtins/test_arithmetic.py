"""Arithmetic and numeric functions: results as Wolfram gives them (compared in InputForm),
the messages for infinite and indeterminate results, and the NumPy fast paths that keep
packed arrays packed."""

import math

import numpy as np
import pytest

from wlnet.expr import Expr, Integer, PackedArray, Real, S
from wlnet.format.inputform import input_form
from wlnet.kernel.builtin import BUILTINS
from wlnet.kernel.session import Session


def run(code):
    return Session().evaluate(code)[-1]


def value(code):
    return input_form(run(code).result)


def messages(code):
    return [m.name for m in run(code).messages]


def evaluate(expr):
    return Session().evaluate_expr(expr).result


@pytest.mark.parametrize("code, expected", [
    ("1/2 + 1/3", "5/6"), ("2/4", "1/2"), ("6/3", "2"), ("1 + 2.5", "3.5"),
    ("1/2 + 0.5", "1."), ("2^10", "1024"), ("2^-2", "1/4"), ("(2/3)^2", "4/9"),
    ("(-2)^3", "-8"), ("2^100", "1267650600228229401496703205376"), ("7 - 10", "-3"),
    ("3 * 1/3", "1"), ("0.5 * 4", "2."), ("1/3 - 1/3", "0"),
    ("2^0.5 * 2^0.5", "2.0000000000000004"),
    ("10/4 + 0", "5/2"), ("Divide[6, 4]", "3/2"), ("Subtract[5, 7]", "-2"), ("Minus[3]", "-3"),
])
def test_exact_and_machine_numbers(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("x + x", "2*x"), ("x x", "x^2"), ("2 x + 3 x", "5*x"), ("x + y + x", "2*x + y"),
    ("x^2 x^3", "x^5"), ("x/x", "1"), ("x - x", "0"), ("a + 1 + 2", "3 + a"),
    ("2 x y + x y", "3*x*y"), ("-(a + b)", "-a - b"), ("(2 x)^2", "4*x^2"),
    ("(x^2)^3", "x^6"), ("x^0", "1"), ("1^x", "1"), ("0 x", "0"), ("x y x", "x^2*y"),
    ("x^a x^b", "x^(a + b)"), ("b + a", "a + b"), ("y x", "x*y"), ("2 (a + b)", "2*(a + b)"),
    ("x - y", "x - y"), ("1.5 x + x", "2.5*x"), ("x^(1/2) x^(1/2)", "x"),
    ("1. + Pi", "4.141592653589793"), ("2. Pi", "6.283185307179586"), ("E^Log[x]", "x"),
])
def test_symbolic_collection(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("Sqrt[4]", "2"), ("Sqrt[2]", "Sqrt[2]"), ("Sqrt[12]", "2*Sqrt[3]"),
    ("Sqrt[1/2]", "1/Sqrt[2]"), ("Sqrt[3/4]", "Sqrt[3]/2"), ("Sqrt[4/9]", "2/3"),
    ("8^(1/3)", "2"), ("2^(3/2)", "2*Sqrt[2]"), ("Sqrt[-4]", "2*I"), ("Sqrt[-1]", "I"),
    ("I^2", "-1"), ("Sqrt[2] Sqrt[2]", "2"), ("Sqrt[2.]", "1.4142135623730951"),
    ("4^0.5", "2."), ("Sqrt[0]", "0"), ("Sqrt[x]", "Sqrt[x]"), ("8^(-1/2)", "1/(2*Sqrt[2])"),
])
def test_powers_and_roots(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("Exp[0]", "1"), ("Exp[x]", "E^x"), ("Exp[1.]", repr(math.e)), ("Log[E]", "1"),
    ("Log[1]", "0"), ("Log[2, 8]", "3"), ("Log[2, 3]", "Log[3]/Log[2]"), ("Log[0]", "-Infinity"),
    ("Log[E^3]", "3"), ("Log[10.]", repr(math.log(10))), ("Log[2., 8]", "3."),
    ("Sin[0]", "0"), ("Sin[Pi]", "0"), ("Cos[Pi]", "-1"), ("Sin[Pi/6]", "1/2"),
    ("Cos[Pi/3]", "1/2"), ("Sin[Pi/4]", "1/Sqrt[2]"), ("Cos[Pi/6]", "Sqrt[3]/2"),
    ("Sin[3 Pi/2]", "-1"), ("Cos[2 Pi]", "1"), ("Tan[Pi/4]", "1"), ("Tan[Pi/6]", "1/Sqrt[3]"),
    ("Tan[Pi/2]", "ComplexInfinity"), ("Sin[-x]", "-Sin[x]"), ("Cos[-x]", "Cos[x]"),
    ("Sin[30 Degree]", "1/2"), ("Sin[1]", "Sin[1]"), ("Sin[1.]", repr(math.sin(1))),
    ("ArcTan[1]", "Pi/4"), ("ArcTan[Infinity]", "Pi/2"),
    ("ArcTan[1., 1.]", repr(math.pi / 4)), ("ArcTan[0.5]", repr(math.atan(0.5))),
    ("Tanh[0]", "0"), ("Tanh[0.5]", repr(math.tanh(0.5))), ("Sinh[0]", "0"), ("Cosh[0]", "1"),
    ("Cosh[1.]", repr(math.cosh(1))), ("LogisticSigmoid[0]", "1/2"),
    ("LogisticSigmoid[0.]", "0.5"), ("LogisticSigmoid[-800.]", "0."),
])
def test_elementary_functions(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("Abs[-3]", "3"), ("Abs[-2.5]", "2.5"), ("Abs[-x]", "Abs[x]"), ("Abs[-1/2]", "1/2"),
    ("Sign[-2.5]", "-1"), ("Sign[0]", "0"), ("Sign[3/4]", "1"), ("Ramp[-2]", "0"),
    ("Ramp[1.5]", "1.5"), ("Round[2.5]", "2"), ("Round[3.5]", "4"), ("Round[-2.5]", "-2"),
    ("Round[2.7]", "3"), ("Round[5/2]", "2"), ("Floor[-2.5]", "-3"), ("Ceiling[2.1]", "3"),
    ("Floor[7/2]", "3"), ("Round[3.14159, 0.01]", "3.14"), ("Round[17, 5]", "15"),
    ("Floor[7, 2]", "6"), ("IntegerPart[-2.7]", "-2"), ("FractionalPart[-2.5]", "-0.5"),
    ("FractionalPart[7/2]", "1/2"), ("Floor[x]", "Floor[x]"), ("Mod[7, 3]", "1"),
    ("Mod[-7, 3]", "2"), ("Mod[7, -3]", "-2"), ("Mod[5.5, 2]", "1.5"), ("Mod[7, 3, 1]", "1"),
    ("Mod[5/2, 1]", "1/2"), ("Quotient[7, 2]", "3"), ("Quotient[-7, 2]", "-4"),
    ("Quotient[7.5, 2]", "3"),
])
def test_rounding_and_remainders(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("Max[1, 5, 3]", "5"), ("Max[{1, 2}, {3, {7}}]", "7"), ("Max[]", "-Infinity"),
    ("Min[]", "Infinity"), ("Max[1, 2.5]", "2.5"), ("Max[x, 1, 3]", "Max[3, x]"),
    ("Min[Pi, 3]", "3"), ("Max[Pi, 3]", "Pi"), ("Min[{4, -1/2, 2}]", "-1/2"), ("Max[x]", "x"),
    ("Max[1, Infinity]", "Infinity"),
    ("10!", "3628800"), ("0!", "1"), ("(-1)!", "ComplexInfinity"),
    ("3.5!", repr(math.gamma(4.5))), ("GCD[12, 18]", "6"), ("LCM[4, 6]", "12"), ("GCD[]", "0"),
    ("GCD[1/2, 1/3]", "1/6"), ("LCM[4, 6, 10]", "60"),
    ("Numerator[3/4]", "3"), ("Denominator[3/4]", "4"), ("Denominator[x/y]", "y"),
    ("Numerator[x/y]", "x"), ("Denominator[5]", "1"), ("Denominator[2 x^-2]", "x^2"),
])
def test_max_min_and_integer_functions(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("N[1/3]", "0.3333333333333333"), ("N[Pi]", "3.141592653589793"),
    ("N[{1/2, E}]", "{0.5, 2.718281828459045}"), ("N[Sqrt[2]]", "1.4142135623730951"),
    ("N[Pi, 20]", "3.141592653589793"), ("N[x + 1/4]", "0.25 + x"),
    ("N[Sin[1]]", repr(math.sin(1))),
    ("N[Degree]", repr(math.pi / 180)), ("N[Infinity]", "Infinity"),
])
def test_numeric_values(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("NumberQ[1/2]", "True"), ("NumberQ[Pi]", "False"), ("NumberQ[2.5]", "True"),
    ("NumericQ[Pi]", "True"), ("NumericQ[Sqrt[2]]", "True"), ("NumericQ[x]", "False"),
    ("NumericQ[Sin[1] + E]", "True"), ("NumericQ[\"a\"]", "False"), ("IntegerQ[2]", "True"),
    ("IntegerQ[2.]", "False"), ("EvenQ[4]", "True"), ("OddQ[4]", "False"), ("EvenQ[x]", "False"),
    ("OddQ[-3]", "True"), ("Positive[2]", "True"), ("Positive[-1]", "False"),
    ("Positive[x]", "Positive[x]"), ("Negative[-Pi]", "True"), ("NonNegative[0]", "True"),
    ("Positive[{1, -1}]", "{True, False}"), ("Positive[Infinity]", "True"),
])
def test_predicates(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("Chop[1.*^-12]", "0"), ("Chop[{1., 1.*^-11}]", "{1., 0}"), ("Chop[0.1, 0.5]", "0"),
    ("Chop[x + 1.*^-15]", "x"), ("Clip[2]", "1"), ("Clip[-0.5]", "-0.5"),
    ("Clip[5, {0, 3}]", "3"), ("Clip[{-2, 0.5, 7}, {0, 1}, {-1, 2}]", "{-1, 0.5, 2}"),
    ("Rescale[5, {0, 10}]", "1/2"), ("Rescale[{1, 2, 3}]", "{0, 1/2, 1}"),
    ("Rescale[0.5, {0, 1}, {-1, 1}]", "0."), ("Rescale[x, {0, 2}]", "x/2"),
])
def test_chop_clip_rescale(code, expected):
    assert value(code) == expected


@pytest.mark.parametrize("code, expected, names", [
    ("1/0", "ComplexInfinity", ["Power::infy"]),
    ("0/0", "Indeterminate", ["Power::infy", "Infinity::indet"]),
    ("0^0", "Indeterminate", ["Power::indet"]),
    ("1./0.", "ComplexInfinity", ["Power::infy"]),
    ("Mod[1, 0]", "Indeterminate", ["Mod::indet"]),
    ("Quotient[1, 0]", "ComplexInfinity", ["Quotient::infy"]),
    ("Infinity - Infinity", "Indeterminate", ["Infinity::indet"]),
    ("0 Infinity", "Indeterminate", ["Infinity::indet"]),
    ("Infinity + 1", "Infinity", []), ("-2 Infinity", "-Infinity", []),
    ("1/Infinity", "0", []), ("Infinity^2", "Infinity", []),
    ("ComplexInfinity + 1", "ComplexInfinity", []), ("Exp[-Infinity]", "0", []),
    ("2^Infinity", "Infinity", []), ("(1/2)^Infinity", "0", []),
    ("Sqrt[]", "Sqrt[]", ["Sqrt::argx"]), ("Sqrt[-2.]", "Sqrt[-2.]", []),
    ("2^(10^10)", "2^10000000000", ["General::mem"]),
])
def test_messages_and_infinities(code, expected, names):
    out = run(code)
    assert input_form(out.result) == expected
    assert [m.name for m in out.messages] == names


def test_one_over_zero_message_names_the_expression():
    (record,) = run("1/0").messages
    assert record.args == (Expr(S.Power, Integer(0), Integer(-1)),)


def test_attributes_follow_wolfram():
    def attrs(name):
        return BUILTINS[S[name]].attributes
    assert attrs("Plus") == {"Flat", "Listable", "NumericFunction", "OneIdentity", "Orderless",
                             "Protected"}
    assert attrs("Times") == attrs("Plus")
    assert attrs("Power") == {"Listable", "NumericFunction", "OneIdentity", "Protected"}
    for name in ("Sin", "Cos", "Tan", "Exp", "Log", "Sqrt", "Tanh", "Abs", "Round", "Mod"):
        assert {"Listable", "NumericFunction"} <= attrs(name), name
    for name in ("Plus", "Times", "Power", "Sin", "Sqrt", "Exp", "Log", "Abs", "Round", "Mod",
                 "Subtract", "Divide", "Minus", "LogisticSigmoid", "Ramp", "FractionalPart"):
        assert BUILTINS[S[name]].vectorized is not None, name


@pytest.mark.parametrize("code, expected", [
    ("{1, 2} + {3, 4}", "{4, 6}"), ("{1, 2} + x", "{1 + x, 2 + x}"), ("{1/2, 1} + 1", "{3/2, 2}"),
    ("{{1, 2}, {3, 4}} + {10, 20}", "{{11, 12}, {23, 24}}"), ("2 {1, 2.5}", "{2, 5.}"),
    ("{1, 2}^2", "{1, 4}"), ("2^{1, 2}", "{2, 4}"), ("{2, 4}/2", "{1, 2}"),
    ("{1, 2}/2", "{1/2, 1}"),
    ("Sin[{0., 1.}]", "{0., %r}" % math.sin(1)), ("Sin[{1, 2}]", "{Sin[1], Sin[2]}"),
    ("{1, 2} - {3, 5}", "{-2, -3}"), ("-{1, 2}", "{-1, -2}"), ("Sqrt[{4, 2.25}]", "{2, 1.5}"),
    ("Round[{1.5, 2.5, -0.6}]", "{2, 2, -1}"), ("Mod[{5, 7}, 3]", "{2, 1}"),
    ("Abs[{-1, 2}]", "{1, 2}"), ("{1, 2} + {1, 2, 3}", "{1, 2} + {1, 2, 3}"),
])
def test_listable_threading(code, expected):
    assert value(code) == expected


BIG = 1_000_000


def packed_real():
    return PackedArray(np.linspace(0.0, 1.0, BIG))


def packed_int():
    return PackedArray(np.arange(BIG, dtype=np.int64))


@pytest.mark.parametrize("build, check", [
    (lambda a, b: Expr(S.Sin, a), lambda a, b: np.sin(a)),
    (lambda a, b: Expr(S.Plus, a, Integer(1)), lambda a, b: a + 1),
    (lambda a, b: Expr(S.Times, Integer(2), a), lambda a, b: 2 * a),
    (lambda a, b: Expr(S.Power, a, Integer(2)), lambda a, b: a ** 2),
    (lambda a, b: Expr(S.Plus, a, b), lambda a, b: a + b),
    (lambda a, b: Expr(S.Plus, b, b), lambda a, b: b + b),
    (lambda a, b: Expr(S.Times, b, b), lambda a, b: b * b),
    (lambda a, b: Expr(S.Subtract, a, b), lambda a, b: a - b),
    (lambda a, b: Expr(S.Divide, a, Integer(2)), lambda a, b: a / 2),
    (lambda a, b: Expr(S.Times, S.Pi, a), lambda a, b: np.pi * a),
    (lambda a, b: Expr(S.Exp, a), lambda a, b: np.exp(a)),
    (lambda a, b: Expr(S.Power, S.E, a), lambda a, b: np.exp(a)),
    (lambda a, b: Expr(S.Sqrt, a), lambda a, b: np.sqrt(a)),
    (lambda a, b: Expr(S.Tanh, a), lambda a, b: np.tanh(a)),
    (lambda a, b: Expr(S.LogisticSigmoid, a), lambda a, b: 1 / (1 + np.exp(-a))),
    (lambda a, b: Expr(S.Round, Expr(S.Times, Integer(10), a)), lambda a, b: np.rint(10 * a)),
    (lambda a, b: Expr(S.Mod, b, Integer(7)), lambda a, b: b % 7),
    (lambda a, b: Expr(S.N, b), lambda a, b: b.astype(float)),
    (lambda a, b: Expr(S.Minus, b), lambda a, b: -b),
    (lambda a, b: Expr(S.Abs, Expr(S.Minus, a)), lambda a, b: a),
    (lambda a, b: Expr(S.Clip, a, Expr(S.List, Real(0.25), Real(0.5))),
     lambda a, b: np.clip(a, 0.25, 0.5)),
    (lambda a, b: Expr(S.Rescale, Expr(S.Times, Integer(3), a)), lambda a, b: a),
])
def test_packed_fast_paths_stay_packed(build, check):
    a, b = packed_real(), packed_int()
    result = evaluate(build(a, b))
    assert isinstance(result, PackedArray)
    assert result._args is None and a._args is None and b._args is None
    np.testing.assert_allclose(result.array, check(a.array, b.array), rtol=1e-12)


def test_packed_integers_stay_exact():
    result = evaluate(Expr(S.Plus, packed_int(), Integer(1)))
    assert result.array.dtype == np.int64
    assert evaluate(Expr(S.Max, packed_int())) == Integer(BIG - 1)


def test_int64_overflow_falls_back_to_exact_integers():
    big = PackedArray(np.array([2 ** 62, 2 ** 62], dtype=np.int64))
    result = evaluate(Expr(S.Plus, big, big))
    assert result.args == (Integer(2 ** 63), Integer(2 ** 63))


def test_float32_arrays_keep_their_type():
    a = PackedArray(np.ones(4, dtype=np.float32))
    assert evaluate(Expr(S.Times, Real(0.5), a)).array.dtype == np.float32


def test_packed_matrix_plus_vector_threads_over_rows():
    m = PackedArray(np.array([[1.0, 2.0], [3.0, 4.0]]))
    v = PackedArray(np.array([10.0, 20.0]))
    result = evaluate(Expr(S.Plus, m, v))
    assert result.array.tolist() == [[11.0, 12.0], [23.0, 24.0]]
