"""Random numbers: ranges, shapes (packed), reproducibility with SeedRandom, and refusals
of malformed or huge requests."""

import numpy as np
import pytest

from wlnet.expr import Expr, Integer, PackedArray, S
from wlnet.kernel.session import Session


def run(code, session=None):
    return (session or Session()).evaluate(code)[-1]


def result(code, session=None):
    return run(code, session).result


def test_random_real_ranges():
    s = Session()
    assert 0 <= result("RandomReal[]", s).value <= 1
    assert 0 <= result("RandomReal[5]", s).value <= 5
    assert -3 <= result("RandomReal[{-3, -2}]", s).value <= -2
    assert 0 <= result("RandomReal[Pi]", s).value <= np.pi
    assert 1 <= result("RandomReal[{2, 1}]", s).value <= 2


def test_random_real_arrays_are_packed():
    s = Session()
    vector = result("RandomReal[{1, 2}, 1000]", s)
    assert isinstance(vector, PackedArray) and vector.array.shape == (1000,)
    assert vector.array.min() >= 1 and vector.array.max() <= 2
    matrix = result("RandomReal[1, {3, 4}]", s)
    assert isinstance(matrix, PackedArray) and matrix.array.shape == (3, 4)
    assert result("RandomReal[1, {0}]", s) == Expr(S.List)


def test_random_integer():
    s = Session()
    assert result("RandomInteger[]", s).value in (0, 1)
    values = result("RandomInteger[{-2, 2}, 10000]", s).array
    assert values.dtype == np.int64 and set(values.tolist()) == {-2, -1, 0, 1, 2}
    assert result("RandomInteger[10, {2, 3}]", s).array.shape == (2, 3)
    big = result("RandomInteger[{10^30, 10^30 + 5}]", s)
    assert type(big) is Integer and 10 ** 30 <= big.value <= 10 ** 30 + 5


def test_seed_random_reproduces_results():
    code = "SeedRandom[42]; {RandomReal[], RandomInteger[100, 3], RandomChoice[{a, b, c}, 4]}"
    assert result(code) == result(code)
    assert result("SeedRandom[1]; RandomReal[]") != result("SeedRandom[2]; RandomReal[]")
    assert result('SeedRandom["x"]; RandomReal[]') == result('SeedRandom["x"]; RandomReal[]')
    assert run("SeedRandom[7]").result is None      # returns Null


def test_random_choice():
    s = Session()
    assert result("RandomChoice[{a, b, c}]", s) in (S.a, S.b, S.c)
    picks = result("RandomChoice[{a, b, c}, 50]", s)
    assert len(picks.args) == 50 and set(picks.args) <= {S.a, S.b, S.c}
    weighted = result("RandomChoice[{0, 1, 0} -> {a, b, c}, {2, 3}]", s)
    assert all(x is S.b for row in weighted.args for x in row.args)
    packed = result("RandomChoice[Range[10], 5]", s)
    assert isinstance(packed, PackedArray)


def test_random_sample():
    s = Session()
    perm = result("RandomSample[Range[10]]", s)
    assert sorted(perm.array.tolist()) == list(range(1, 11))
    few = result("RandomSample[{a, b, c}, 2]", s)
    assert len(set(few.args)) == 2
    assert len(result("RandomSample[{a, b, c}, 10]", s).args) == 3
    assert result("RandomSample[{1, 0, 0} -> {a, b, c}, 2]", s) == Expr(S.List, S.a)


@pytest.mark.parametrize("code, name", [
    ("RandomReal[x]", "RandomReal::unifr"), ("RandomReal[1, -1]", "RandomReal::array"),
    ("RandomInteger[1.5]", "RandomInteger::unifr"), ("RandomChoice[{}]", "RandomChoice::lrwl"),
    ("RandomChoice[{1, -1} -> {a, b}]", "RandomChoice::wghtv"),
    ("RandomChoice[{1} -> {a, b}]", "RandomChoice::wghtv"), ("SeedRandom[x]", "SeedRandom::seed"),
])
def test_bad_requests_stay_unevaluated_with_a_message(code, name):
    out = run(code)
    assert [m.name for m in out.messages] == [name]
    assert out.result.head.name == code.split("[")[0]


def test_huge_requests_are_refused_before_allocating():
    out = run("RandomReal[1, {10^6, 10^6}]")
    assert [m.name for m in out.messages] == ["General::mem"]
    assert out.result is S["$Aborted"]
    assert [m.name for m in run("RandomInteger[1, 10^12]").messages] == ["General::mem"]
