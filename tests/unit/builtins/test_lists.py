"""List construction, shape, rearranging, arithmetic, functional and pattern builtins."""

import numpy as np
import pytest

from wlnet.expr import Expr, Integer, PackedArray, S, from_python


@pytest.mark.parametrize("code, expected", [
    ("Range[4]", "{1, 2, 3, 4}"),
    ("Range[2, 8, 3]", "{2, 5, 8}"),
    ("Range[5, 1, -2]", "{5, 3, 1}"),
    ("Range[0]", "{}"),
    ("Range[0, 1, 1/4]", "{0, 1/4, 1/2, 3/4, 1}"),
    ("Range[0., 1., 0.5]", "{0., 0.5, 1.}"),
    ("Range[1, 2.5]", "{1, 2}"),
    ("Table[i^2, {i, 4}]", "{1, 4, 9, 16}"),
    ("Table[x, {3}]", "{x, x, x}"),
    ("Table[i, {i, 2, 8, 3}]", "{2, 5, 8}"),
    ("Table[i, {i, {a, b}}]", "{a, b}"),
    ("Table[{i, j}, {i, 2}, {j, i}]", "{{{1, 1}}, {{2, 1}, {2, 2}}}"),
    ("f := i; Table[f, {i, 3}]", "{1, 2, 3}"),
    ("i = 7; Table[i, {i, 2}]; i", "7"),
    ("Array[f, 3]", "{f[1], f[2], f[3]}"),
    ("Array[f, {2, 2}]", "{{f[1, 1], f[1, 2]}, {f[2, 1], f[2, 2]}}"),
    ("Array[f, 2, 0]", "{f[0], f[1]}"),
    ("ConstantArray[0, {2, 3}]", "{{0, 0, 0}, {0, 0, 0}}"),
    ("ConstantArray[x, 2]", "{x, x}"),
    ("ConstantArray[x, {2, 0}]", "{{}, {}}"),
])
def test_construction(wl, code, expected):
    assert wl(code) == expected


def test_table_iterator_with_bad_bounds(wl):
    assert wl.messages("Table[i, {i, x}]") == ["Table::iterb"]
    assert wl("Table[i, {i, x}]") == "Table[i, {i, x}]"


def test_numeric_results_are_packed(wl):
    for code in ("Range[10]", "Table[i + 0.5, {i, 10}]", "ConstantArray[1., {3, 4}]",
                 "Reverse[Range[5]]", "Join[Range[3], Range[2]]",
                 "Flatten[{Range[3], Range[3]}]", "Accumulate[Range[4]]"):
        assert isinstance(wl.value(code), PackedArray), code


