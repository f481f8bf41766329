"""Intersection, Complement and ReverseSort (reference.wolfram.com/language/ref/
Intersection, Complement, ReverseSort): sorted distinct results, SameTest, heads."""

import pytest

from wlnet.expr import PackedArray


@pytest.mark.parametrize("code, expected", [
    ("Intersection[{a, b, c, d}, {b, c, e}]", "{b, c}"),
    ("Intersection[{1, 3, 2, 1}, {3, 1, 5}, {1, 3, 9}]", "{1, 3}"),
    ("Intersection[{{1, 2}, {2, 3}}, {{2, 3}, {3, 4}}]", "{{2, 3}}"),
    ("Intersection[{1., 2.5, 3}, {1, 2.5}]", "{2.5}"),
    ("Intersection[f[a, b, c], f[c, a]]", "f[a, c]"),
    ("Intersection[{c, b, a, b}]", "{a, b, c}"),
    ("Intersection[{1, 2}, {3}]", "{}"),
    ("Intersection[{1, 2, 3}, {2.0001, 3.1}, SameTest -> (Abs[#1 - #2] < 0.01 &)]", "{2}"),
    ("Complement[{a, b, c, d, e}, {a, c}, {d}]", "{b, e}"),
    ("Complement[{1, 3, 2, 1, 5}, {3}]", "{1, 2, 5}"),
    ("Complement[{c, b, a, b}]", "{a, b, c}"),
    ("Complement[f[a, b, c], f[b]]", "f[a, c]"),
    ("Complement[{1., 2.5, 3.}, {2.5}]", "{1., 3.}"),
    ("Complement[{1, 2, 3, 4}, {2.0001}, SameTest -> (Abs[#1 - #2] < 0.01 &)]",
     "{1, 3, 4}"),
])
def test_set_operations(wl, code, expected):
    assert wl(code) == expected


def test_packed_vectors_give_packed_results(wl):
    assert isinstance(wl.value("Intersection[Range[10], Range[5, 20]]"), PackedArray)
    assert isinstance(wl.value("Complement[Range[10], {3, 4}]"), PackedArray)
    assert wl("Intersection[Range[10], Range[5, 20], {7, 1, 5}]") == "{5, 7}"


@pytest.mark.parametrize("code, message", [
    ("Intersection[{1, 2}, x]", "Intersection::normal"),
    ("Intersection[{1}, f[1]]", "Intersection::heads"),
    ("Complement[x, {1}]", "Complement::normal"),
    ("Complement[{1}, f[1]]", "Complement::heads"),
    ("Complement[]", "Complement::argm"),
    ("Intersection[{1}, {1}, Foo -> 1]", "Intersection::optx"),
])
def test_set_bad_arguments(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl(code) == code


@pytest.mark.parametrize("code, expected", [
    ("ReverseSort[{c, b, d, a}]", "{d, c, b, a}"),
    ("ReverseSort[{0, 11, 13, 4, 9}]", "{13, 11, 9, 4, 0}"),
    ("ReverseSort[head[x, z, y, t]]", "head[z, y, x, t]"),
    ("ReverseSort[<|a -> 4, b -> 1, c -> 3, d -> 2, e -> 2|>]",
     "<|a -> 4, c -> 3, d -> 2, e -> 2, b -> 1|>"),
    ("ReverseSort[{0, 11, 13, 4, 9}, Greater]", "{0, 4, 9, 11, 13}"),
    ("ReverseSort[{0, 11, 13, 4, 9}, #1 < #2 &]", "{13, 11, 9, 4, 0}"),
    ("ReverseSort[{{1, b}, {2, a}, {1, a}}, Order[First[#1], First[#2]] &]",
     "{{2, a}, {1, b}, {1, a}}"),
    ("ReverseSort[{1.5, 2, 1/2, 7}]", "{7, 2, 1.5, 1/2}"),
])
def test_reverse_sort(wl, code, expected):
    assert wl(code) == expected


def test_reverse_sort_packed(wl):
    assert isinstance(wl.value("ReverseSort[{3., 1., 2.}]"), PackedArray)
    assert wl("ReverseSort[{3., 1., 2.}]") == "{3., 2., 1.}"


def test_reverse_sort_bad_arguments(wl):
    assert wl.messages("ReverseSort[x]") == ["ReverseSort::normal"]
    assert wl.messages("ReverseSort[{1}, 2, 3]") == ["ReverseSort::argt"]


def test_attributes(wl):
    assert wl("Attributes[Intersection]") == "{Flat, OneIdentity, Protected, ReadProtected}"
    assert wl("Attributes[Complement]") == "{Protected, ReadProtected}"
    assert wl("Attributes[ReverseSort]") == "{Protected}"
