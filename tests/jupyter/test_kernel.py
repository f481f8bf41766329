"""The Jupyter kernel as a notebook uses it: a kernel subprocess started by jupyter_client
from the installed spec, cells run through the real protocol (numbering, streams,
messages, rich results, completion, inspection, is_complete, the training panel,
interrupting NetTrain, restart)."""

import json
import time

import pytest

TRAIN_SETUP = ('net = NetChain[{LinearLayer[8, "Input" -> 2], Tanh, LinearLayer[1]}];\n'
               'data = Flatten[Table[{x, y} -> {x y}, {x, -1, 1, 0.1}, {y, -1, 1, 0.1}], 1];')


class Cell:
    """What one execute request gave: the reply and the IOPub messages in order."""

    def __init__(self, reply, messages):
        self.reply, self.messages = reply, messages

    def of(self, kind):
        return [content for t, content in self.messages if t == kind]

    def stream(self, name):
        return "".join(c["text"] for c in self.of("stream") if c["name"] == name)

    @property
    def results(self):
        return [(c["execution_count"], c["data"]) for c in self.of("execute_result")]


def execute(kc, code, timeout=60, until=None):
    """Run a cell; ``until(type, content)`` is called on each message as it arrives."""
    msg_id = kc.execute(code)
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            break
        messages.append((kind, content))
        if until:
            until(kind, content)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return Cell(reply["content"], messages)


@pytest.fixture(scope="module")
def kernel(kernel_env):
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="wlnet", startup_timeout=120)
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kc(kernel):
    return kernel[1]


def test_kernel_info_names_the_language(kc):
    info = kc.kernel_info(reply=True)["content"]
    assert info["implementation"] == "wlnet"
    assert info["language_info"]["name"] == "wolfram"
    assert info["language_info"]["file_extension"] == ".wl"


def test_every_expression_of_a_cell_is_a_numbered_input(kc):
    first = execute(kc, "$Line").results[0][0]
    cell = execute(kc, 'a = 6 * 7\nPrint["between"]\n%%')
    n = first + 1
    assert cell.reply["execution_count"] == n
    assert cell.of("execute_input")[0]["execution_count"] == n
    assert [(c, d["text/plain"]) for c, d in cell.results] == [(n, "42"), (n + 2, "42")]
    assert cell.stream("stdout") == "between\n"
    nxt = execute(kc, f"Out[{n}] + 1; Out[{n + 2}] + $Line")
    assert nxt.reply["execution_count"] == n + 3
    assert nxt.results == [(n + 3, {"text/plain": str(42 + n + 3)})]


def test_a_cell_ending_in_a_semicolon_shows_nothing_and_a_syntax_error_uses_no_line(kc):
    before = execute(kc, "$Line").results[0][0]
    assert execute(kc, "b = 1;").results == []
    bad = execute(kc, "f[1 +* 2]")
    assert "Syntax::" in bad.stream("stderr") and bad.reply["status"] == "ok"
    assert execute(kc, "$Line").results[0][0] == before + 2


def test_prints_and_messages_stream_while_the_cell_runs(kc):
    arrivals = []
    start = time.monotonic()

    def note(kind, content):
        if kind == "stream":
            arrivals.append((content["name"], content["text"], time.monotonic() - start))

    execute(kc, 'Do[Print["step ", i]; Pause[0.4], {i, 3}]; 1/0', until=note)
    assert [a[:2] for a in arrivals[:3]] == [("stdout", f"step {i}\n") for i in (1, 2, 3)]
    assert arrivals[0][2] < arrivals[2][2] - 0.5          # not all at the end
    assert arrivals[-1][0] == "stderr" and "Power::infy" in arrivals[-1][1]


def test_results_have_the_terminal_text_and_richer_views(kc):
    [(_, plot)] = execute(kc, "ListLinePlot[{1, 3, 2}]").results
    assert plot["text/plain"] == "-Graphics-"
    assert plot["image/svg+xml"].startswith("<?xml") and plot["image/png"]
    [(_, net)] = execute(kc, 'NetChain[{LinearLayer[3, "Input" -> 2], Ramp}]').results
    assert net["text/plain"] == "NetChain[<2 layers, 2 -> 3, uninitialized>]"
    assert "ElementwiseLayer" in net["image/svg+xml"]
    [(_, matrix)] = execute(kc, "MatrixForm[{{1, 2}, {3, 4}}]").results
    assert matrix["text/html"].count("<tr>") == 2 and "<td" in matrix["text/html"]
    assert matrix["text/latex"].startswith("$$\\left(") and "1 & 2" in matrix["text/latex"]
    [(_, table)] = execute(kc, 'TableForm[{{"a", 1}, {"b", 2}}]').results
    assert ">a</td>" in table["text/html"]