@pytest.mark.parametrize("code, expected", [
    ("Length[{a, b}]", "2"), ("Length[x]", "0"), ("Length[<|a -> 1|>]", "1"),
    ("Length[f[a, b, c]]", "3"),
    ("Dimensions[{{1, 2, 3}, {4, 5, 6}}]", "{2, 3}"),
    ("Dimensions[{{1, 2}, {3}}]", "{2}"),
    ("Dimensions[f[f[a], f[b]]]", "{2, 1}"),
    ("Dimensions[{{1, 2}, {3, 4}}, 1]", "{2}"),
    ("Depth[{{1}, 2}]", "3"), ("Depth[x]", "1"), ("Depth[f[x]]", "2"),
    ("ArrayDepth[{{1, 2}, {3, 4}}]", "2"), ("ArrayDepth[{{1, 2}, {3}}]", "1"),
    ("Head[{1}]", "List"), ("Head[1.5]", "Real"), ("Head[f[x], g]", "g[f]"),
    ("AtomQ[x]", "True"), ("AtomQ[{x}]", "False"), ("AtomQ[<|a -> 1|>]", "True"),
    ("ListQ[{}]", "True"), ("ListQ[f[]]", "False"),
    ("VectorQ[{1, 2}]", "True"), ("VectorQ[{{1}}]", "False"),
    ("VectorQ[{1, 2}, IntegerQ]", "True"), ("VectorQ[{1, x}, NumberQ]", "False"),
    ("MatrixQ[{{1, 2}, {3, 4}}]", "True"), ("MatrixQ[{{1, 2}, {3}}]", "False"),
    ("MatrixQ[{1, 2}]", "False"),
])
def test_shape_and_tests(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("Append[{a, b}, c]", "{a, b, c}"),
    ("Prepend[{a, b}, c]", "{c, a, b}"),
    ("Append[f[a], b]", "f[a, b]"),
    ("Append[<|a -> 1|>, b -> 2]", "<|a -> 1, b -> 2|>"),
    ("Append[<|a -> 1, b -> 2|>, a -> 3]", "<|a -> 3, b -> 2|>"),
    ("x = {1}; AppendTo[x, 2]; PrependTo[x, 0]; x", "{0, 1, 2}"),
    ("Join[{a}, {b, c}, {}]", "{a, b, c}"),
    ("Join[f[a], f[b]]", "f[a, b]"),
    ("Join[<|a -> 1|>, <|a -> 2, b -> 3|>]", "<|a -> 2, b -> 3|>"),
    ("Join[{{1, 2}}, {{3, 4}}]", "{{1, 2}, {3, 4}}"),
    ("Flatten[{a, {b, {c}}}]", "{a, b, c}"),
    ("Flatten[{a, {b, {c}}}, 1]", "{a, b, {c}}"),
    ("Flatten[f[a, f[b], {c}]]", "f[a, b, {c}]"),
    ("Flatten[{{1, 2}, {3, 4}}]", "{1, 2, 3, 4}"),
    ("Partition[{a, b, c, d, e}, 2]", "{{a, b}, {c, d}}"),
    ("Partition[{a, b, c, d}, 2, 1]", "{{a, b}, {b, c}, {c, d}}"),
    ("Partition[Range[6], 3]", "{{1, 2, 3}, {4, 5, 6}}"),
    ("Partition[Range[5], 2, 1]", "{{1, 2}, {2, 3}, {3, 4}, {4, 5}}"),
    ("Transpose[{{a, b, c}, {d, e, f}}]", "{{a, d}, {b, e}, {c, f}}"),
    ("Transpose[{{1, 2}, {3, 4}}]", "{{1, 3}, {2, 4}}"),
    ("Transpose[{a, b}]", "{a, b}"),
    ("Reverse[{a, b, c}]", "{c, b, a}"),
    ("Reverse[{{1, 2}, {3, 4}}, 2]", "{{2, 1}, {4, 3}}"),
    ("Reverse[<|a -> 1, b -> 2|>]", "<|b -> 2, a -> 1|>"),
    ("Riffle[{a, b, c}, x]", "{a, x, b, x, c}"),
    ("Riffle[{a, b, c}, {x, y}]", "{a, x, b, y, c}"),
    ("Subsets[{a, b}]", "{{}, {a}, {b}, {a, b}}"),
    ("Subsets[{a, b, c}, {2}]", "{{a, b}, {a, c}, {b, c}}"),
])
def test_rearranging(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, message", [
    ("Join[{a}, f[b]]", "Join::heads"),
    ("Append[x, 1]", "Append::normal"),
    ("AppendTo[undefinedSymbol, 1]", "AppendTo::rvalue"),
    ("Transpose[{{1, 2}, {3}}]", "Transpose::nmtx"),
    ("Partition[{1, 2}, 0]", "Partition::ilsmn"),
    ("Flatten[x]", "Flatten::normal"),
])
def test_rearranging_messages(wl, code, message):
    assert wl.messages(code) == [message]


