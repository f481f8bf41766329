"""Builtins that data preparation for nets uses (issue 12), with Wolfram's documented
results: exact where Wolfram is exact, machine reals through NumPy, messages for bad
arguments."""

import numpy as np
import pytest

from wlnet.expr import PackedArray


@pytest.mark.parametrize("code, expected", [
    ("Sum[i^2, {i, 10}]", "385"),
    ("Sum[1/i, {i, 4}]", "25/12"),
    ("Sum[x^i, {i, 0, 3}]", "1 + x + x^2 + x^3"),
    ("Sum[i j, {i, 3}, {j, 2}]", "18"),
    ("Sum[i, {i, {a, b, c}}]", "a + b + c"),
    ("Product[i, {i, 5}]", "120"),
    ("Product[k, {k, 2, 8, 2}]", "384"),
    ("Ordering[{c, a, b}]", "{2, 3, 1}"),
    ("Ordering[{2, 6, 1, 9, 1}, 2]", "{3, 5}"),
    ("Ordering[{2, 6, 1, 9, 1}, -1]", "{4}"),
    ("Ordering[{1, 2, 3}, All, Greater]", "{3, 2, 1}"),
    ("DeleteDuplicates[{a, b, a, c, b}]", "{a, b, c}"),
    ("DeleteDuplicates[{1, 7, 8, 4, 3, 4, 1, 9, 9, 2}]", "{1, 7, 8, 4, 3, 9, 2}"),
    ("DeleteDuplicates[{1, 2, 3, 4, 5}, Abs[#1 - #2] <= 1 &]", "{1, 3, 5}"),
    ("ArrayReshape[{a, b, c, d, e, f}, {2, 3}]", "{{a, b, c}, {d, e, f}}"),
    ("ArrayReshape[{a, b, c, d}, {3, 2}]", "{{a, b}, {c, d}, {0, 0}}"),
    ("ArrayReshape[Range[4], {3, 2}, x]", "{{1, 2}, {3, 4}, {x, x}}"),
    ("Reap[Sow[1]; Sow[2]; 3]", "{3, {{1, 2}}}"),
    ("Reap[x]", "{x, {}}"),
    ("Reap[Sow[1, a]; Sow[2, b]; Sow[3, a]]", "{3, {{1, 3}, {2}}}"),
    ("Reap[Sow[1, a]; Sow[2, b]; Sow[3, a], a]", "{3, {{1, 3}}}"),
    ("Reap[Sow[1, a]; Sow[2, b], {a, b, c}]", "{2, {{{1}}, {{2}}, {}}}"),
    ("Reap[Sow[1, a]; Sow[2, b]; Sow[3, a], _, f]", "{3, {f[a, {1, 3}], f[b, {2}]}}"),
    ("Reap[Reap[Sow[1, a]; Sow[2, b], a]]", "{{2, {{1}}}, {{2}}}"),
    ("Sow[5]", "5"),
    ("GroupBy[{1, 2, 3, 4, 5}, OddQ]", "<|True -> {1, 3, 5}, False -> {2, 4}|>"),
    ("GroupBy[{{a, 1}, {b, 2}, {a, 3}}, First -> Last]", "<|a -> {1, 3}, b -> {2}|>"),
    ("GroupBy[{{a, 1}, {b, 2}, {a, 3}}, First -> Last, Total]", "<|a -> 4, b -> 2|>"),
    ("Counts[{a, b, a, c, b, a}]", "<|a -> 3, b -> 2, c -> 1|>"),
    ("Tally[{a, b, a, c, b, a}]", "{{a, 3}, {b, 2}, {c, 1}}"),
    ("Mean[{1, 2}]", "3/2"),
    ("Mean[{a, b}]", "(a + b)/2"),
    ("Mean[{{1, 2}, {3, 4}}]", "{2, 3}"),
    ("Median[{1, 2, 3, 4}]", "5/2"),
    ("Median[{5, 1, 3}]", "3"),
    ("Median[{{1, 2}, {3, 4}, {5, 7}}]", "{3, 4}"),
    ("Variance[{1, 2, 3, 4}]", "5/3"),
    ("Variance[{{1, 2}, {3, 5}}]", "{2, 9/2}"),
    ("StandardDeviation[{1, 2, 3, 4}]", "Sqrt[5/3]"),
    ("Standardize[{1, 2, 3}]", "{-1, 0, 1}"),
    ("Standardize[{1., 2., 3.}]", "{-1., 0., 1.}"),
    ("Norm[{3, 4}]", "5"),
    ("Norm[{1, 1}]", "Sqrt[2]"),
    ("Norm[{x, y}]", "Sqrt[Abs[x]^2 + Abs[y]^2]"),
    ("Norm[{1, 2, 3}, 1]", "6"),
    ("Norm[{1, -5, 3}, Infinity]", "5"),
    ("Norm[{{1, 2}, {3, 4}}, \"Frobenius\"]", "Sqrt[30]"),
    ("Norm[-3]", "3"),
    ("Normalize[{1, 1}]", "{1/Sqrt[2], 1/Sqrt[2]}"),
    ("Normalize[{0, 0}]", "{0, 0}"),
    ("Normalize[{3., 4.}]", "{0.6, 0.8}"),
    ("Differences[{1, 4, 9, 16}]", "{3, 5, 7}"),
    ("Differences[{1, 4, 9, 16}, 2]", "{2, 2}"),
    ("Differences[{a, b, c}]", "{-a + b, -b + c}"),
    ("FirstPosition[{a, b, c, b}, b]", "{2}"),
    ("FirstPosition[{{a, a, b}, {b, a, a}}, b]", "{1, 3}"),
    ("FirstPosition[{1, 2}, x]", 'Missing["NotFound"]'),
    ("FirstPosition[{1, 2}, x, 0]", "0"),
    ('StringCases["a1b22c333", DigitCharacter ..]', '{"1", "22", "333"}'),
    ('StringCases["the cat sat", RegularExpression["\\\\w+at"]]', '{"cat", "sat"}'),
    ('StringCases["x=1, y=22", x : LetterCharacter ~~ "=" ~~ d : DigitCharacter .. -> {x, d}]',
     '{{"x", "1"}, {"y", "22"}}'),
    ('StringCases["aXbXc", "X" | "b", 2]', '{"X", "b"}'),
    ('StringMatchQ["apple", "a*"]', "True"),
    ('StringMatchQ["apple", "b*"]', "False"),
    ('StringMatchQ["12", DigitCharacter ..]', "True"),
    ('StringMatchQ[{"ab", "Ab"}, "a*", IgnoreCase -> True]', "{True, True}"),
    ('StringMatchQ["a*"]["apple"]', "True"),
    ('"a" ~~ "b"', '"ab"'),
    ('"a" ~~ "b" ~~ x_ ~~ "c" ~~ "d"', '"ab" ~~ x_ ~~ "cd"'),
    ('StringReplace["abc", "a" ~~ "b" -> "X"]', '"Xc"'),
    ('StringRepeat["ab", 3]', '"ababab"'),
    ('StringRepeat["abc", 10, 7]', '"abcabca"'),
    ('ToCharacterCode["ABC"]', "{65, 66, 67}"),
    ("FromCharacterCode[{72, 105}]", '"Hi"'),
    ("FromCharacterCode[97]", '"a"'),
    ("Subsets[{a, b, c}, {2}]", "{{a, b}, {a, c}, {b, c}}"),
    ("Tuples[{0, 1}, 2]", "{{0, 0}, {0, 1}, {1, 0}, {1, 1}}"),
    ("Tuples[{{a, b}, {1, 2}}]", "{{a, 1}, {a, 2}, {b, 1}, {b, 2}}"),
    ("Outer[f, {a, b}, {c, d}]", "{{f[a, c], f[a, d]}, {f[b, c], f[b, d]}}"),
    ("Inner[f, {a, b}, {c, d}, g]", "g[f[a, c], f[b, d]]"),
    ("KroneckerProduct[{{1, 2}, {3, 4}}, {{0, 1}, {1, 0}}]",
     "{{0, 1, 0, 2}, {1, 0, 2, 0}, {0, 3, 0, 4}, {3, 0, 4, 0}}"),
    ("KroneckerProduct[{a, b}, {c, d}]", "{a*c, a*d, b*c, b*d}"),
    ("IdentityMatrix[3]", "{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}"),
    ("IdentityMatrix[{2, 3}]", "{{1, 0, 0}, {0, 1, 0}}"),
    ("DiagonalMatrix[{a, b}]", "{{a, 0}, {0, b}}"),
    ("DiagonalMatrix[{1, 2}, 1]", "{{0, 1, 0}, {0, 0, 2}, {0, 0, 0}}"),
    ("ArcSin[1]", "Pi/2"), ("ArcSin[0]", "0"),
    ("ArcCos[0]", "Pi/2"), ("ArcCos[1]", "0"), ("ArcCos[-1]", "Pi"), ("ArcCos[-1/2]", "(2*Pi)/3"),
    ("ArcTan[1]", "Pi/4"), ("ArcSin[-x]", "-ArcSin[x]"),
    ("Gamma[5]", "24"), ("Gamma[1/2]", "Sqrt[Pi]"), ("Gamma[3/2]", "Sqrt[Pi]/2"),
    ("Gamma[0]", "ComplexInfinity"),
    ("Erf[0]", "0"), ("Erf[Infinity]", "1"), ("Erf[-x]", "-Erf[x]"),
    ("Clip[{-2, 0.5, 3}]", "{-1, 0.5, 1}"),
    ("Clip[{-1, 5, 2}, {0, 3}, {a, b}]", "{a, b, 2}"),
    ("Rescale[{1, 2, 3}]", "{0, 1/2, 1}"),
    ("Rescale[5, {0, 10}, {-1, 1}]", "0"),
    ("Unitize[{0, 3, -2.5, 0.}]", "{0, 1, 1, 0}"),
    ("UnitStep[{-1, 0, 2.5}]", "{0, 1, 1}"),
])
def test_documented_results(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("ArcSin[0.5]", 0.5235987755982989), ("ArcCos[0.3]", 1.2661036727794992),
    ("Mean[{1., 2., 4.}]", 7 / 3), ("Gamma[4.5]", 11.631728396567448), ("Erf[1.]", 0.8427007929497149),
    ("Norm[{{1., 2.}, {3., 4.}}]", 5.464985704219043),
    ("Variance[{1.21, 3.4, 2.15, 4, 1.5}]", float(np.var([1.21, 3.4, 2.15, 4, 1.5], ddof=1))),
])
def test_machine_values(wl, code, expected):
    assert wl.value(code).value == pytest.approx(expected, rel=1e-12)


