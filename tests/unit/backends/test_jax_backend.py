"""The JAX backend (TargetDevice): the compiled path trains exactly as the NumPy runtime
(the same batches, losses and arrays to float32 rounding, frozen arrays bit-identical,
NaN stops, validation, SGD/RMSProp options and multipliers), reproducibly under
SeedRandom, stops between chunks with the partial net, evaluates ``net[x, TargetDevice
-> ...]`` as the plan does, and trains on four devices (the batch split, gradients
all-reduced) as on one. The checks run in ``jax_checks.py`` in processes of their own;
without JAX they are skipped. The messages for devices that are not there need no JAX."""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wlnet import Session
from wlnet.backends.jax import devices as device_module
from wlnet.expr import Symbol

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SINGLE = ["adam-mlp", "fold-frozen", "ragged-fold", "sgd-options", "rmsprop-clipping", "classifier",
          "two-outputs", "validation", "nan-stop", "real64", "lstm", "conv-batchnorm",
          "recurrent-multipliers", "coded-classifier", "measured", "indices", "reproducible",
          "stopped_between_chunks", "auxiliary_arrays", "time_goal", "evaluation",
          "recurrent_one_loop", "measurements_on_devices"]


def _report(group, env=None):
    if importlib.util.find_spec("jax") is None:
        pytest.skip("JAX is not installed (the optional extra jax)")
    done = subprocess.run([sys.executable, str(HERE / "jax_checks.py"), group],
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def single():
    return _report("single")


@pytest.fixture(scope="module")
def devices():
    return _report("devices", {"XLA_FLAGS": "--xla_force_host_platform_device_count=4"})


@pytest.mark.parametrize("check", SINGLE)
def test_compiled_path(check, single):
    assert single[check] == ""


def test_four_devices_train_as_one(devices):
    assert devices["data_parallel"] == ""


@pytest.mark.parametrize("setting, message", [
    ('"GPU"', "NetTrain::trgdevnogpu"), ('{"GPU", 2}', "NetTrain::trgdevnogpu"),
    ('{"GPU", All}', "NetTrain::trgdevnogpu"), ('"TPU"', "NetTrain::invtrgdev"),
    ('{"GPU", 0}', "NetTrain::invtrgdev"), ('{"CPU", "Fast"}', "NetTrain::invtrgdev")])
def test_unavailable_devices_give_wolframs_message_and_lose_nothing(setting, message):
    """Without a GPU plugin JAX is not even started (this process forks later)."""
    session = Session(seed=1)
    session.evaluate('net = NetChain[{LinearLayer[1]}, "Input" -> 2]')
    out = session.evaluate(f"NetTrain[net, {{{{1, 2}} -> {{3}}}}, TargetDevice -> {setting}]")
    assert [m.name for m in out[-1].records] == [message]
    assert out[-1].result == Symbol("$Failed")
    out = session.evaluate(f"net2 = NetInitialize[net]; net2[{{1, 2}}, TargetDevice -> {setting}]")
    assert [m.name for m in out[-1].records] == [message.replace("NetTrain", "NetChain")]
    assert session.evaluate("Dimensions[net2[{1, 2}]]")[-1].result.args[0].value == 1
    assert "jax" not in sys.modules


def test_without_jax_a_jax_device_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(device_module, "jax_installed", lambda: False)
    session = Session(seed=1)
    out = session.evaluate('NetTrain[NetChain[{LinearLayer[1]}, "Input" -> 2], {{1, 2} -> {3}}, '
                           'TargetDevice -> {"CPU", "Compiled"}]')[-1]
    assert [m.name for m in out.records] == ["NetTrain::nojax"]
    assert "pip install 'wlnet[jax]'" in out.records[0].template


def _interrupted(before: str, train: str, after: float) -> None:
    """In a process of its own (where JAX is not imported yet): run ``before``, then
    NetTrain of the net ``train`` on the compiled path, interrupted (what Ctrl-C does)
    ``after`` seconds in. It must give $Aborted within 1.5 s and the session go on."""
    if importlib.util.find_spec("jax") is None:
        pytest.skip("JAX is not installed (the optional extra jax)")
    code = f"""
import threading, time
from wlnet import Session
s = Session()
train = 'NetTrain[{{}}, {{{{RandomReal[1, 8] -> RandomReal[1, 8]}}}}, MaxTrainingRounds -> 1, ' \\
        'TargetDevice -> {{{{"CPU", "Compiled"}}}}]'
{before}
threading.Timer({after}, s.interrupt).start()
t = time.perf_counter()
out = s.evaluate(train.format({train!r}))
print(out[-1].result.name, time.perf_counter() - t, s.evaluate("1 + 1")[-1].result.value)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    name, seconds, two = done.stdout.split()
    assert (name, two) == ("$Aborted", "2")
    assert float(seconds) < 1.5, seconds


def test_ctrl_c_stops_the_first_import_of_jax():
    """The first TargetDevice that needs JAX imports it (seconds): Ctrl-C gives $Aborted
    at once (the import finishes in the background)."""
    _interrupted("", 'LinearLayer[8, "Input" -> 8]', 0.2)


def test_ctrl_c_stops_compiling_a_net():
    """XLA compiling a deep net takes seconds in C, where no interrupt is seen: the
    compile runs on a thread of its own, so Ctrl-C gives $Aborted at once."""
    _interrupted("""s.evaluate(train.format('LinearLayer[8, "Input" -> 8]'))     # JAX imported""",
                 'NetChain[Flatten@Table[{LinearLayer[8], Tanh}, 150], "Input" -> 8]', 0.3)

