"""Property tests: whatever text a user types, the session answers and stays usable.

Three generators feed ``Session.evaluate``: raw text, token soups (real Wolfram tokens in
random order, mostly syntax errors, which exercises the parser's error paths) and
grammar-generated expressions (well-formed calls of every builtin with odd arguments,
which exercises the builtins). Each case runs under the watchdog of ``conftest``: no
exception, no ``General::interr``, interrupted after a couple of seconds if it runs on,
and the result must format for a terminal. CI runs a few hundred cases per generator;
``WLNET_FUZZ_EXAMPLES=100000 pytest tests/reliability/test_fuzz.py`` is the long run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wlnet.expr import Symbol
from wlnet.format.inputform import input_form
from wlnet.format.outputform import output_form
from wlnet.kernel.builtin import BUILTINS
from wlnet.kernel.session import Session

from .conftest import evaluate_guarded, still_usable

EXAMPLES = int(os.environ.get("WLNET_FUZZ_EXAMPLES", "500"))
CASE_SECONDS = float(os.environ.get("WLNET_FUZZ_SECONDS", "1.5"))

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get(
    "WLNET_FUZZ_EXAMPLES"), suppress_health_check=list(HealthCheck))

Session()   # registers the builtins, so BUILTINS is complete below

# Builtins the fuzzer must not call: they touch files (a fuzzer writing random paths is
# a hazard, and test_io covers them) or only wait (Pause costs time and proves nothing).
NOT_FUZZED = {"Get", "Put", "PutAppend", "Export", "Import", "Pause"}
NAMES = sorted(b.name for b in BUILTINS.values() if b.name not in NOT_FUZZED)

TOKENS = [
    "x", "y", "f", "g", "a$", "$Line", "%", "%%", "Out", "1", "0", "-1", "2", "3.5", "0.",
    "1.*^300", "10^100", "2^64", "1/0", "0/0", "\"s\"", "\"\"", "\"\\\"\"", "\"__import__\"",
    "Infinity", "ComplexInfinity", "Indeterminate", "I", "Pi", "Null", "True", "All", "#",
    "#1", "#0", "##", "#name", "_", "__", "___", "x_", "x__", "x_Integer", "x_.", "x:_",
    "+", "-", "*", "/", "^", ".", "=", ":=", "^=", "^:=", "->", ":>", "/.", "//.", "@",
    "@@", "@@@", "/@", "//", "&", ";", ";;", ",", "==", "===", "!=", "=!=", "<", ">",
    "<=", ">=", "&&", "||", "!", "'", "?", "~", "<>", "/;", "|", "..", "...", "::", "++",
    "--", "+=", "-=", "*=", "/=", "=.", "~~", "[", "]", "[[", "]]", "{", "}", "(", ")",
    "<|", "|>", "(*", "*)", "\n", " ", "\\", "`", "$", "@*", "/*",
] + NAMES

SPECIAL_ATOMS = [
    "0", "1", "2", "-1", "10", "10^100", "2^64", "-2^63", "1.5", "0.", "-0.5", "1.*^300",
    "1.*^-300", "1.*^308", "-1.*^308", "10^400", "-10^400", "10^20", "1/3", "Infinity", "-Infinity", "ComplexInfinity", "Indeterminate", "I",
    "Pi", "E", "Null", "True", "False", "All", "None", "Automatic", "x", "y", "f", "g",
    "#", "#1", "##", "#2", "_", "x_", "x__", "x_Integer", "%", "$Line", "$RecursionLimit",
    "$IterationLimit", "{}", "<||>", "\"\"", "\"a b\"", "\"__import__\"",
    "Range[3]", "{{1., 0.5}, {0., 1.}}", "<|\"a\" -> 1|>", "LinearLayer[2]",
    "NetChain[{2, Ramp, 1}, \"Input\" -> 2]",
]
BINARY = ["+", "-", "*", "/", "^", ".", "==", "===", "!=", "<", "<=", "&&", "||", "->",
          ":>", "/.", "//.", "@", "@@", "/@", "//", "<>", ";", "=", ":=", "/;", "|", ";;"]
PREFIX = ["-", "!", "++", "--"]


def wl_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wl_real(x: float) -> str:
    text = repr(x)
    return text.replace("e", "*^") if "e" in text else text


ATOMS = st.one_of(
    st.integers(-1000, 1000).map(str),
    st.sampled_from(SPECIAL_ATOMS),
    st.floats(allow_nan=False, allow_infinity=False).map(wl_real),
    st.text(max_size=6).map(wl_string),
    st.sampled_from(NAMES),
)


def _extend(inner):
    args = st.lists(inner, max_size=4).map(", ".join)
    return st.one_of(
        st.tuples(st.sampled_from(NAMES), args).map(lambda t: f"{t[0]}[{t[1]}]"),
        st.tuples(inner, args).map(lambda t: f"({t[0]})[{t[1]}]"),
        args.map(lambda a: "{" + a + "}"),
        st.lists(inner, min_size=1, max_size=3).map(lambda b: "{i, " + ", ".join(b) + "}"),
        st.tuples(inner, st.sampled_from(BINARY), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(PREFIX), inner).map(lambda t: f"{t[0]}({t[1]})"),
        inner.map(lambda b: f"({b}) &"),
        st.tuples(inner, inner).map(lambda t: f"({t[0]})[[{t[1]}]]"),
        st.lists(st.tuples(inner, inner), max_size=3).map(
            lambda kv: "<|" + ", ".join(f"{k} -> {v}" for k, v in kv) + "|>"),
    )


EXPRESSIONS = st.recursive(ATOMS, _extend, max_leaves=16)
PROGRAMS = st.lists(EXPRESSIONS, min_size=1, max_size=3).map("; ".join)
SOUPS = st.lists(st.sampled_from(TOKENS), max_size=24).map(" ".join)

_SESSION = Session(seed=7)
_SESSION.evaluate("0")   # starts the evaluation thread before hypothesis watches the stack


def check(text: str) -> None:
    """One fuzz case: evaluates under the watchdog, every result formats, and the
    session still computes 1 + 1 afterwards."""
    for out in evaluate_guarded(_SESSION, text, CASE_SECONDS):
        if out.result is not None:
            output_form(out.result)
            input_form(out.result)
    still_usable(_SESSION)


@FUZZ
@given(st.text(max_size=40))
def test_raw_text(text):
    check(text)


@FUZZ
@given(SOUPS)
def test_token_soup(text):
    check(text)


@FUZZ
@given(PROGRAMS)
def test_grammar_expressions(text):
    check(text)


def test_fuzz_vocabulary_covers_the_builtins():
    """The grammar generator calls every builtin except the documented exclusions, so a
    new builtin is fuzzed as soon as it is registered."""
    assert set(NAMES) | NOT_FUZZED >= {b.name for b in BUILTINS.values()}
    assert Symbol("Table") in BUILTINS and "Table" in NAMES