def test_exact_negative_angles(wl):
    assert wl.value("ArcSin[-1/2]") == wl.value("-Pi/6")


@pytest.mark.parametrize("code, name", [
    ("Mean[x]", "Mean::rectn"), ("Mean[{}]", "Mean::rectn"),
    ("Variance[{1}]", "Variance::shlen"), ("Median[{1, {2}}]", "Median::rectn"),
    ("Norm[{1, 2}, 1/2]", "Norm::ptype"), ("Norm[{{1, 2}, {3, 4}}]", "Norm::wlnet2"),
    ("IdentityMatrix[-1]", "IdentityMatrix::inn"),
    ("ArrayReshape[{1, 2}, {x}]", "ArrayReshape::rect"),
    ("Counts[x]", "Counts::list"), ("GroupBy[x, f]", "GroupBy::list"),
    ("Differences[{1, 2}, -1]", "Differences::intnn"),
    ("Tuples[{1, 2}, -1]", "Tuples::intnn"),
    ('StringRepeat["a", 0]', "StringRepeat::intp"),
    ("StringMatchQ[1, \"a\"]", "StringMatchQ::strse"),
    ("FromCharacterCode[-1]", "FromCharacterCode::notunicode"),
    ("RandomVariate[NormalDistribution[0, -1]]", "RandomVariate::udist"),
    ("RandomVariate[UniformDistribution[], x]", "RandomVariate::array"),
    ("Sum[i, {i, n}]", "Sum::iterb"),
    ("Gamma[1, 2]", "Gamma::wlnetinc"),
])
def test_bad_arguments_get_messages(wl, code, name):
    assert wl.messages(code) == [name]