def test_completion_offers_builtins_options_properties_and_user_symbols(kc):
    execute(kc, "myWeights = 3;")
    reply = kc.complete("x = NetTra", 10, reply=True)["content"]
    assert "NetTrain" in reply["matches"] and reply["cursor_start"] == 4
    assert kc.complete("myWe", 4, reply=True)["content"]["matches"] == ["myWeights"]
    assert "LearningRateMultipliers" in kc.complete("f[LearningRateM", 15,
                                                    reply=True)["content"]["matches"]
    code = 'NetInformation[net, "Arr'
    assert "Arrays" in kc.complete(code, len(code), reply=True)["content"]["matches"]


def test_inspection_shows_the_usage_text(kc):
    reply = kc.inspect("Print[x]", 3, reply=True)["content"]
    assert reply["found"] and "Print[expr1, expr2, ...]" in reply["data"]["text/plain"]
    assert not kc.inspect("zzzUnknown", 4, reply=True)["content"]["found"]


@pytest.mark.parametrize("code, status", [("f[1,", "incomplete"), ('"open', "incomplete"),
                                          ("f[1]", "complete"), ("1 +* 2", "invalid")])
def test_is_complete_asks_for_more_after_an_open_bracket(kc, code, status):
    kc.is_complete(code)
    assert kc.get_shell_msg(timeout=30)["content"]["status"] == status


def test_nettrain_shows_a_panel_updated_in_place_and_finalised(kc):
    execute(kc, TRAIN_SETUP)
    cell = execute(kc, "trained = NetTrain[net, data, MaxTrainingRounds -> 300, "
                       "BatchSize -> 8];", timeout=120)
    [shown] = cell.of("display_data")
    updates = cell.of("update_display_data")
    display_id = shown["transient"]["display_id"]
    assert "Training" in shown["data"]["text/html"] and "round" in shown["data"]["text/html"]
    assert updates and all(u["transient"]["display_id"] == display_id for u in updates)
    final = updates[-1]["data"]
    assert final["text/plain"].startswith("Training complete: 300 rounds")
    assert "<polyline" in final["text/html"]            # the loss curve
    assert cell.results == []


def test_interrupt_during_nettrain_gives_the_net_trained_so_far(kernel):
    km, kc = kernel
    execute(kc, TRAIN_SETUP)
    interrupted = []

    def interrupt_once_training(kind, content):
        if kind == "display_data" and not interrupted:
            interrupted.append(True)
            km.interrupt_kernel()

    cell = execute(kc, "r = NetTrain[net, data, All, MaxTrainingRounds -> 10^6]",
                   timeout=120, until=interrupt_once_training)
    assert interrupted
    assert "NetTrain::interrupted" in cell.stream("stderr")
    [(_, result)] = cell.results
    assert result["text/plain"] == "NetTrainResultsObject[<>]"
    assert cell.of("update_display_data")[-1]["data"]["text/plain"].startswith(
        "Training stopped")
    [(_, reason)] = execute(kc, 'r["ReasonTrainingStopped"]').results
    assert reason["text/plain"] == "ManualStop"
    [(_, after)] = execute(kc, "1 + 1").results          # the kernel goes on
    assert after["text/plain"] == "2"


def test_interrupt_aborts_a_loop(kernel):
    km, kc = kernel

    def interrupt_when_started(kind, content):
        if kind == "execute_input":
            time.sleep(0.5)
            km.interrupt_kernel()

    cell = execute(kc, "While[True, 1]", until=interrupt_when_started)
    assert [data["text/plain"] for _, data in cell.results] == ["$Aborted"]


def test_restart_gives_a_fresh_session(kernel_env):
    from jupyter_client.manager import start_new_kernel
    km, kc = start_new_kernel(kernel_name="wlnet", startup_timeout=120)
    try:
        execute(kc, "y = 5;")
        assert execute(kc, "y").results[0][1]["text/plain"] == "5"
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=120)
        cell = execute(kc, "{y, $Line}")
        assert cell.results == [(1, {"text/plain": "{y, 1}"})]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_the_spec_names_the_kernel_and_runs_this_python(kernel_env):
    from jupyter_client.kernelspec import KernelSpecManager
    spec = KernelSpecManager().get_kernel_spec("wlnet")
    assert spec.display_name == "Wolfram Language (wlnet)"
    assert spec.argv[1:3] == ["-m", "wlnet.jupyter"] and spec.language == "wolfram"
    assert spec.resource_dir.startswith(kernel_env["JUPYTER_PATH"])
    assert json.loads(open(spec.resource_dir + "/kernel.json").read())["interrupt_mode"] \
        == "signal"
