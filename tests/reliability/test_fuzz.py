"""Property tests: whatever text a user types, the session answers and stays usable.

Three generators feed ``Session.evaluate``: raw text, token soups (real Wolfram tokens in
random order, mostly syntax errors, which exercises the parser's error paths) and
grammar-generated expressions (well-formed calls of every builtin with odd arguments,
which exercises the builtins). Four more aim at the attacks of issue 11: nesting up to
10^6 levels deep, huge number literals, strings with lone surrogates, and Import, Export,
Put and Get on FIFOs and device nodes (made in a temporary folder, never the machine's).
Each case runs under the watchdog of ``conftest``: no exception, no ``General::interr``,
interrupted after a couple of seconds if it runs on, and everything it shows must format
for a terminal and encode as UTF-8. CI runs a few hundred cases per generator (and
nesting to 10^5); ``WLNET_FUZZ_EXAMPLES=100000 pytest tests/reliability/test_fuzz.py`` is
the long run (nesting to 10^6).
"""

from __future__ import annotations

import os
import stat
import tempfile
import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wlnet.expr import Symbol
from wlnet.format.inputform import input_form
from wlnet.format.outputform import output_form
from wlnet.format.session_text import render_exchange
from wlnet.kernel.builtin import BUILTINS
from wlnet.kernel.session import Session

from .conftest import evaluate_guarded, still_usable

EXAMPLES = int(os.environ.get("WLNET_FUZZ_EXAMPLES", "500"))
CASE_SECONDS = float(os.environ.get("WLNET_FUZZ_SECONDS", "1.5"))
LONG = bool(os.environ.get("WLNET_FUZZ_EXAMPLES"))
# A long run appends every case slower than SLOW_SECONDS (interrupt included) to this file,
# to be replayed alone on a quiet machine: timing under a loaded machine is no verdict.
SLOW_LOG = os.environ.get("WLNET_FUZZ_LOG")
SLOW_SECONDS = 5.0


def fuzz(share: int = 1, least: int = 1):
    """Settings for EXAMPLES // share cases (at least ``least``)."""
    return settings(max_examples=max(least, EXAMPLES // share), deadline=None,
                    derandomize=not LONG, suppress_health_check=list(HealthCheck))


FUZZ = fuzz()

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


def check(text: str, seconds: float = CASE_SECONDS) -> None:
    """One fuzz case: evaluates under the watchdog, every result formats, all the
    terminal shows encodes as UTF-8, and the session still computes 1 + 1 afterwards.
    The In/Out history is dropped after each case, so a long run's memory stays flat."""
    start = time.monotonic()
    outs = evaluate_guarded(_SESSION, text, seconds)
    elapsed = time.monotonic() - start
    if SLOW_LOG and elapsed > max(seconds, SLOW_SECONDS):
        with open(SLOW_LOG, "a", encoding="utf-8") as log:
            log.write(f"{elapsed:.1f}\t{text[:2000]!r}\n")
    for out in outs:
        if out.result is not None:
            output_form(out.result)
            input_form(out.result)
    render_exchange(outs).encode("utf-8")
    still_usable(_SESSION)
    _SESSION.inputs.clear()
    _SESSION.outputs.clear()


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


# -- the attacks of issue 11 ------------------------------------------------------------------

DEPTHS = [1, 2, 10, 100, 1000, 10_000, 16_000, 100_000] + ([1_000_000] if LONG else [])
NESTS = [("{", "}"), ("f[", "]"), ("Hold[", "]"), ("(", ")"), ("<|a -> ", "|>"), ("-", ""),
         ("!", ""), ("a^", ""), ("x = ", ""), ("{1, ", "}"), ("g[", "][1]"), ("#&[", "]"),
         ("Hold[{", "}]"), ("\"a\" <> ", "")]
AROUND = ["{}", "InputForm[{}]", "FullForm[{}]", "Hold[{}]", "Depth[Hold[{}]]",
          "h = Hold[{}]; h === h", "Sort[{{Hold[{}], 1}}]", "ToString[Hold[{}]]",
          "Hold[{}] /. 1 -> 2", "Print[Hold[{}]]", "Message[f::x, Hold[{}]]"]


def _deepest(test):
    """The deepest cases always run (CI draws few cases, and simple ones first)."""
    for case in [(("Hold[", "]"), DEPTHS[-1], "InputForm[{}]", "1"),
                 (("{", "}"), DEPTHS[-1], "{}", "x"),
                 (("f[", "]"), 16_000, "h = Hold[{}]; h === h", "1")]:
        test = example(*case)(test)
    return test


@fuzz(share=500, least=6)
@given(st.sampled_from(NESTS), st.sampled_from(DEPTHS), st.sampled_from(AROUND),
       st.sampled_from(["1", "x", "\"s\"", "{}", "1*^99999999"]))
@_deepest
def test_deep_nesting(nest, depth, around, leaf):
    opener, closer = nest
    body = opener * depth + leaf + closer * depth
    check(around.replace("{}", body), seconds=60 if LONG else 10)


def _literal(parts):
    digits, base, exponent, form = parts
    mantissa = "".join("0123456789abcdefghijklmnopqrstuvwxyz"[int(d) % base] for d in digits)
    text = (f"{base}^^" if base != 10 else "") + (mantissa or "1")
    return form.replace("{}", text + (f"*^{exponent}" if exponent is not None else ""))


LITERALS = st.tuples(
    st.one_of(st.text("0123456789", min_size=1, max_size=30),
              st.integers(1, 6).map(lambda k: "7" * 10 ** k)),
    st.sampled_from([2, 8, 10, 16, 36]),
    st.one_of(st.none(), st.integers(-10 ** 12, 10 ** 12), st.integers(-400, 400)),
    st.sampled_from(["{}", "Hold[{}]", "{} + 1", "-{}", "{}.5", "1/{}", "Mod[{}, 7]",
                     "N[{}]", "{} == {}", "ToExpression[\"{}\"]", "IntegerQ[{}]"]),
).map(_literal)


@fuzz(share=10, least=25)
@given(LITERALS)
def test_huge_literals(text):
    check(text)


SURROGATE_TEXT = st.text(st.one_of(
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), st.characters()), max_size=6)