@pytest.mark.parametrize("code, expected", [
    ("Sort[{3, 1, 2}]", "{1, 2, 3}"),
    ("Sort[{b, a, 2, 1.5}]", "{1.5, 2, a, b}"),
    ("Sort[{3, 1, 2}, Greater]", "{3, 2, 1}"),
    ("Sort[{{2, 1}, {1}, {1, 2}}]", "{{1}, {1, 2}, {2, 1}}"),
    ("Sort[<|a -> 2, b -> 1|>]", "<|b -> 1, a -> 2|>"),
    ("SortBy[{{1, b}, {2, a}}, Last]", "{{2, a}, {1, b}}"),
    ("SortBy[{-3, 1, 2}, Abs]", "{1, 2, -3}"),
    ("Union[{c, a, b, a}]", "{a, b, c}"),
    ("Union[{3, 1}, {2, 1}]", "{1, 2, 3}"),
    ("Tally[{a, b, a, c, a}]", "{{a, 3}, {b, 1}, {c, 1}}"),
])
def test_ordering(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("Total[{1, 2, 3}]", "6"),
    ("Total[{a, b}]", "a + b"),
    ("Total[{{1, 2}, {3, 4}}]", "{4, 6}"),
    ("Total[{{1, 2}, {3, 4}}, 2]", "10"),
    ("Total[{{1, 2}, {3, 4}}, {2}]", "{3, 7}"),
    ("Total[{}]", "0"),
    ("Total[{2^70, 2^70}]", "2361183241434822606848"),
    ("Mean[{1, 2}]", "3/2"),
    ("Mean[{1., 2.}]", "1.5"),
    ("Mean[{{1, 2}, {3, 5}}]", "{2, 7/2}"),
    ("Mean[{a, b}]", "(a + b)/2"),
    ("Accumulate[{1, 2, 3}]", "{1, 3, 6}"),
    ("Accumulate[{a, b, c}]", "{a, a + b, a + b + c}"),
    ("{1, 2} . {3, 4}", "11"),
    ("{a, b} . {c, d}", "a*c + b*d"),
    ("{{1, 2}, {3, 4}} . {1, 1}", "{3, 7}"),
    ("{{1, 2}, {3, 4}} . {{1, 0}, {0, 1}}", "{{1, 2}, {3, 4}}"),
    ("{1, 1} . {{a, b}, {c, d}}", "{a + c, b + d}"),
    ("{1., 2.} . {3., 4.}", "11."),
    ("Outer[f, {a, b}, {c, d}]", "{{f[a, c], f[a, d]}, {f[b, c], f[b, d]}}"),
    ("Outer[Times, {1, 2}, {3, 4}]", "{{3, 4}, {6, 8}}"),
    ("Inner[f, {a, b}, {c, d}, g]", "g[f[a, c], f[b, d]]"),
])
def test_arithmetic(wl, code, expected):
    assert wl(code) == expected


def test_dot_shape_mismatch(wl):
    assert wl.messages("{1, 2} . {1, 2, 3}") == ["Dot::dotsh"]
    assert wl("{1, 2} . {1, 2, 3}") == "{1, 2} . {1, 2, 3}"


def test_million_reals_stay_packed(wl):
    s = wl.session
    data = from_python(np.linspace(0, 1, 1_000_000).reshape(100_000, 10))
    for head, extra in [(S.Total, ()), (S.Mean, ()), (S.Transpose, ()), (S.Flatten, ()),
                        (S.Reverse, ()), (S.Dimensions, ()), (S.Length, ()),
                        (S.Take, (Integer(500),)), (S.Dot, (from_python(np.ones(10)),))]:
        out = s.evaluate_expr(Expr(head, data, *extra)).value
        assert not s.evaluate_expr(Expr(head, data, *extra)).messages
        if isinstance(out, PackedArray):
            assert out._args is None, head
    assert data._args is None
    total = s.evaluate_expr(Expr(S.Total, data, Integer(2))).value
    assert total.value == pytest.approx(data.array.sum())


@pytest.mark.parametrize("code, expected", [
    ("Map[f, {a, b}]", "{f[a], f[b]}"),
    ("f /@ <|a -> 1, b -> 2|>", "<|a -> f[1], b -> f[2]|>"),
    ("Map[f, {{a}, {b}}, {2}]", "{{f[a]}, {f[b]}}"),
    ("Map[f, {{a}, b}, {-1}]", "{{f[a]}, f[b]}"),
    ("Map[f, {{a}, b}, -1]", "{f[{f[a]}], f[b]}"),
    ("Map[f][{a}]", "{f[a]}"),
    ("f /@ x", "x"),
    ("MapIndexed[f, {a, b}]", "{f[a, {1}], f[b, {2}]}"),
    ("f @@ {a, b}", "f[a, b]"),
    ("f @@ <|a -> 1, b -> 2|>", "f[1, 2]"),
    ("f @@@ {{a, b}, {c}}", "{f[a, b], f[c]}"),
    ("Apply[f, {{a}}, {2}]", "{{a}}"),
    ("Apply[Plus, {{1, 2}, {3, 4}}, {1}]", "{3, 7}"),
    ("MapThread[f, {{a, b}, {c, d}}]", "{f[a, c], f[b, d]}"),
    ("MapThread[f, {{{a}}, {{b}}}, 2]", "{{f[a, b]}}"),
    ("Thread[f[{a, b}, c]]", "{f[a, c], f[b, c]}"),
    ("Thread[{a, b} -> {1, 2}]", "{a -> 1, b -> 2}"),
    ("Fold[f, x, {a, b}]", "f[f[x, a], b]"),
    ("Fold[f, {a, b, c}]", "f[f[a, b], c]"),
    ("FoldList[Plus, 0, {1, 2, 3}]", "{0, 1, 3, 6}"),
    ("Nest[f, x, 3]", "f[f[f[x]]]"),
    ("NestList[f, x, 2]", "{x, f[x], f[f[x]]}"),
    ("NestWhile[#/2 &, 32, EvenQ]", "1"),
    ("NestWhile[# + 1 &, 1, # < 5 &, 1, 2]", "3"),
    ("FixedPoint[Floor[#/2] &, 100]", "0"),
    ("FixedPointList[Floor[#/2] &, 4]", "{4, 2, 1, 0, 0}"),
    ("Scan[Print, {1, 2}]", "Null"),
])
def test_functional(wl, code, expected):
    assert wl(code) == expected


