"""Part, part assignment, Extract, Take, Drop, First, Last, Rest, Most."""

import numpy as np
import pytest

from wlnet.expr import Expr, Integer, PackedArray, S, from_python


@pytest.mark.parametrize("code, expected", [
    ("{a, b, c}[[2]]", "b"),
    ("{a, b, c}[[-1]]", "c"),
    ("f[a, b][[0]]", "f"),
    ("{{1, 2}, {3, 4}}[[2, 1]]", "3"),
    ("{{1, 2}, {3, 4}}[[All, 2]]", "{2, 4}"),
    ("{a, b, c, d}[[{1, 3}]]", "{a, c}"),
    ("{a, b, c, d}[[2 ;; 3]]", "{b, c}"),
    ("{a, b, c, d}[[;; ;; -1]]", "{d, c, b, a}"),
    ("{a, b, c, d, e}[[1 ;; -1 ;; 2]]", "{a, c, e}"),
    ("{a, b, c}[[3 ;; 2]]", "{}"),
    ("f[a, b, c][[{1, 2}]]", "f[a, b]"),
    ("{{a, b}, {c, d}}[[{2, 1}, {2}]]", "{{d}, {b}}"),
    ("<|\"a\" -> 1, \"b\" -> 2|>[[\"b\"]]", "2"),
    ("<|\"a\" -> 1, \"b\" -> 2|>[[1]]", "1"),
    ("<|a -> 1, b -> 2|>[[Key[b]]]", "2"),
    ("<|\"a\" -> 1|>[[\"z\"]]", "Missing[\"KeyAbsent\", \"z\"]"),
    ("<|a -> 1, b -> 2, c -> 3|>[[2 ;;]]", "<|b -> 2, c -> 3|>"),
    ("<|a -> {1, 2}, b -> {3, 4}|>[[All, 1]]", "<|a -> 1, b -> 3|>"),
])
def test_part(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, message, unevaluated", [
    ("{1, 2, 3}[[5]]", "Part::partw", "{1, 2, 3}[[5]]"),
    ("{1, 2, 3}[[1, 1]]", "Part::partd", "{1, 2, 3}[[1, 1]]"),
    ("{1, 2, 3}[[x]]", "Part::pkspec1", "{1, 2, 3}[[x]]"),
    ("{1, 2, 3}[[2 ;; 7]]", "Part::take", "{1, 2, 3}[[2 ;; 7]]"),
    ("x[[1]]", "Part::partd", "x[[1]]"),
])
def test_part_errors_stay_unevaluated(wl, code, message, unevaluated):
    assert wl.messages(code) == [message]
    assert wl(code) == unevaluated


def test_packed_part_stays_packed_and_is_a_view(wl):
    s = wl.session
    data = from_python(np.arange(1_000_000, dtype=np.float64).reshape(100_000, 10))
    column = s.evaluate_expr(Expr(S.Part, data, S.All, Integer(3))).value
    assert isinstance(column, PackedArray) and column.array.shape == (100_000,)
    assert column._args is None          # no Python objects were made for the elements
    rows = s.evaluate_expr(Expr(S.Part, data, Expr(S.Span, Integer(2), Integer(4)))).value
    assert rows.array.shape == (3, 10) and rows.array[0, 0] == 10.0


@pytest.mark.parametrize("code, expected", [
    ("x = {1, 2, 3}; x[[2]] = 10; x", "{1, 10, 3}"),
    ("x = {{1, 2}, {3, 4}}; x[[All, 1]] = 0; x", "{{0, 2}, {0, 4}}"),
    ("x = {{1, 2}, {3, 4}}; x[[All, 1]] = {a, b}; x", "{{a, 2}, {b, 4}}"),
    ("x = {1, 2, 3}; x[[-1]] = y; x", "{1, 2, y}"),
    ("x = {1, 2, 3, 4}; x[[2 ;; 3]] = {a, b}; x", "{1, a, b, 4}"),
    ("x = <|\"a\" -> 1|>; x[[\"a\"]] = 2; x", "<|\"a\" -> 2|>"),
    ("x = <|\"a\" -> 1|>; x[[\"b\"]] = 2; x", "<|\"a\" -> 1, \"b\" -> 2|>"),
    ("x = f[a, b]; x[[0]] = g; x", "g[a, b]"),
    ("x = Range[5]; x[[3]] = 2.5; x", "{1, 2, 2.5, 4, 5}"),
])
def test_part_assignment(wl, code, expected):
    assert wl(code) == expected


def test_part_assignment_out_of_range(wl):
    assert wl.messages("x = {1, 2}; x[[5]] = 0") == ["Set::partw"]
    assert wl("x") == "{1, 2}"


@pytest.mark.parametrize("code, expected", [
    ("Extract[{a, {b, c}}, {2, 1}]", "b"),
    ("Extract[{a, {b, c}}, {{1}, {2, 2}}]", "{a, c}"),
    ("Extract[{a, b}, 2]", "b"),
    ("Extract[{1 + 1, b}, {1}, Hold]", "Hold[2]"),
])
def test_extract(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("Take[{a, b, c, d}, 2]", "{a, b}"),
    ("Take[{a, b, c, d}, -2]", "{c, d}"),
    ("Take[{a, b, c, d}, {2}]", "{b}"),
    ("Take[{a, b, c, d}, {2, 3}]", "{b, c}"),
    ("Take[{a, b, c, d, e}, {1, -1, 2}]", "{a, c, e}"),
    ("Take[{{1, 2, 3}, {4, 5, 6}}, All, 2]", "{{1, 2}, {4, 5}}"),
    ("Take[f[a, b, c], 2]", "f[a, b]"),
    ("Take[{a, b}, UpTo[5]]", "{a, b}"),
    ("Take[<|a -> 1, b -> 2|>, 1]", "<|a -> 1|>"),
    ("Drop[{a, b, c, d}, 1]", "{b, c, d}"),
    ("Drop[{a, b, c, d}, -1]", "{a, b, c}"),
    ("Drop[{a, b, c, d}, {2, 3}]", "{a, d}"),
    ("Drop[{a, b, c, d, e}, {1, -1, 2}]", "{b, d}"),
    ("First[{a, b}]", "a"), ("Last[{a, b}]", "b"),
    ("Rest[{a, b, c}]", "{b, c}"), ("Most[{a, b, c}]", "{a, b}"),
    ("First[<|a -> 1, b -> 2|>]", "1"),
    ("First[{}, none]", "none"),
    ("Rest[Range[3]]", "{2, 3}"),
])
def test_take_drop_ends(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, message", [
    ("Take[{1, 2, 3}, 5]", "Take::take"),
    ("Take[{1, 2, 3}, -4]", "Take::take"),
    ("Take[{1, 2, 3}, x]", "Take::seqs"),
    ("Take[x, 1]", "Take::normal"),
    ("Drop[{1, 2, 3}, 4]", "Drop::drop"),
    ("First[{}]", "First::nofirst"),
    ("Last[{}]", "Last::nolast"),
    ("Rest[{}]", "Rest::norest"),
    ("Most[{}]", "Most::nomost"),
    ("First[x]", "First::normal"),
])
def test_messages(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl(code) == code


def test_take_packed_is_packed(wl):
    out = wl.value("Take[Range[10], {2, 8, 3}]")
    assert isinstance(out, PackedArray) and out.array.tolist() == [2, 5, 8]
