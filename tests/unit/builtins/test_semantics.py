"""Semantics where wlnet used to differ from Wolfram (issue 12), each with the result
Wolfram's documentation gives."""

import pytest


@pytest.mark.parametrize("code, expected", [
    # Nothing is removed from lists (and only from lists)
    ("{1, Nothing, 2, Nothing}", "{1, 2}"),
    ("{Nothing}", "{}"),
    ("f[1, Nothing]", "f[1, Nothing]"),
    ("Table[If[EvenQ[i], Nothing, i], {i, 5}]", "{1, 3, 5}"),
    # updating parts of values
    ('a = <|"x" -> 1|>; a["x"] += 1; a', '<|"x" -> 2|>'),
    ('a = <|"x" -> 1|>; a["y"] = 5; a', '<|"x" -> 1, "y" -> 5|>'),
    ("x = {{1}, {2}}; AppendTo[x[[1]], 5]; x", "{{1, 5}, {2}}"),
    ("x = {1, 2, 3}; x[[2]] += 10; x", "{1, 12, 3}"),
    ("x = {1, 2}; x[[1]]++; x", "{2, 2}"),
    ("x = {{1}}; PrependTo[x[[1]], 0]", "{0, 1}"),
    # Range with symbolic bounds
    ("Range[x, x + 4]", "{x, 1 + x, 2 + x, 3 + x, 4 + x}"),
    ("Range[a, a + 1, 1/2]", "{a, 1/2 + a, 1 + a}"),
    # spans as sequence specifications
    ("Take[{1, 2, 3, 4, 5}, 2 ;; 4]", "{2, 3, 4}"),
    ("Take[{1, 2, 3, 4, 5}, ;; ;; 2]", "{1, 3, 5}"),
    ("Drop[{1, 2, 3, 4, 5}, 2 ;; 4]", "{1, 5}"),
    ('StringTake["abcdefg", 2 ;; 4]', '"bcd"'),
    ('StringTake["abcdefg", -3 ;;]', '"efg"'),
    ('StringDrop["abcdefg", 2 ;; 4]', '"aefg"'),
    # Total with a level list
    ("Total[{{1, 2}, {3, 4}}, {2}]", "{3, 7}"),
    ("Total[{{1, 2}, {3, 4}}, 2]", "10"),
    ("Total[{{1, 2}, {3, 4}}, {-1}]", "{3, 7}"),
    ("Total[{{1, 2, 3}, {4, 5}, {6}}, {-1}]", "{6, 9, 6}"),
    ("Total[Array[a, {2, 2, 2}], {2, 3}]",
     "{a[1, 1, 1] + a[1, 1, 2] + a[1, 2, 1] + a[1, 2, 2], "
     "a[2, 1, 1] + a[2, 1, 2] + a[2, 2, 1] + a[2, 2, 2]}"),
    ("Total[RandomReal[1, {3, 4, 5}], {2, 3}] // Dimensions", "{3}"),
    ("Total[RandomReal[1, {3, 4, 5}], {-1}] // Dimensions", "{3, 4}"),
    ("Total[{1., 2.}, Method -> \"CompensatedSummation\"]", "3."),
    ("Total[f[1, 2], AllowedHeads -> List]", "f[1, 2]"),
    # With with several lists of initialisers, each seeing the ones before
    ("With[{x = 1}, {y = x + 1}, {x, y}]", "{1, 2}"),
    ("With[{x = 2}, {y = x^2}, {z = y + x}, z]", "6"),
    # ordering functions (Sort, SortBy, KeySort)
    ("Sort[{4, 1, 3, 2}, Greater]", "{4, 3, 2, 1}"),
    ("Sort[{4, 1, 3, 2}, #1 > #2 &]", "{4, 3, 2, 1}"),
    ("Sort[{{1, a}, {1, b}, {0, c}}, #1[[1]] >= #2[[1]] &]", "{{1, a}, {1, b}, {0, c}}"),
    ('Sort[{"b", "a", "c"}, Greater]', '{"b", "a", "c"}'),     # unevaluated: in order
    ("Sort[{3, 1, 2}, Order]", "{1, 2, 3}"),
    ("SortBy[{3, 1, 2}, Identity, Greater]", "{3, 2, 1}"),
    ("SortBy[{{1, b}, {2, a}}, Last]", "{{2, a}, {1, b}}"),
    ('KeySort[<|"b" -> 1, "a" -> 2, "c" -> 3|>]', '<|"a" -> 2, "b" -> 1, "c" -> 3|>'),
    ("KeySort[<|1 -> a, 3 -> b, 2 -> c|>, Greater]", "<|3 -> b, 2 -> c, 1 -> a|>"),
    # Depth: an expression without elements counts one level
    ("Depth[{}]", "2"), ("Depth[{{}}]", "3"), ("Depth[<||>]", "2"), ("Depth[a]", "1"),
    ("Depth[{{1, 2}, {3}}]", "3"),
    ("NumericQ[Pi I]", "True"), ("NumericQ[I]", "True"), ("NumericQ[x I]", "False"),
])
def test_semantics(wl, code, expected):
    assert wl(code) == expected