def test_scan_prints_each_element(wl):
    out = wl.output("Scan[Print, {1, 2}]")
    assert [p.items for p in out.prints] == [(Integer(1),), (Integer(2),)]


def test_functional_messages(wl):
    assert wl.messages("Nest[f, x, -1]") == ["Nest::intnm"]
    assert wl.messages("Thread[f[{a, b}, {c}]]") == ["Thread::tdlen"]
    assert wl.messages("MapThread[f, {{a, b}, {c}}]") == ["MapThread::mptc"]
    assert wl.messages("Map[f, {a}, x]") == ["Map::level"]


@pytest.mark.parametrize("code, expected", [
    ("Select[{1, 2, 3, 4}, EvenQ]", "{2, 4}"),
    ("Select[{1, 2, 3, 4}, EvenQ, 1]", "{2}"),
    ("Select[<|a -> 1, b -> 2|>, EvenQ]", "<|b -> 2|>"),
    ("Select[EvenQ][{1, 2}]", "{2}"),
    ("Cases[{1, a, 2.5, 3}, _Integer]", "{1, 3}"),
    ("Cases[{f[1], g[2], f[3]}, f[x_] -> x]", "{1, 3}"),
    ("Cases[{{1}, {2, {3}}}, _Integer, Infinity]", "{1, 2, 3}"),
    ("Cases[{1, 2, 3}, _, 1, 2]", "{1, 2}"),
    ("DeleteCases[{1, a, 2, b}, _Integer]", "{a, b}"),
    ("DeleteCases[{1, {2, a}}, _Integer, Infinity]", "{{a}}"),
    ("Position[{a, b, a}, a]", "{{1}, {3}}"),
    ("Position[{1, {2, 1}}, 1]", "{{1}, {2, 2}}"),
    ("Position[f[a], _]", "{{0}, {1}, {}}"),
    ("Count[{a, b, a}, a]", "2"),
    ("Count[{{a}, a}, a, Infinity]", "2"),
    ("MemberQ[{1, 2}, 2]", "True"), ("MemberQ[{1, 2}, _String]", "False"),
    ("MemberQ[{{1}}, 1]", "False"),
    ("FreeQ[{1, {x}}, x]", "False"),
    ("FreeQ[{1, 2}, x]", "True"),
    ("MatchQ[f[1], f[_Integer]]", "True"), ("MatchQ[1, _String]", "False"),
])
def test_selecting(wl, code, expected):
    assert wl(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("{a, b} /. a -> 1", "{1, b}"),
    ("{a, b} /. {a -> 1, b -> 2}", "{1, 2}"),
    ("x /. {{x -> 1}, {x -> 2}}", "{1, 2}"),
    ("f[2] /. f[n_] :> n + 1", "3"),
    ("{a, b} /. <|a -> 1|>", "{1, b}"),
    ("ReplaceAll[a -> 1][{a}]", "{1}"),
    ("f[f[f[x]]] //. f[y_] :> y", "x"),
    ("{0, 1} //. {0 -> 1, 1 -> 2}", "{2, 2}"),
    ("Replace[f[a], f[x_] -> x]", "a"),
    ("Replace[{a}, a -> b]", "{a}"),
    ("Replace[{a, {a}}, a -> b, {2}]", "{a, {b}}"),
])
def test_replacing(wl, code, expected):
    assert wl(code) == expected


def test_replace_messages(wl):
    assert wl.messages("x /. 1") == ["ReplaceAll::reps"]
    assert wl("x /. 1") == "x /. 1"
    assert wl.messages("ReplaceRepeated[x, x -> x + 1, MaxIterations -> 5]") == \
        ["ReplaceRepeated::rrlim"]


def test_sequence_splices_into_results(wl):
    assert wl("Map[Sequence @@ # &, {{1, 2}, {3}}]") == "{1, 2, 3}"
