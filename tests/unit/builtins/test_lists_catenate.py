"""Catenate and TakeDrop (reference.wolfram.com/language/ref/Catenate, TakeDrop)."""

import pytest

from wlnet.expr import PackedArray


@pytest.mark.parametrize("code, expected", [
    ("Catenate[{{a, b, c}, {d, e}}]", "{a, b, c, d, e}"),
    ("Catenate[{<|a -> 1, b -> 2|>, <|c -> 3|>}]", "{1, 2, 3}"),
    ("Catenate[<|x -> {1, 2}, y -> {3}|>]", "{1, 2, 3}"),
    ("Catenate[{{1, 2}, <|a -> 3|>, {}}]", "{1, 2, 3}"),
    ("Catenate[{}]", "{}"),
    ("Catenate[{{{1, 2}}, {{3, 4}}}]", "{{1, 2}, {3, 4}}"),
])
def test_catenate(wl, code, expected):
    assert wl(code) == expected


def test_catenate_joins_packed_arrays_packed(wl):
    assert isinstance(wl.value("Catenate[{Range[3], Range[2]}]"), PackedArray)


@pytest.mark.parametrize("code, message", [
    ("Catenate[{1, {2}}]", "Catenate::invrp"),
    ("Catenate[x]", "Catenate::invrp"),
    ("Catenate[{1}, {2}]", "Catenate::argx"),
])
def test_catenate_bad_arguments(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl(code) == code


@pytest.mark.parametrize("code, expected", [
    ("TakeDrop[{a, b, c, d, e}, 2]", "{{a, b}, {c, d, e}}"),
    ("TakeDrop[{a, b, c, d, e}, {2, 4}]", "{{b, c, d}, {a, e}}"),
    ("TakeDrop[{a, b, c, d, e}, -2]", "{{d, e}, {a, b, c}}"),
    ("TakeDrop[{a, b, c, d, e}, {2}]", "{{b}, {a, c, d, e}}"),
    ("TakeDrop[Range[10], {1, -1, 3}]", "{{1, 4, 7, 10}, {2, 3, 5, 6, 8, 9}}"),
    ("TakeDrop[{a, b, c}, UpTo[8]]", "{{a, b, c}, {}}"),
    ("TakeDrop[{a, b, c}, All]", "{{a, b, c}, {}}"),
    ("TakeDrop[{a, b, c}, None]", "{{}, {a, b, c}}"),
    ("TakeDrop[f[a, b, c], 1]", "{f[a], f[b, c]}"),
    ("TakeDrop[<|a -> 1, b -> 2, c -> 3|>, 2]", "{<|a -> 1, b -> 2|>, <|c -> 3|>}"),
    ("Join @@ TakeDrop[{1, 2, 3, 4}, 3]", "{1, 2, 3, 4}"),
])
def test_takedrop(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, message", [
    ("TakeDrop[{a, b}, 5]", "TakeDrop::take"),
    ("TakeDrop[{a, b}, x]", "TakeDrop::seqs"),
    ("TakeDrop[x, 1]", "TakeDrop::normal"),
    ("TakeDrop[{a}]", "TakeDrop::argr"),
])
def test_takedrop_bad_arguments(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl(code) == code
