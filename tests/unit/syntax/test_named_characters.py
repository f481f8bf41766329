"""Named characters (letters, operators, strings), raw Unicode forms, <->, |->, spaced
Part brackets and chained spans, each against the FullForm Wolfram documents."""

import pytest

from wlnet.format.fullform import full_form
from wlnet.syntax import named
from wlnet.syntax.parser import SyntaxProblem, parse

CASES = [
    # letters: in symbol names, alone, and the letter-like constants
    (r"\[Alpha]", "α"),
    (r"\[Alpha]1 + x\[Beta]", "Plus[α1, xβ]"),
    ("α + β", "Plus[α, β]"),
    (r"\[Pi]", "Pi"),
    ("π", "Pi"),
    (r"2 \[Pi] r", "Times[2, Pi, r]"),
    (r"\[Infinity]", "Infinity"),
    (r"-\[Infinity]", "Times[-1, Infinity]"),
    (r"\[Degree]", "Degree"),
    (r"\[ExponentialE]^x", "Power[E, x]"),
    (r"\[ImaginaryI]", "I"),
    # operators that are ASCII operators, with their precedence
    (r"a \[Rule] b", "Rule[a, b]"),
    ("a → b", "Rule[a, b]"),
    (r"x \[RuleDelayed] x^2", "RuleDelayed[x, Power[x, 2]]"),
    (r"{a \[Rule] 1, b \[Rule] 2}", "List[Rule[a, 1], Rule[b, 2]]"),
    (r"2 \[Times] 3 + 1", "Plus[Times[2, 3], 1]"),
    ("a × b", "Times[a, b]"),
    (r"a \[Divide] b", "Times[a, Power[b, -1]]"),
    (r"a \[Equal] b", "Equal[a, b]"),
    (r"a \[NotEqual] b", "Unequal[a, b]"),
    ("a ≤ b ≥ c", "Inequality[a, LessEqual, b, GreaterEqual, c]"),
    (r"a \[And] b \[Or] c", "Or[And[a, b], c]"),
    (r"\[Not] a", "Not[a]"),
    (r"a \[Minus] b", "Plus[a, Times[-1, b]]"),
    (r"\[Minus] 2", "-2"),
    (r"x \[Function] x^2", "Function[x, Power[x, 2]]"),
    (r"f = x \[Function] x + 1", "Set[f, Function[x, Plus[x, 1]]]"),
    ("x |-> x + 1", "Function[x, Plus[x, 1]]"),
    (r"x\[InvisibleTimes]y", "Times[x, y]"),
    (r"a\[ThinSpace]b", "Times[a, b]"),
    # operators with their own heads
    (r"x \[Element] Reals", "Element[x, Reals]"),
    (r"a \[LongRightArrow] b", "LongRightArrow[a, b]"),
    (r"\[Sqrt]x", "Sqrt[x]"),
    (r"a \[CircleTimes] b \[CircleTimes] c", "CircleTimes[a, b, c]"),
    (r"a \[Implies] b", "Implies[a, b]"),
    (r"m\[Transpose]", "Transpose[m]"),
    (r"a \[TwoWayRule] b", "TwoWayRule[a, b]"),
    ("a <-> b", "TwoWayRule[a, b]"),
    # strings
    (r'"\[Alpha]\[Beta]"', '"αβ"'),
    (r'"a \[Rule] b"', r'"a \[Rule] b"'),          # U+F522 inside, shown by its name
    (r'"\\[Alpha]"', r'"\\[Alpha]"'),
    (r'"\[RawDoubleQuote]"', r'"\""'),
    # Part brackets with blanks or comments between them
    ("x[ [1] ]", "Part[x, 1]"),
    ("x[[1] ]", "Part[x, 1]"),
    ("a[ (* index *) [1] ]", "Part[a, 1]"),
    ("m[ [1, 2] ][ [3] ]", "Part[Part[m, 1, 2], 3]"),
    ("f[ g[1] ]", "f[g[1]]"),
    # spans: a fourth part starts a new span, multiplied with the first
    ("a;;b;;c;;d", "Times[Span[a, b, c], Span[1, d]]"),
    ("a;;b;;c", "Span[a, b, c]"),
    ("a;;b;;c;;d;;e", "Times[Span[a, b, c], Span[1, d, e]]"),
]


@pytest.mark.parametrize("src,full", CASES)
def test_parses_as_wolfram(src, full):
    assert [full_form(e) for e in parse(src)] == [full]


def test_a_named_operator_in_a_string_is_its_private_use_character():
    (value,) = parse(r'"\[Rule]"')
    assert value.value == "\uf522"


def test_unknown_name_is_sntufn():
    with pytest.raises(SyntaxProblem) as info:
        parse(r"x + \[NoSuchName]")
    assert info.value.tag == "sntufn"
    assert info.value.message == "Unknown unicode longname NoSuchName."
    assert info.value.col == 5


def test_unknown_string_escape_warns_and_keeps_the_text():
    warnings = []
    (value,) = parse(r'"a\qb"', warnings)
    assert value.value == "a\\qb"
    assert [(w.tag, w.message) for w in warnings] == [("stresc", "Unknown string escape \\q.")]


def test_known_escapes_do_not_warn():
    warnings = []
    parse(r'"a\nb\tc\"d\\e\:03b1\.41"', warnings)
    assert warnings == []


def test_table_has_names_code_points_and_kinds():
    t = named.table()
    assert len(t) > 900
    assert t["Alpha"].char == "α" and t["Alpha"].kind == "L"
    assert t["Rule"].char == "\uf522" and t["Rule"].ascii == "->"
    assert t["Element"].kind == "O" and t["Element"].precedence == 250
    assert named.name_of("\uf522") == "Rule"


def test_plain_ascii_input_never_loads_the_table():
    named.table.cache_clear()
    parse("f[x_] := x^2 + 1; {1, 2}[[1]]")
    assert named.table.cache_info().currsize == 0
