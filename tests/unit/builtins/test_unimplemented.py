"""General::wlnetni: a Wolfram System symbol wlnet lacks says so, once a session; the net
bridge says so for a layer it lacks, every time; wlnet's own heads are never reported."""

import re
from pathlib import Path

import pytest

from wlnet.builtins.unimplemented import system_names
from wlnet.kernel.builtin import BUILTINS
from wlnet.kernel.session import Session

PACKAGE = Path(__file__).resolve().parents[3] / "wlnet"

# Heads the parser builds for operators whose function wlnet does not implement: using
# them deserves General::wlnetni.
PARSED_ONLY = {"Composition", "RightComposition", "Derivative", "Factorial2", "MapAll",
               "NonCommutativeMultiply", "TagSet", "TagSetDelayed",
               "TagUnset", "UpSet", "UpSetDelayed"}


def test_unimplemented_system_symbol_is_reported_once_a_session(wl):
    assert wl.messages("Solve[x^2 == 1, x]") == ["General::wlnetni"]
    assert wl("Solve[x^2 == 1, x]") == "Solve[x^2 == 1, x]"     # unevaluated, no message
    assert wl.messages("Solve[x, y]") == []
    assert wl.messages("Integrate[x, x]") == ["General::wlnetni"]


def test_message_names_the_symbol(wl):
    out = wl.output("Plot[Sin[x], {x, 0, 1}]")
    (record,) = out.messages
    assert record.name == "General::wlnetni"
    assert [a.name for a in record.args] == ["Plot"]
    assert "does not implement" in record.template


def test_user_symbols_and_bare_symbols_are_not_reported(wl):
    assert wl.messages("f[x]; myFunction[1, 2]; NetFoo[3]") == []
    assert wl.messages("Solve") == []            # a symbol alone is not a use
    assert wl.messages("Plot[x_] := 1; Plot[2]") == []   # a user's own definition


def test_sessions_are_independent():
    for _ in range(2):
        assert [m.name for o in Session().evaluate("Solve[1]") for m in o.messages] == \
            ["General::wlnetni"]


def test_quiet_silences_it(wl):
    assert wl.messages("Quiet[Solve[1]]") == []


def test_applied_unimplemented_layer_says_so_each_line(wl):
    assert wl.messages("ResizeLayer[{3}][{1, 2}]") == ["General::wlnetni"]
    assert wl.messages("r = ResizeLayer[{3}]; r[{1, 2}]") == ["General::wlnetni"]


@pytest.mark.parametrize("code, name", [
    ("NetChain[{ResizeLayer[{3}], LinearLayer[2]}]", "NetChain::wlnetni"),
    ("NetGraph[{ResizeLayer[{3}]}, {}]", "NetGraph::wlnetni"),
    ("NetInitialize[ResizeLayer[{3}]]", "NetInitialize::wlnetni"),
    ("NetTrain[ResizeLayer[{3}], {1 -> 2}]", "NetTrain::wlnetni"),
    ("NetInformation[ResizeLayer[{3}]]", "NetInformation::wlnetni"),
    ("NetExtract[ResizeLayer[{3}], 1]", "NetExtract::wlnetni"),
])
def test_net_functions_name_a_layer_wlnet_lacks(wl, code, name):
    wl.messages("ResizeLayer[1]")                # the once-a-session notice is used up
    messages = wl.messages(code)
    assert messages == [name]
    out = wl.output(code)
    assert "does not implement" in out.messages[0].template


def test_non_system_head_in_a_chain_is_not_a_net(wl):
    assert wl.messages("NetChain[{NetFoo[2]}]") == ["NetChain::invarg"]


def test_names_list_is_complete_and_holds_our_builtins():
    names = system_names()
    assert len(names) > 7000
    assert {"Plot", "Solve", "NetTrain", "LinearLayer", "ResizeLayer", "$MessageList"} <= names
    ours = {s.name for s in BUILTINS}
    assert len(ours & names) > 0.9 * len(ours)


def test_system_heads_wlnet_reads_as_data_are_declared():
    """Every System symbol wlnet's code refers to has a builtin entry (a rule or a
    declaration), so using it never reports General::wlnetni, unless it is a head the
    parser builds for an operator wlnet does not implement."""
    Session()
    used = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text()
        used |= set(re.findall(r"\bS\.([A-Za-z$][A-Za-z0-9]*)", text))
        used |= set(re.findall(r'\bS\["([^"]+)"\]', text))
    ours = {s.name for s in BUILTINS}
    assert sorted((used & system_names()) - ours - PARSED_ONLY) == []
