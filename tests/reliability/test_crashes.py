"""Crashes of issue 11: what used to kill the session now answers.

Deep expressions print (parts below ``skeleton.PRINT_DEPTH`` levels as ``<<1>>``),
compare, hash and sort on any thread without overflowing the C stack; lone surrogates
print as ``\\:d800`` instead of ending the CLI; a message never formats an unbounded
argument; and the inputs that gave ``General::interr`` give Wolfram's answers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from wlnet.expr import Expr, Integer, S
from wlnet.format.fullform import full_form
from wlnet.format.inputform import exact_input_form, input_form
from wlnet.format.outputform import output_form
from wlnet.format.session_text import render_exchange
from wlnet.format.skeleton import PRINT_DEPTH, TooDeep
from wlnet.kernel.ordering import sort_key  # noqa: F401  (imported: walks must not crash)

REPO = Path(__file__).resolve().parents[2]


def wlnet(*args, stdin=None, timeout=120):
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "wlnet", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=timeout)


def nest(head, n, leaf=Integer(1)):
    e = leaf
    for _ in range(n):
        e = Expr(head, e)
    return e


# -- depth -----------------------------------------------------------------------------------

def test_cli_prints_nest_hold_16000_without_a_segfault():
    run = wlnet("-c", "Nest[Hold, 1, 16000]")
    assert run.returncode == 0, run.stderr[-500:]
    assert run.stdout.startswith("Hold[Hold[") and "<<1>>" in run.stdout
    assert run.stdout.count("Hold[") == PRINT_DEPTH and "Traceback" not in run.stderr


def test_deep_session_values_print_compare_and_stay_usable(guarded):
    guarded.run("h = Nest[Hold, 1, 20000]; g = Nest[Hold, 1, 20000];", seconds=30)
    out = guarded.run("InputForm[h]")
    assert input_form(out.result).count("Hold[") == PRINT_DEPTH
    assert guarded.text("{h === g, h === Nest[Hold, 2, 20000], Length[Union[{h, g}]]}",
                        seconds=30) == "{True, False, 1}"
    text = render_exchange(guarded.session.evaluate("h"))
    assert "<<1>>" in text and "Out[" in text


@pytest.fixture(scope="module")
def million():
    return nest(S.f, 10 ** 6)


@pytest.mark.parametrize("printer", [input_form, output_form, full_form])
def test_a_million_levels_print_on_the_main_thread(million, printer):
    text = printer(million)
    assert text.count("f[") == PRINT_DEPTH and ("<<1>>" in text or "Skeleton[1]" in text)


def test_deep_values_compare_and_hash_on_a_small_stack():
    """Equality and hashing switch to loops past a hundred levels, so even a thread with
    a small C stack survives them."""
    a, b, c = (nest(S.f, 100_000, Integer(leaf)) for leaf in (1, 1, 2))
    results = {}

    def run():
        results["eq"] = (a == b, a == c)
        results["hash"] = hash(a) == hash(b)
        results["set"] = len({a, b, c})
    old = threading.stack_size(1024 * 1024)
    try:
        worker = threading.Thread(target=run)
        worker.start()
    finally:
        threading.stack_size(old)
    worker.join(120)
    assert results == {"eq": (True, False), "hash": True, "set": 2}


def test_files_never_get_a_cut_expression():
    with pytest.raises(TooDeep):
        exact_input_form(nest(S.Hold, PRINT_DEPTH + 1))
    assert exact_input_form(nest(S.Hold, 100)).count("Hold[") == 100


def test_deep_literals_evaluate_to_a_message(guarded):
    for text in ("{" * 100_000 + "}" * 100_000, "f[" * 100_000 + "]" * 100_000):
        outs = guarded.session.evaluate(text)
        assert [m.name for o in outs for m in o.messages] == ["$RecursionLimit::reclim2"]
        assert len(render_exchange(outs)) < 2000        # the message shows a skeleton


def test_held_hundred_thousand_levels_print(guarded):
    out = guarded.run("Hold[" * 100_000 + "1" + "]" * 100_000, seconds=30)
    assert input_form(out.result).count("Hold[") == PRINT_DEPTH


# -- surrogates --------------------------------------------------------------------------------

@pytest.mark.parametrize("code, shown", [
    ('"\\:d800"', "\\:d800"),
    ('Print["\\:dfff"]', "\\:dfff"),
    ('{"a\\:d800b"}', '{a\\:d800b}'),             # script form: strings unquoted
])
def test_lone_surrogates_print_as_escapes(code, shown):
    run = wlnet("-c", code)
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert run.stdout.splitlines()[0] == shown


def test_lone_surrogates_export_and_put_as_escapes(guarded, tmp_path):
    folder = str(tmp_path).replace("\\", "/")
    guarded.run(f'Put["a\\:d800", "{folder}/p.wl"]')
    assert (tmp_path / "p.wl").read_bytes() == b'"a\\:d800"\n'
    assert guarded.text(f'Get["{folder}/p.wl"] === "a\\:d800"') == "True"
    for ext in ("json", "wl", "csv"):
        out = guarded.run(f'Export["{folder}/s.{ext}", {{{{"x\\:dfff"}}}}]')
        assert out.messages == [], ext
        (tmp_path / f"s.{ext}").read_bytes().decode("utf-8")          # valid UTF-8
    assert guarded.text(f'Import["{folder}/s.json"] === {{{{"x\\:dfff"}}}}') == "True"


# -- messages ----------------------------------------------------------------------------------

def test_a_refused_four_gigabyte_string_gives_a_short_message(guarded):
    outs = guarded.session.evaluate('s = StringJoin[Table["abcd", {10^6}]]; '
                                    "StringJoin[Table[s, {10^3}]];")
    assert [m.name for o in outs for m in o.messages] == ["General::mem"]
    assert len(render_exchange(outs)) < 10_000


def test_messages_cut_long_arguments(guarded):
    outs = guarded.session.evaluate("Message[f::x, Range[10^5]]")
    text = render_exchange(outs)
    assert "<<" in text and len(text) < 5000


# -- what gave General::interr ----------------------------------------------------------------

@pytest.mark.parametrize("code, result, names", [
    ("Keys[<|1|>]", "Keys[Association[1]]", ["Association::invrl", "Keys::invrl"]),
    ("KeySort[Association[1, 2]]", "KeySort[Association[1, 2]]", ["Association::invrl"]),
    ("<|1|>[\"a\"]", "Association[1][\"a\"]", ["Association::invrl"]),
    ("NetGraph[Association[1, 2]]", "$Failed", ["Association::invrl", "NetGraph::invarg"]),
    ("1/2^-10740 === 2^10740", "True", []),
    ('NetChain[{ElementwiseLayer[Tanh[#]/0 &]}, "Input" -> 1][{1.}]', None,
     ["Power::infy", "ElementwiseLayer::invscf", "NetChain::invarg"]),
])
def test_former_internal_errors(guarded, code, result, names):
    assert guarded.names(code) == names
    if result is not None:
        assert guarded.text(code) == result
