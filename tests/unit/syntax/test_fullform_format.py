"""full_form of values the parser never produces directly (packed arrays, rationals,
objects, huge integers, special reals) and the numeric-list fast path."""

from fractions import Fraction

import numpy as np
import pytest

from wlnet.expr import Expr, Integer, ObjectAtom, PackedArray, Rational, Real, String, S, Symbol
from wlnet.format.fullform import full_form, real_digits
from wlnet.syntax.parser import parse
from wlnet.syntax.to_expr import string_value


@pytest.mark.parametrize("x,text", [
    (1.0, "1."), (0.5, "0.5"), (-0.5, "-0.5"), (0.0, "0."), (-0.0, "0."),
    (3.141592653589793, "3.141592653589793"), (1e-7, "1.*^-7"), (1.5e-7, "1.5*^-7"),
    (123456.0, "123456."), (1234567.0, "1.234567*^6"), (1e16, "1.*^16"),
    (0.1 + 0.2, "0.30000000000000004"), (1e-5, "0.00001"), (2.5e-5, "0.000025"),
    (-6.02e23, "-6.02*^23"), (100.0, "100."),
])
def test_real_digits(x, text):
    assert real_digits(x) == text


def test_atoms_and_objects():
    class Net(ObjectAtom):
        head = S.NetChain

    assert full_form(Rational(Fraction(1, 2))) == "Rational[1, 2]"
    assert full_form(Rational(Fraction(-3, 4))) == "Rational[-3, 4]"
    assert full_form(Net(object())) == "NetChain[<>]"
    assert full_form(String('say "hi"\\')) == r'"say \"hi\"\\"'
    assert full_form(Expr(Expr(S.Derivative, Integer(1)), Symbol("f"))) == "Derivative[1][f]"
    assert full_form(Real(float("inf"))) == "DirectedInfinity[1]"


def test_packed_arrays():
    assert full_form(PackedArray(np.array([1, 2, 3]))) == "List[1, 2, 3]"
    assert full_form(PackedArray(np.array([[0.5, 1.0], [2.0, 3.0]]))) == \
        "List[List[0.5, 1.], List[2., 3.]]"


def test_huge_integers_round_trip():
    digits = "9" * 9000
    (e,) = parse(digits)
    assert e == Integer(10 ** 9000 - 1)
    assert full_form(e) == digits
    assert full_form(parse("-" + digits)[0]) == "-" + digits


@pytest.mark.parametrize("raw,value", [
    (r'"a\"b"', 'a"b'), (r'"a\\b"', "a\\b"), (r'"\n\t"', "\n\t"), (r'"\:00e9"', "é"),
    (r'"\.41"', "A"), (r'"\[Alpha]"', "α"), (r'"\101"', "A"), (r'"\q"', "\\q"),
])
def test_string_escapes(raw, value):
    assert string_value(raw) == value


def test_numeric_list_fast_path_matches_slow_path():
    reals = ", ".join(f"{(i * 0.37) % 1 - 0.5:.3f}" for i in range(300))
    ints = ", ".join(str(i * 7 - 1000) for i in range(300))
    for body in (reals, ints):
        fast = parse("{" + body + "}")[0]
        slow = parse("{(* no fast path *)" + body + "}")[0]
        assert isinstance(fast, PackedArray)
        assert not isinstance(slow, PackedArray)
        assert fast == slow
        assert full_form(fast) == full_form(slow)


def test_numeric_matrix_packs_and_mixed_lists_do_not():
    row = "{" + ", ".join(f"{i}.5" for i in range(100)) + "}"
    (m,) = parse("{" + ", ".join([row] * 4) + "}")
    assert isinstance(m, PackedArray) and m.array.shape == (4, 100)
    mixed = "{" + ", ".join(["1", "2.5"] * 100) + "}"
    (e,) = parse(mixed)
    assert not isinstance(e, PackedArray)
    assert full_form(e.args[0]) == "1" and full_form(e.args[1]) == "2.5"


def test_big_numeric_list_is_fast():
    import time
    body = ", ".join(f"0.{i % 1000:03d}" for i in range(140_000))   # about 1 MB
    t = time.perf_counter()
    (e,) = parse("{" + body + "}")
    assert time.perf_counter() - t < 1.0
    assert e.array.shape == (140_000,)
