"""Limits instead of crashes: what runs away is stopped with a message, and the session
(or the ``wlnet`` process) carries on.

The limits: ``$RecursionLimit`` 1024 and ``$IterationLimit`` 4096 (Wolfram's defaults);
one memory budget for any single result, ``kernel.limits.MAX_BYTES`` (2 GiB, set by
``WLNET_MAX_BYTES``), checked before allocating; exact integers up to 10^7 bits
(``arithmetic.MAX_EXACT_BITS``); everything else that runs long stops on interrupt.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_recursion_limit(guarded):
    assert guarded.names("f[x_] := f[x] + 1; f[1]") == ["$RecursionLimit::reclim2"]
    assert guarded.text("x = x + 1") == "$Aborted"


def test_recursion_limit_can_be_raised_without_crashing(guarded):
    """A limit far beyond what the Python stack holds still ends in a message."""
    names = guarded.names("$RecursionLimit = 10^6; g[n_] := 1 + g[n - 1]; g[1]", seconds=30)
    assert names and all(n == "$RecursionLimit::reclim2" for n in names)


def test_iteration_limit(guarded):
    assert guarded.names("h[x_] := h[x + 1]; h[1]") == ["$IterationLimit::itlim"]


def test_ten_thousand_brackets_give_a_message(guarded):
    deep = "f[" * 10_000 + "]" * 10_000
    assert guarded.names(deep, seconds=30) in (["$RecursionLimit::reclim2"],
                                               ["Syntax::sntxf"])
    lists = "{" * 10_000 + "}" * 10_000
    assert guarded.names(lists, seconds=30) in ([], ["$RecursionLimit::reclim2"],
                                                ["Syntax::sntxf"])


def test_deep_parentheses_and_unbalanced_brackets(guarded):
    assert guarded.names("(" * 10_000 + "1" + ")" * 10_000, seconds=30) in (
        [], ["Syntax::sntxf"])
    assert guarded.names("f[" * 10_000) == ["Syntax::sntxi"]


@pytest.mark.parametrize("code", [
    "RandomReal[1, {10^6, 10^6}]",
    "RandomInteger[10, 10^12]",
    "Table[0, {10^10}]",
    "Table[i j, {i, 10^5}, {j, 10^5}]",
    "ConstantArray[0, {10^6, 10^6}]",
    "ConstantArray[x, 10^12]",
    "Range[10^12]",
    "Array[f, {10^5, 10^5}]",
    "Outer[Times, Range[10^5], Range[10^5]]",
    "Subsets[Range[100]]",
    "Nest[# <> # &, \"ab\", 64]",
    "NetInitialize[LinearLayer[10^6, \"Input\" -> 10^6]]",
    "NetTrain[LinearLayer[10^6, \"Input\" -> 10^6], {Range[10^6] -> Range[10^6]}]",
])
def test_huge_allocations_are_refused_before_allocating(guarded, code):
    out, took = guarded.timed(code, seconds=20)
    assert [m.name for m in out.messages] == ["General::mem"]
    assert out.result.name == "$Aborted"
    assert took < 15


def test_refusal_aborts_the_whole_computation(guarded):
    """Carrying on with a placeholder would let an enclosing loop keep going."""
    assert guarded.text("Length[Table[0, {10^5}, {10^5}]] + 1") == "$Aborted"


def test_big_but_allowed_allocations_still_work(guarded):
    assert guarded.text("Length[Range[10^7]]") == "10000000"
    assert guarded.text("Dimensions[RandomReal[1, {1000, 1000}]]") == "{1000, 1000}"


def test_huge_integers(guarded):
    """2^10^7 is computed (10^7 bits is the limit); 10^10^10 is refused at once."""
    assert guarded.text("Mod[2^10^7, 10]") == "6"
    out, took = guarded.timed("10^10^10")
    assert [m.name for m in out.messages] == ["General::mem"]
    assert took < 2


def test_huge_strings(guarded):
    assert guarded.text('StringLength[StringJoin[Table["abcd", {10^6}]]]') == "4000000"
    assert guarded.names('s = StringJoin[Table["abcd", {10^6}]]; '
                         'StringJoin[Table[s, {10^3}]];') == ["General::mem"]


def test_mixed_big_and_machine_numbers_overflow_with_a_message(guarded):
    assert guarded.names("10^400 + 0.5") == ["General::ovfl"]
    assert guarded.text("Sort[{10^400, 0.5, 1/3}]") == "{1/3, 0.5, " + "1" + "0" * 400 + "}"
    assert guarded.names("Table[i, {i, -1.*^308, 1.*^308}]") == ["Table::iterb"]
    assert guarded.names("Range[-1.*^308, 1.*^308, 1.*^-300]") == ["Range::range"]


@pytest.mark.parametrize("loop", [
    "While[True, 1]",
    "Do[x, {i, 10^12}]",
    "For[i = 0, True, i++]",
    "NestWhile[# + 1 &, 0, True &]",
    "FixedPoint[# + 1 &, 0, 10^12]",
    "Table[i, {i, 10^7}]",
])
def test_infinite_loops_stop_on_interrupt(guarded, loop):
    out, took = guarded.timed(loop, seconds=0.5)
    assert out.result.name == "$Aborted"
    assert took < 5


def test_sigint_stops_a_script_promptly(tmp_path):
    """Ctrl-C in ``wlnet script.wl`` aborts the running statement, with no traceback."""
    script = tmp_path / "loop.wl"
    script.write_text('Print["started"]\nWhile[True, 1]\nPrint["after"]\n')
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    process = subprocess.Popen([sys.executable, "-m", "wlnet", str(script)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "started\n"
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert "Traceback" not in err and "Traceback" not in out
    assert process.returncode in (0, 1, 130, -signal.SIGINT)
