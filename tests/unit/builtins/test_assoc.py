"""Associations: construction, lookup, key/value functions, Normal."""

import pytest


@pytest.mark.parametrize("code, expected", [
    ("<|a -> 1, a -> 2|>", "<|a -> 2|>"),
    ("<|a -> 1, b -> 2, a -> 3|>", "<|a -> 3, b -> 2|>"),
    ("<|a -> 1 + 1, b :> 1 + 1|>", "<|a -> 2, b :> 1 + 1|>"),
    ("Association[{a -> 1, {b -> 2}}]", "<|a -> 1, b -> 2|>"),
    ("Association[<|a -> 1|>, b -> 2]", "<|a -> 1, b -> 2|>"),
    ("<||>", "<||>"),
    ("<|\"k\" -> 1|>[\"k\"]", "1"),
    ("<|k -> 1|>[k]", "1"),
    ("<|k -> 1|>[Key[k]]", "1"),
    ("<|k -> 1|>[\"z\"]", "Missing[\"KeyAbsent\", \"z\"]"),
    ("<|k :> 1 + 1|>[k]", "2"),
    ("Keys[<|a -> 1, b -> 2|>]", "{a, b}"),
    ("Values[<|a -> 1, b -> 2|>]", "{1, 2}"),
    ("Keys[{a -> 1, b -> 2}]", "{a, b}"),
    ("Values[{<|a -> 1|>, <|b -> 2|>}]", "{{1}, {2}}"),
    ("Lookup[<|a -> 1|>, a]", "1"),
    ("Lookup[<|a -> 1|>, b]", "Missing[\"KeyAbsent\", b]"),
    ("Lookup[<|a -> 1|>, b, 0]", "0"),
    ("Lookup[<|a -> 1, b -> 2|>, {b, a}]", "{2, 1}"),
    ("Lookup[{<|a -> 1|>, <|a -> 2|>}, a]", "{1, 2}"),
    ("Lookup[a][<|a -> 5|>]", "5"),
    ("KeyExistsQ[<|a -> 1|>, a]", "True"),
    ("KeyExistsQ[<|a -> 1|>, b]", "False"),
    ("KeyValueMap[f, <|a -> 1, b -> 2|>]", "{f[a, 1], f[b, 2]}"),
    ("AssociationThread[{a, b}, {1, 2}]", "<|a -> 1, b -> 2|>"),
    ("AssociationThread[{a, b} -> {1, 2}]", "<|a -> 1, b -> 2|>"),
    ("KeySort[<|b -> 1, a -> 2|>]", "<|a -> 2, b -> 1|>"),
    ("KeyDrop[<|a -> 1, b -> 2|>, a]", "<|b -> 2|>"),
    ("KeyDrop[<|a -> 1, b -> 2, c -> 3|>, {a, c}]", "<|b -> 2|>"),
    ("KeyTake[<|a -> 1, b -> 2, c -> 3|>, {c, a, z}]", "<|c -> 3, a -> 1|>"),
    ("Merge[{<|a -> 1|>, <|a -> 2, b -> 3|>}, Total]", "<|a -> 3, b -> 3|>"),
    ("Merge[{<|a -> 1|>, <|a -> 2|>}, f]", "<|a -> f[{1, 2}]|>"),
    ("AssociationQ[<|a -> 1|>]", "True"), ("AssociationQ[{a -> 1}]", "False"),
    ("Length[<|a -> 1, b -> 2|>]", "2"),
    ("Normal[<|a -> 1, b -> 2|>]", "{a -> 1, b -> 2}"),
    ("Normal[{<|a -> 1|>}]", "{{a -> 1}}"),
    ("Normal[<|a -> <|b -> 1|>|>]", "{a -> <|b -> 1|>}"),
    ("Normal[f[x]]", "f[x]"),
    ("Total[<|a -> 1, b -> 2|>]", "3"),
    ("Select[<|a -> 1, b -> 2|>, OddQ]", "<|a -> 1|>"),
    ("Sort[<|a -> 2, b -> 1|>]", "<|b -> 1, a -> 2|>"),
])
def test_associations(wl, code, expected):
    assert wl(code) == expected


def test_invalid_arguments(wl):
    assert wl.messages("Association[1]") == ["Association::invrl"]
    assert wl.messages("Keys[1]") == ["Keys::invrl"]
    assert wl.messages("AssociationThread[{a}, {1, 2}]") == ["AssociationThread::idim"]


def test_association_is_evaluated_once(wl):
    assert wl("n = 0; <|a :> (n++)|>; n") == "0"
    assert wl("n = 0; <|a -> (n++)|>; n") == "1"