def wl_escaped(text: str) -> str:
    """A WL string literal spelling every non-ASCII character as \\:xxxx or \\|xxxxxx."""
    out = []
    for c in text:
        code = ord(c)
        out.append(c if 32 <= code < 127 and c not in '"\\' else
                   f"\\:{code:04x}" if code <= 0xFFFF else f"\\|{code:06x}")
    return '"' + "".join(out) + '"'


@fuzz(share=10, least=50)
@given(SURROGATE_TEXT, st.sampled_from([
    "{}", "Print[{}]", "{{{}}}", "InputForm[{}]", "FullForm[{}]", "StringLength[{}]",
    "Message[f::x, {}]", "ToExpression[{}]", "{} <> {}", "StringJoin[{{{}, \"a\"}}]",
    "Characters[{}]", "ToString[{{{}}}]"]))
def test_lone_surrogates(text, around):
    check(around.replace("{}", wl_escaped(text)))


SPECIAL = tempfile.mkdtemp(prefix="wlnet-fuzz-special-")
os.mkfifo(os.path.join(SPECIAL, "fifo"))
os.mkfifo(os.path.join(SPECIAL, "fifo.csv"))
if hasattr(os, "geteuid") and os.geteuid() == 0:        # our own nodes, only as root
    os.mknod(os.path.join(SPECIAL, "zero"), stat.S_IFCHR | 0o600, os.makedev(1, 5))
    os.mknod(os.path.join(SPECIAL, "null.json"), stat.S_IFCHR | 0o600, os.makedev(1, 3))
NODES = sorted(os.listdir(SPECIAL))


@fuzz(share=100, least=10)
@given(st.sampled_from(NODES), st.sampled_from([
    'Export["{}", {{1, 2}}]', 'Export["{}", {{1}}, "CSV"]', 'Export["{}", "x", "JSON"]',
    'Put[1, "{}"]', 'PutAppend[1, "{}"]', 'Get["{}"]', 'Import["{}"]',
    'Import["{}", "CSV"]', 'Import["{}", "WL"]', 'Import["{}", "WLNet"]', '<< "{}"',
    'x >> "{}"', 'Export["{}", LinearLayer[2, "Input" -> 2], "WLNet"]']))
def test_special_files(node, code):
    path = os.path.join(SPECIAL, node).replace("\\", "/")
    kind = stat.S_IFMT(os.lstat(path).st_mode)
    check(code.replace("{}", path, 1).replace("{{", "{").replace("}}", "}"))
    assert stat.S_IFMT(os.lstat(path).st_mode) == kind


def test_fuzz_vocabulary_covers_the_builtins():
    """The grammar generator calls every builtin except the documented exclusions, so a
    new builtin is fuzzed as soon as it is registered."""
    assert set(NAMES) | NOT_FUZZED >= {b.name for b in BUILTINS.values()}
    assert Symbol("Table") in BUILTINS and "Table" in NAMES