def test_return_ends_the_function_it_is_in(wl):
    wl("f[x_] := (Table[If[i == x, Return[\"found\"]], {i, 3}]; \"none\")")
    assert wl("{f[2], f[5]}") == '{"found", "none"}'
    wl("g[] := Module[{t}, t = Table[If[i == 2, Return[-i], i], {i, 3}]; t + 1]")
    assert wl("g[]") == "-2"
    # Return inside Do leaves only the loop (Wolfram's documented possible issue)
    wl("h[n_] := (Do[If[i == n, Return[i]], {i, 5}]; 0)")
    assert wl("h[2]") == "0"


def test_message_list_holds_the_messages_of_the_line(wl):
    assert wl("1/0; $MessageList") == "{HoldForm[Power::infy]}"
    assert wl("$MessageList") == "{}"
    assert wl("Quiet[1/0]; $MessageList") == "{}"


def test_n_with_digits_says_it_gives_machine_precision(wl):
    out = wl.output("N[Pi, 30]")
    assert [m.name for m in out.messages] == ["N::wlnetprec"]
    assert wl("N[Pi, 30]") == "3.141592653589793"
    assert wl.messages("N[Pi]") == []
    assert wl.messages("N[Pi, MachinePrecision]") == []


def test_compensated_summation(wl):
    assert wl("x = ConstantArray[.1, 10^6]; Total[x, Method -> \"CompensatedSummation\"] - "
              "10^5") == "0."
    assert wl.messages("Total[{1, 2}, Method -> foo]") == ["Total::meth"]


def test_wrong_update_targets_say_so(wl):
    assert wl.messages("undefinedThing[[1]] += 1") == ["AddTo::rvalue"]
    assert wl.messages("AppendTo[noValue, 1]") == ["AppendTo::rvalue"]


@pytest.mark.parametrize("code, count", [
    # a value found final is not evaluated again when a builtin or rule gives it back
    ("x = Sin[1, 2]", 1),
    ("x = {1, 2}[[5]]", 1),
    ("Identity[Sin[1, 2]]", 1),
    ("Last[{Sin[1, 2]}]", 1),
    ("g[y_] := y; g[Sin[1, 2]]", 1),
    ("{a, b} = {Sin[1, 2], 1}", 1),
    ("Table[Sin[1, 2], 1]", 1),
    # a stored value is used as it is while nothing in it changed
    ("x = Sin[1, 2]; {x, x}", 1),
    ("x = {1, 2}[[5]]; y = x; x", 1),
    # ... but held code is evaluated each time it runs
    ("Table[Sin[1, 2], 2]", 2),
    ("h[] := Sin[1, 2]; h[]; h[]", 2),
    ("{h2[], h2[]} /. h2[] -> Sin[1, 2]", 1),
])
def test_a_message_is_issued_once_per_evaluation(wl, code, count):
    names = wl.messages(code)
    assert len(names) == count and set(names) <= {"Sin::argx", "Part::partw"}, names


@pytest.mark.parametrize("code, expected", [
    # ... and a change to a definition it mentions makes it evaluate again
    ("x = 1; y = x + 1; x = 5; y", "2"),
    ("f[z_] := g[z]; a = f[1]; g[1] = 7; a", "7"),
    ("i = 7; Table[k[i], {i, 3}]; k[i]", "k[7]"),
    ("v = {u}; u = 3; v", "{3}"),
    ("Block[{w = 1}, m[w]]", "m[1]"),
    ("z = {w}; w := 2; z", "{2}"),
    ("SetAttributes[hh, HoldAll]; r = hh[1 + 1]; ClearAll[hh]; r", "hh[2]"),
    ("Module[{t}, t = 5; k = {t}]; k", "{5}"),
    # ... and only what is in it counts: Wolfram's own example (MathGroup, 2005)
    ("flag = False; foo[x_] := x^2 /; flag; ss = foo[x]; flag = True; {ss, foo[x]}",
     "{foo[x], x^2}"),
])
def test_values_follow_the_definitions_they_mention(wl, code, expected):
    assert wl(code) == expected
