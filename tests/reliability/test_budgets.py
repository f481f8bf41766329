"""Work that used to ignore Ctrl-C or the memory budget (issue 11), and messages that
used to leak Python.

Each case runs under the watchdog of ``conftest``; "stops promptly" means the evaluation
came back within a couple of seconds of ``session.interrupt()`` (what Ctrl-C does).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from wlnet.format.inputform import input_form
from wlnet.format.session_text import render_exchange
from wlnet.kernel.session import Session

REPO = Path(__file__).resolve().parents[2]


def interrupted_after(session: Session, text: str, delay: float) -> tuple[list, float]:
    """(outputs, seconds from the interrupt to the answer) for text interrupted at delay."""
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("outs", session.evaluate(text)))
    worker.start()
    time.sleep(delay)
    sent = time.monotonic()
    while worker.is_alive() and time.monotonic() - sent < 30:
        session.interrupt()
        worker.join(0.05)
    assert not worker.is_alive(), text[:60]
    return box["outs"], time.monotonic() - sent


# -- number literals ------------------------------------------------------------------------

@pytest.mark.parametrize("literal, bits", [("1*^9999999999", "33,219,280,945"),
                                           ("16^^FFFFFFFFFFFFFFFF*^99999999", "399,999,996")])
def test_huge_literals_meet_the_limit_of_arithmetic(guarded, literal, bits):
    out, took = guarded.timed(literal)
    assert [m.name for m in out.messages] == ["General::mem"] and took < 5
    assert bits in out.messages[0].args[1].value


def test_a_held_huge_literal_stays_arithmetic(guarded):
    assert guarded.text("Hold[1*^9999999999]") == "Hold[10^9999999999]"
    assert guarded.text("1*^5000 === 10^5000 && 2*^-3 === 1/500") == "True"


def test_a_line_of_four_million_digits(guarded):
    outs = guarded.session.evaluate("7" * 4_000_000)
    assert [m.name for o in outs for m in o.messages] == ["General::mem"]


def test_a_ten_megabyte_line_stops_promptly():
    outs, took = interrupted_after(Session(), "1+" * 5_000_000 + "1", 1.0)
    assert outs[-1].result.name == "$Aborted" and took < 2


def test_parsing_within_the_memory_budget(monkeypatch):
    from wlnet.kernel import session as session_module
    monkeypatch.setattr(session_module, "MAX_BYTES", 100 * 1024 * 1024)
    outs = Session().evaluate("{" + "1, x, " * 400_000 + "1}")
    assert [m.name for o in outs for m in o.messages] == ["General::mem"]


# -- big integers ---------------------------------------------------------------------------

def test_big_integer_loops_stop_promptly():
    outs, took = interrupted_after(
        Session(), "x = 10^1000000; Do[x = Mod[x*3 + 1, 10^1000000], {10^6}]", 1.0)
    assert outs[-1].result.name == "$Aborted" and took < 3


@pytest.mark.parametrize("code, said", [
    ("2^(10^7+1)", "10,000,001 bits; the limit is 10,000,000"),
    ("Mod[2^10^7, 3^(10^6)]", "a division of exact numbers"),
    ("(10^1000000 + 1)/(10^999999 + 7) + 1/3", "a fraction"),
    ("x = 10^3000000; x*x*x*x", "an exact number"),
    ("Table[0, {10^10}]", "640,000,000,000 bytes; the limit is 2,147,483,648"),
])
def test_general_mem_states_the_limit_that_was_met(guarded, code, said):
    out, took = guarded.timed(code, seconds=10)
    mem = [m for m in out.messages if m.name == "General::mem"]
    assert mem and said in mem[0].args[1].value and took < 10


# -- limits of the language -----------------------------------------------------------------

def test_recursion_limit_settings(guarded):
    assert guarded.names("$RecursionLimit = 3") == ["$RecursionLimit::limset"]
    assert guarded.names('$RecursionLimit = "a"') == ["$RecursionLimit::limset"]
    assert guarded.text("$RecursionLimit") == "1024"
    out = guarded.run("$RecursionLimit = 50; g[0] = 0; g[n_] := 1 + g[n - 1]; g[100]")
    assert [m.name for m in out.messages] == ["$RecursionLimit::reclim2"]
    assert out.messages[0].args[0].value == 50
    assert guarded.text("Block[{$RecursionLimit = 200}, g[100]]") == "100"
    assert guarded.text("$RecursionLimit = Infinity; $RecursionLimit") == "Infinity"


# -- nets -----------------------------------------------------------------------------------

def test_a_nest_of_a_billion_is_refused_at_once(guarded):
    out, took = guarded.timed('n = NetInitialize[NetNestOperator[LinearLayer[2, '
                              '"Input" -> 2], 10^9]]; n[{1., 2.}]')
    assert [m.name for m in out.messages] == ["General::mem"] and took < 5


def test_a_big_nest_stops_promptly():
    session = Session()
    session.evaluate('n = NetInitialize[NetNestOperator[LinearLayer[2, "Input" -> 2], '
                     '300000]];')
    outs, took = interrupted_after(session, "n[{1., 2.}]", 0.5)
    assert outs[-1].result.name == "$Aborted" and took < 2


def test_a_million_class_labels_take_no_unstoppable_second(guarded):
    """Checking and converting the labels of a class coder works on the packed list
    at once (it took a second of work no interrupt could stop, per label in Python)."""
    out, took = guarded.timed('d = NetDecoder[{"Class", Range[10^6]}]; '
                              'e = NetEncoder[{"Class", Range[10^6]}]; {Head[d], e[{3, 10^6}]}')
    assert input_form(out.result) == "{NetDecoder, {3, 1000000}}" and took < 1.5


def test_replacing_the_arrays_of_a_long_chain_infers_its_shapes_once(guarded):
    """NetInitialize and NetTrain replace every array of a net: a graph of n nodes
    inferred its shapes once per node (n^2 work, seconds for 300 layers, unstoppable)."""
    guarded.run('c = NetChain[Flatten@Table[{LinearLayer[4], Tanh}, 300], "Input" -> 4];')
    out, took = guarded.timed("Dimensions[NetInitialize[c][{1., 2., 3., 4.}]]")
    assert input_form(out.result) == "{4}" and took < 1.5


def test_a_huge_batch_is_refused_before_training(guarded):
    out, took = guarded.timed('NetTrain[NetChain[{LinearLayer[1]}, "Input" -> 1], '
                              '{{1.} -> {1.}, {2.} -> {2.}}, BatchSize -> 10^8]')
    assert [m.name for m in out.messages] == ["General::mem"] and took < 5


def test_netTrain_names_a_non_number_in_the_data(guarded):
    assert guarded.names('NetTrain[NetChain[{LinearLayer[1]}, "Input" -> 1], '
                         '{{1.} -> {Indeterminate}, {2.} -> {1.}}]') == ["NetTrain::notnum"]


def test_adam_diverging_is_warned_like_sgd(guarded):
    for method in ("ADAM", "SGD"):
        names = guarded.names(
            f'SeedRandom[1]; NetTrain[NetChain[{{LinearLayer[1]}}, "Input" -> 1], '
            f'{{{{1.}} -> {{1.}}, {{2.}} -> {{2.}}}}, MaxTrainingRounds -> 100, '
            f'Method -> "{method}", LearningRate -> 1.*^6, '
            f'TrainingProgressReporting -> None];', seconds=60)
        assert names and names[-1] in ("NetTrain::diverged", "NetTrain::nonfinite"), method


# -- no Python in messages ------------------------------------------------------------------

PYTHON_WORDS = ("chr()", "set_int_max_str_digits", "codec", "Traceback", "Error:",
                "RuntimeWarning", ".py")


@pytest.mark.parametrize("code", [
    '"\\|110000"',
    'ToExpression[StringJoin[Table["7", {5000}]]] // IntegerLength',
    'ElementwiseLayer[1/# &, "Input" -> 1][{0.}]',
    'LinearLayer[1, "Weights" -> {{1.*^30}}, "Biases" -> {0.}, "Input" -> 1][{1.*^30}]',
])
def test_no_python_text_reaches_the_user(code):
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run([sys.executable, "-m", "wlnet", "-c", code], env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.stderr == "" and run.returncode == 0
    assert not any(word in run.stdout for word in PYTHON_WORDS), run.stdout


def test_data_files_with_huge_integers(guarded, tmp_path):
    (tmp_path / "big.json").write_text("[" + "1" * 5000 + "]")
    (tmp_path / "big.csv").write_text("1" * 5000 + "\n")
    folder = str(tmp_path).replace("\\", "/")
    assert guarded.text(f'Mod[Import["{folder}/big.json"][[1]], 1000]') == "111"
    assert guarded.text(f'Mod[Import["{folder}/big.csv"][[1, 1]], 1000]') == "111"
    outs = guarded.session.evaluate(f'Export["{folder}/e.json", {{10^5000}}]')
    assert "Export::type" in render_exchange(outs)
