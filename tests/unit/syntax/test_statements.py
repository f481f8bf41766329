"""Statement splitting: a newline ends a statement only at bracket depth 0 and after a
complete expression, as in Wolfram .wl files and the terminal."""

import pytest

from wlnet.format.fullform import full_form
from wlnet.syntax.parser import parse

CASES = [
    ("a\nb", ["a", "b"]),
    ("a +\nb", ["Plus[a, b]"]),
    ("f[x,\n y]", ["f[x, y]"]),
    ("{1,\n2}", ["List[1, 2]"]),
    ("(a\n+ b)", ["Plus[a, b]"]),
    ("a;\nb", ["CompoundExpression[a, Null]", "b"]),
    ("a\n\n\nb", ["a", "b"]),
    ("\n\na\n\n", ["a"]),
    ("x = 1\ny = x + 1\n", ["Set[x, 1]", "Set[y, Plus[x, 1]]"]),
    ("a (* comment\n spanning *) + b", ["Plus[a, b]"]),
    ("a (* trailing *)\nb", ["a", "b"]),
    ("f[x_] :=\n  x^2", ["SetDelayed[f[Pattern[x, Blank[]]], Power[x, 2]]"]),
    ("a\n-b", ["a", "Times[-1, b]"]),
    ("a // f\nb", ["f[a]", "b"]),
    ("a ->\n b", ["Rule[a, b]"]),
    ("<|a -> 1,\n b -> 2|>", ["Association[Rule[a, 1], Rule[b, 2]]"]),
    ("1;;\n2", ["Span[1, All]", "2"]),
    ("a \\\nb", ["Times[a, b]"]),
    ("a\r\nb", ["a", "b"]),
    ("x++\ny", ["Increment[x]", "y"]),
    ("f[\n\n]", ["f[]"]),
    ("a; b\nc", ["CompoundExpression[a, b]", "c"]),
    ("?Plus\n1 + 1", ['Information["Plus", Rule[LongForm, False]]', "Plus[1, 1]"]),
    ("f[x]\n[[1]]", None),       # a statement cannot begin with [[
    ("", []),
    ("   ", []),
    ("(* only a comment *)", []),
    ("\n", []),
]


@pytest.mark.parametrize("src,expected", [c for c in CASES if c[1] is not None])
def test_statements(src, expected):
    assert [full_form(e) for e in parse(src)] == expected


def test_many_statements():
    src = "\n".join(f"x{i} = {i}" for i in range(500))
    exprs = parse(src)
    assert len(exprs) == 500
    assert full_form(exprs[-1]) == "Set[x499, 499]"
