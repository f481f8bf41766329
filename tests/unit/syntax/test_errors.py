"""Syntax errors carry Wolfram's Syntax tag and a 1-based line and column; parsing never
raises anything but SyntaxProblem, whatever the input."""

import pytest
from hypothesis import given, settings, strategies as st

from wlnet.syntax.parser import SyntaxProblem, is_incomplete, parse

ERRORS = [
    ("f[x", "sntxi", 1, 2),                 # at the bracket left open
    ("a +", "sntxi", 1, 4),
    ("a :=", "sntxi", 1, 5),
    ("1 +\n\n", "sntxi", 3, 1),
    ("x = 1\n\ny = (2", "sntxi", 3, 5),
    ("(* open", "sntxi", 1, 8),
    ("f[x)", "bktmcp", 1, 4),
    ("{1, 2]", "bktmcp", 1, 6),
    ("x[[1]", "bktmcp", 1, 5),
    ("<|a -> 1}", "bktmcp", 1, 9),
    ("a)", "sntxf", 1, 2),
    ("f[x]]", "sntxf", 1, 5),
    ("x = 1\ny = )", "sntxf", 2, 5),
    (")", "sntxb", 1, 1),
    ("*a", "sntxb", 1, 1),
    ("[1]", "sntxb", 1, 1),
    ("f[*a]", "sntxb", 1, 3),
    ("{1, , -> 2}", "sntxb", 1, 7),
    ("a + * b", "sntxf", 1, 5),
    ("f[a+]", "sntxf", 1, 5),
    ("a\nb +* c", "sntxf", 2, 4),
    ("a,b", "sntxf", 1, 2),
    ("a ~f b", "sntxf", 1, 6),
    ("f /: g[f]", "sntxf", 1, 3),
    ("2^^12", "sntxf", 1, 1),
    ("?", "sntxb", 1, 1),
    ("\\", "sntxf", 1, 1),
    ("x = 1;\n  y = 2 +* 3", "sntxf", 2, 10),
    ('"abc', "sntue", 1, 1),
    ('x = 1\nprint["unfinished', "sntue", 2, 7),
]


@pytest.mark.parametrize("src,tag,line,col", ERRORS)
def test_syntax_errors(src, tag, line, col):
    with pytest.raises(SyntaxProblem) as info:
        parse(src)
    p = info.value
    assert (p.tag, p.line, p.col) == (tag, line, col)
    assert p.message


@pytest.mark.parametrize("src", [
    "f[x", "a +", "(* c", '"abc', "{1,\n2", "a :=", "x = 1;\nf[", "a ~~", "f[g[", "a\n+",
    "<|a -> ", "x //", "!", "-",
])
def test_incomplete(src):
    assert is_incomplete(src)


@pytest.mark.parametrize("src", [
    "a", "a;", "f[x]", "", "a)", "*a", "1 + 2\n", "a + b\n", "f[x]]", "(* done *)", "x++",
    "1;;", "# &",
])
def test_complete_or_wrong(src):
    assert not is_incomplete(src)


@pytest.mark.parametrize("src", [
    "f[" * 10000 + "x" + "]" * 10000,
    "(" * 10000 + "x" + ")" * 10000,
    "{" * 10000 + "}" * 10000,
    "-" * 10000 + "x",
    "x^" * 10000 + "y",
    "!" * 10000 + "a",
    "[" * 10000,
    "f[" * 10000,
    "a" + "+a" * 10000,
])
def test_deep_nesting_never_crashes(src):
    try:
        result = parse(src)
    except SyntaxProblem:
        return
    assert len(result) == 1


TOKENS = ["a", "f", "1", "1.5", "-", "+", "*", "/", "^", "[", "]", "[[", "]]", "{", "}", "(",
          ")", "<|", "|>", ",", ";", ";;", "->", ":>", "=", ":=", "==", "&", "#", "##", "_",
          "x_", "@", "@@", "/@", "//", "~", "!", "?", ":", "'", "..", "\n", " ", '"s"', '"',
          "(*", "*)", "%", "<<f", "::t", ".", "|", "&&", "||", "=.", "/.", ">>f", "/:", "\\",
          "`", "$", "2^^", "*^", "#2", "<", ">", "_.", "é", "\t", "++", "--", "^:="]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map("".join))
def test_token_soup_raises_only_syntax_problem(src):
    try:
        result = parse(src)
    except SyntaxProblem as p:
        assert p.line >= 1 and p.col >= 1
    else:
        assert isinstance(result, list)
    assert is_incomplete(src) in (True, False)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_any_text_raises_only_syntax_problem(src):
    try:
        parse(src)
    except SyntaxProblem:
        pass
