"""MaximalBy, MinimalBy, TakeLargest, TakeSmallest, TakeLargestBy, TakeSmallestBy
(reference.wolfram.com/language/ref/MaximalBy, ... ): all extreme elements in order of
appearance, the n extreme ones in sorted order, operator and property forms."""

import pytest

from wlnet.expr import PackedArray


@pytest.mark.parametrize("code, expected", [
    ("MaximalBy[{{a, 1}, {b, 3}, {c, 2}}, Last]", "{{b, 3}}"),
    ("MaximalBy[Last][{{a, 1}, {b, 3}, {c, 2}}]", "{{b, 3}}"),
    ("MaximalBy[{-2, 1, 2, 0}, Abs]", "{-2, 2}"),
    ("MaximalBy[Range[10], Mod[#, 4] &, UpTo[4]]", "{3, 7, 2, 6}"),
    ("MaximalBy[Range[10], Mod[#, 4] &, 3]", "{3, 7, 2}"),
    ("MaximalBy[{x^2, x, x^3}, Identity]", "{x^3}"),
    ("MaximalBy[{}, f]", "{}"),
    ("MaximalBy[<|a -> 1, b -> 3, c -> 3|>, Identity]", "<|b -> 3, c -> 3|>"),
    ("MinimalBy[{{a, 1}, {b, 3}, {c, 1}}, Last]", "{{a, 1}, {c, 1}}"),
    ("MinimalBy[{-2, 1, 2, 0, -1}, Abs, 3]", "{0, 1, -1}"),
    ("MinimalBy[Last][{{a, 2}, {b, 1}}]", "{{b, 1}}"),
])
def test_maximal_minimal_by(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("TakeLargest[{1, 3, 5, 4}, 2]", "{5, 4}"),
    ("TakeLargest[2][{1, 3, 5, 4, 2}]", "{5, 4}"),
    ("TakeLargest[<|a -> 1, b -> 3, c -> 2|>, 2]", "<|b -> 3, c -> 2|>"),
    ("TakeLargest[{1, Missing[], 3, None, 2}, 2]", "{3, 2}"),
    ("TakeLargest[{1, 2}, UpTo[4]]", "{2, 1}"),
    ("TakeLargest[{1, 3, 5, 4} -> \"Index\", 2]", "{3, 4}"),
    ("TakeLargest[{1, 3, 5, 4} -> {\"Element\", \"Index\"}, 2]", "{{5, 3}, {4, 4}}"),
    ("TakeLargest[{1, 3, 5, 4} -> All, 1]", "{<|\"Element\" -> 5, \"Index\" -> 3|>}"),
    ("TakeLargest[{Pi, 3, 4.5, 1/2}, 2]", "{4.5, Pi}"),
    ("TakeLargest[{c, a, b}, 2]", "{c, b}"),
    ("TakeLargest[{1, x, 2}, 1, ExcludedForms -> {_Symbol}]", "{2}"),
    ("TakeSmallest[{1, 3, 5, 4}, 2]", "{1, 3}"),
    ("TakeSmallest[{3, 1, 1, 2}, 2]", "{1, 1}"),
    ("TakeSmallest[1][{3, 2}]", "{2}"),
    ("TakeLargestBy[{\"abc\", \"a\", \"abcd\"}, StringLength, 2]", "{\"abcd\", \"abc\"}"),
    ("TakeLargestBy[StringLength, 2][{\"abc\", \"a\", \"abcd\"}]", "{\"abcd\", \"abc\"}"),
    ("TakeLargestBy[<|1 -> \"abc\", 2 -> \"a\", 3 -> \"abcd\"|>, StringLength, 2]",
     "<|3 -> \"abcd\", 1 -> \"abc\"|>"),
    ("TakeLargestBy[{-3, 1, 4, -5, 2}, Abs, 4]", "{-5, 4, -3, 2}"),
    ("TakeLargestBy[{-3, 1, 4, -5, 2}, Abs, UpTo[9]]", "{-5, 4, -3, 2, 1}"),
    ("TakeLargestBy[{-3, 1, 4, -5, 2} -> \"Value\", Abs, 2]", "{5, 4}"),
    ("TakeSmallestBy[{-3, 1, 4, -5, 2}, Abs, 2]", "{1, 2}"),
    ("TakeSmallestBy[{-3, 1, 4, -5, 2} -> {\"Index\", \"Value\"}, Abs, 1]", "{{2, 1}}"),
])
def test_take_largest_smallest(wl, code, expected):
    assert wl(code) == expected


def test_packed_vectors_stay_packed(wl):
    assert isinstance(wl.value("TakeLargest[{3., 1., 2.}, 2]"), PackedArray)
    assert wl("TakeSmallest[Range[10, 1, -1], 3]") == "{1, 2, 3}"


def test_packed_ties_keep_their_order(wl):
    """0 Range[3] makes the sums packed: the NumPy path must order ties as the general
    one does."""
    assert wl("TakeLargest[{3, 1, 3} + 0 Range[3] -> \"Index\", 2]") == "{1, 3}"
    assert wl("TakeSmallest[{3, 1, 1} + 0 Range[3] -> \"Index\", 2]") == "{2, 3}"
    assert wl("ReverseSort[{-9223372036854775807 - 1, 5} + 0 Range[2]]") == \
        "{5, -9223372036854775808}"


@pytest.mark.parametrize("code, message", [
    ("MaximalBy[{1, 2}, Identity, 3]", "MaximalBy::insuff"),
    ("MaximalBy[{1, 2}, Identity, -1]", "MaximalBy::intnm"),
    ("MinimalBy[x, f]", "MinimalBy::normal"),
    ("TakeLargest[{1, 2}, 4]", "TakeLargest::insuff"),
    ("TakeLargest[{1, 2}, a]", "TakeLargest::intnm"),
    ("TakeSmallest[x, 1]", "TakeSmallest::normal"),
    ("TakeLargest[{1, 3} -> \"Foo\", 1]", "TakeLargest::prop"),
    ("TakeLargestBy[{1, 2}, f, 1, 2, 3]", "TakeLargestBy::argb"),
    ("TakeSmallestBy[{1, 2}, Abs, 3]", "TakeSmallestBy::insuff"),
])
def test_bad_arguments(wl, code, message):
    assert wl.messages(code) == [message]
    assert wl(code) == code
