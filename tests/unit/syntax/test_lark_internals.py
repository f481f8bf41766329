"""The parser runs Lark's LALR table with its own loop (wlnet/syntax/parser.py, ``_LALR``)
because Lark's generic loop costs more than the rest of a parse. That loop reads Lark
internals, so pyproject.toml pins the Lark versions it was tested with; this test says
exactly which internal moved if another Lark is installed."""

import re
from pathlib import Path

import lark
import pytest
from lark import Lark

from wlnet.expr import Expr, S
from wlnet.syntax import parser, to_expr

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def _tested_range() -> str:
    return re.search(r'"lark([^"]*)"', PYPROJECT.read_text()).group(1)


def _incompatible(what: str) -> str:
    return (f"Lark {lark.__version__} is incompatible with wlnet's parser: {what}. "
            f"wlnet/syntax/parser.py (_LALR) reads Lark's LALR table directly; it is tested "
            f"with lark{_tested_range()} (pyproject.toml). Adapt _LALR to this Lark or "
            f"install a tested version.")


@pytest.fixture(scope="module")
def built():
    return Lark(parser._grammar_path().read_text(), parser="lalr", lexer=parser._PassThrough,
                transformer=to_expr.ExprBuilder(), cache=False)


def test_the_lalr_parser_object_is_where_the_parser_looks(built):
    inner = built
    for step in ("parser", "parser", "parser"):
        assert hasattr(inner, step), _incompatible(
            "Lark(...).parser.parser.parser (the LALR parser object) no longer exists")
        inner = getattr(inner, step)
    for name in ("parse_table", "callbacks"):
        assert hasattr(inner, name), _incompatible(f"the LALR parser has no .{name}")


def test_the_parse_table_has_the_shape_the_parser_reads(built):
    inner = built.parser.parser.parser
    table, callbacks = inner.parse_table, inner.callbacks
    for name in ("states", "start_states", "end_states"):
        assert isinstance(getattr(table, name, None), dict), _incompatible(
            f"parse_table.{name} is not a dict")
    assert table.start_states.get("start") in table.states, _incompatible(
        "parse_table.start_states['start'] is not a state")
    assert table.end_states.get("start") in table.states, _incompatible(
        "parse_table.end_states['start'] is not a state")
    kinds = set()
    for acts in table.states.values():
        assert isinstance(acts, dict), _incompatible("a state's actions are not a dict")
        for action, arg in acts.values():
            kinds.add(action.name)
            if action.name == "Shift":
                assert arg in table.states, _incompatible("a Shift's argument is not a state")
            else:
                assert action.name == "Reduce", _incompatible(
                    f"unknown LALR action {action.name!r} (expected Shift or Reduce)")
                assert hasattr(arg, "expansion") and isinstance(arg.origin.name, str), \
                    _incompatible("a Reduce's rule has no .expansion or .origin.name")
                assert callable(callbacks.get(arg)), _incompatible(
                    "callbacks is not keyed by the Reduce's rule")
    assert kinds == {"Shift", "Reduce"}, _incompatible(f"LALR actions are {sorted(kinds)}")


def test_the_parser_runs_on_this_lark():
    try:
        result = parser.parse("a -> b + c")
    except parser.SyntaxProblem as problem:
        pytest.fail(_incompatible(f"a plain parse fails ({problem})"))
    assert result == [Expr(S.Rule, S.a, Expr(S.Plus, S.b, S.c))], _incompatible(
        "a plain parse gives the wrong expression")
