"""Log2, Log10, Binomial and Permutations (reference.wolfram.com/language/ref/Log2, Log10,
Binomial, Permutations)."""

import pytest

from wlnet.expr import PackedArray


@pytest.mark.parametrize("code, expected", [
    ("Log2[8]", "3"),
    ("Log2[1/8]", "-3"),
    ("Log10[1000]", "3"),
    ("Log10[10^100]", "100"),
    ("Log2[3]", "Log[3]/Log[2]"),
    ("Log10[x]", "Log[x]/Log[10]"),
    ("Log2[1024.]", "10."),
    ("Log10[0.001]", "-3."),
    ("Log2[0]", "-Infinity"),
    ("Log10[Infinity]", "Infinity"),
    ("Log2[E]", "1/Log[2]"),
    ("Log2[{1, 2, 4}]", "{0, 1, 2}"),
    ("Log10[{1., 10., 100.}]", "{0., 1., 2.}"),
    ("N[Log2[3]] == Log[2, 3.]", "True"),
])
def test_log2_log10(wl, code, expected):
    assert wl(code) == expected


def test_log2_packed_reals_stay_packed(wl):
    assert isinstance(wl.value("Log2[N[2^Range[3]]]"), PackedArray)


@pytest.mark.parametrize("code, expected", [
    ("Binomial[10, 3]", "120"),
    ("Binomial[{5, 6, 7}, 2]", "{10, 15, 21}"),
    ("Table[Binomial[n, k], {n, 0, 3}, {k, 0, n}]", "{{1}, {1, 1}, {1, 2, 1}, {1, 3, 3, 1}}"),
    ("Binomial[100, 50]", "100891344545564193334812497256"),
    ("Binomial[n, 2]", "Binomial[n, 2]"),
    ("Binomial[n, 0]", "1"),
    ("Binomial[n, 1]", "n"),
    ("Binomial[n, n]", "1"),
    ("Binomial[-3, 2]", "6"),
    ("Binomial[5, 7]", "0"),
    ("Binomial[5, -1]", "0"),
    ("Binomial[1/2, 2]", "-1/8"),
    ("Binomial[5.5, 2]", "12.375"),
    ("Binomial[10., 3]", "120."),
    ("Binomial[10^20, 2]", "4999999999999999999950000000000000000000"),
])
def test_binomial(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("Permutations[{a, b, c}]",
     "{{a, b, c}, {a, c, b}, {b, a, c}, {b, c, a}, {c, a, b}, {c, b, a}}"),
    ("Permutations[{a, a, b}]", "{{a, a, b}, {a, b, a}, {b, a, a}}"),
    ("Permutations[{a, b, c}, 2]",
     "{{}, {a}, {b}, {c}, {a, b}, {a, c}, {b, a}, {b, c}, {c, a}, {c, b}}"),
    ("Permutations[{a, b, c, d}, {0, 1}]", "{{}, {a}, {b}, {c}, {d}}"),
    ("Permutations[Range[3], {2}]", "{{1, 2}, {1, 3}, {2, 1}, {2, 3}, {3, 1}, {3, 2}}"),
    ("Permutations[f[a, b]]", "{f[a, b], f[b, a]}"),
    ("Permutations[{}]", "{{}}"),
    ("Permutations[{a, b}, {3}]", "{}"),
    ("Length[Permutations[Range[6]]]", "720"),
    ("Length[Permutations[Range[4], {2, 3}]]", "36"),
])
def test_permutations(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, message", [
    ("Log2[1, 2]", "Log2::argx"),
    ("Log10[]", "Log10::argx"),
    ("Binomial[10]", "Binomial::argr"),
    ("Permutations[{a, b}, -1]", "Permutations::nninfseq"),
    ("Permutations[x]", "Permutations::normal"),
    ("Permutations[Range[20]]", "General::mem"),
    ("Binomial[10^7, 5*10^6]", "General::mem"),
])
def test_bad_arguments(wl, code, message):
    assert wl.messages(code) == [message]


def test_attributes(wl):
    assert wl("Attributes[Log2]") == "{Listable, NumericFunction, Protected}"
    assert wl("Attributes[Binomial]") == \
        "{Listable, NumericFunction, Protected, ReadProtected}"
    assert wl("Attributes[Permutations]") == "{Protected}"