def test_random_variates_are_reproducible_and_packed(wl):
    first = wl.value("SeedRandom[7]; RandomVariate[NormalDistribution[5, 2], {1000, 3}]")
    again = wl.value("SeedRandom[7]; RandomVariate[NormalDistribution[5, 2], {1000, 3}]")
    assert isinstance(first, PackedArray) and first.array.shape == (1000, 3)
    assert np.array_equal(first.array, again.array)
    assert abs(first.array.mean() - 5) < 0.2 and abs(first.array.std() - 2) < 0.2
    uniform = wl.value("RandomVariate[UniformDistribution[{-1, 1}], 500]").array
    assert uniform.min() >= -1 and uniform.max() <= 1


def test_block_random_restores_the_generator(wl):
    assert wl("SeedRandom[3]; a = BlockRandom[RandomReal[]]; b = RandomReal[]; a == b") == "True"
    assert wl("SeedRandom[3]; BlockRandom[SeedRandom[5]; RandomReal[]]; RandomReal[] == a") == \
        "True"


def test_packed_fast_paths_keep_data_packed(wl):
    s = wl.session
    for code in ["Mean[data]", "Median[data]", "Variance[data]", "StandardDeviation[data]",
                 "Standardize[data]", "Differences[data]", "ArrayReshape[data, {50, 40}]",
                 "Ordering[data[[All, 1]]]", "DeleteDuplicates[data[[All, 1]]]",
                 "Normalize[data[[1]]]", "Unitize[data]", "Gamma[data]"]:
        s.evaluate("SeedRandom[1]; data = RandomReal[1, {100, 20}];")
        out = s.evaluate(code)[-1].value
        assert isinstance(out, PackedArray), code
