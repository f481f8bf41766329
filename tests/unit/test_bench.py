"""The benchmark's correctness checks on tiny sizes: wlnet (Wolfram code trained with
NetTrain through Session), PyTorch (Wolfram's ADAM written as a torch optimizer) and JAX
(per-batch jit and whole-epoch scan) start from the same arrays and data and agree after
20 steps; frozen arrays stay bit-identical. W4 (LSTM) and W5 (digits) check their
references against each other, and their wlnet side once wlnet builds their nets (until
then those tests skip, naming wlnet's message). No timing is asserted. Skipped when torch
is not installed; the JAX tests when jax is not, W5 when scikit-learn is not.

Whatever runs JAX runs in a separate (spawned) process: JAX's threads in the test process
would make every later fork unsafe (the REPL tests start terminals with a preexec_fn)."""

import importlib.util
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import report  # noqa: E402
import run  # noqa: E402
import wl_side  # noqa: E402
import workloads as W  # noqa: E402

HAS_JAX = importlib.util.find_spec("jax") is not None
HAS_SKLEARN = importlib.util.find_spec("sklearn") is not None

TINY = {
    "fold": W.Spec("tiny-fold", "fold", batch=3, width=3, steps_T=4),
    "fold-b1": W.Spec("tiny-fold-b1", "fold", batch=1, width=2, steps_T=10),
    "mlp": W.Spec("tiny-mlp", "mlp", batch=5, n_in=7, n_hidden=6, n_out=3),
    "lstm": W.Spec("tiny-lstm", "lstm", batch=3, steps_T=5, n_in=3, n_hidden=4, n_out=1,
                   pool=2),
    "conv": W.Spec("tiny-conv", "conv", batch=64, n_hidden=2, n_out=10),
}

needs_jax = pytest.mark.skipif(not HAS_JAX, reason="jax not installed (pip install -e '.[jax]')")


def needs(key):
    """Skip a W5 test without scikit-learn (its data set ships with it)."""
    if TINY[key].kind == "conv" and not HAS_SKLEARN:
        pytest.skip("scikit-learn not installed (pip install -e '.[digits]')")


@pytest.fixture(scope="module")
def jax_process():
    """call(fn, *args): fn(*args) in a spawned process when JAX is installed (bench/ is on
    sys.path there too: spawn hands sys.path over), else here."""
    if not HAS_JAX:
        yield lambda fn, *args: fn(*args)
        return
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield lambda fn, *args: pool.submit(fn, *args).result()


TRAINED = {}


@pytest.fixture
def trained(jax_process):
    """Every side's arrays after 20 steps on the first batch (computed once per size)."""
    def get(key):
        if key not in TRAINED:
            TRAINED[key] = jax_process(run.trained_arrays, TINY[key], 20, HAS_JAX)
        return TRAINED[key]
    return get


@pytest.fixture
def checked(trained):
    return lambda key: run.verdicts(TINY[key], trained(key))


@pytest.fixture
def against_wlnet(checked):
    """The checks against wlnet; skipped while wlnet lacks a layer the workload needs,
    with wlnet's own message."""
    def get(key):
        needs(key)
        missing = wl_side.missing(TINY[key].kind)
        if missing:
            pytest.skip("wlnet side not yet available: " + "; ".join(missing))
        c = checked(key)
        assert c["reference"] == "wlnet", c["errors"]
        return c
    return get


def assert_agrees(result):
    assert result["max_diff"] <= 1e-5, result
    assert all(result["frozen"].values()), result
    assert all(result["moved"].values()), result
    assert result["ok"]


@pytest.mark.parametrize("key", ["fold", "fold-b1", "mlp", "lstm", "conv"])
def test_wlnet_and_pytorch_agree_after_20_steps(key, against_wlnet):
    assert_agrees(against_wlnet(key)["torch"])


@needs_jax
@pytest.mark.parametrize("key", ["fold", "fold-b1", "mlp", "lstm", "conv"])
def test_jax_per_batch_and_whole_epoch_agree_with_wlnet(key, against_wlnet):
    """And wlnet's own compiled path (wl_side.COMPILED_OPTION) with its NumPy runtime."""
    c = against_wlnet(key)
    assert_agrees(c["jax"])
    assert_agrees(c["jax_epoch"])
    assert_agrees(c["wlnet_compiled"])


@needs_jax
@pytest.mark.parametrize("key", ["fold", "fold-b1", "mlp", "lstm", "conv"])
def test_references_agree_with_each_other(key, trained):
    """JAX against PyTorch, both with Wolfram's ADAM, whatever wlnet has: the LSTM's gate
    packing, the convolution's layout and the losses are the same in both."""
    needs(key)
    t = trained(key)
    for side in ("jax", "jax_epoch"):
        assert_agrees(run.compare(t[side], t["torch"], t["init"], TINY[key].kind))


def test_lstm_packing_round_trips():
    spec = TINY["lstm"]
    init = W.make_init(spec, np.float32)
    w_ih, w_hh, b = W.lstm_pack(init)
    n = spec.n_hidden
    assert w_ih.shape == (4 * n, spec.n_in) and w_hh.shape == (4 * n, n) and b.shape == (4 * n,)
    # PyTorch's order is i, f, g, o: the memory gate is the third block
    assert np.array_equal(w_ih[2 * n:3 * n], init["MemoryGateInputWeights"])
    assert np.array_equal(b[3 * n:], init["OutputGateBiases"])
    back = W.lstm_unpack(w_ih, w_hh, b)
    assert all(np.array_equal(back[k], init[k]) for k in W.LSTM_ARRAYS)


def test_missing_layers_are_named_in_wlnets_words():
    """The probe of a workload with everything in wlnet is empty; an unknown layer is
    reported with the message wlnet gives."""
    assert wl_side.missing("mlp") == []
    wl_side.PROBES["test"] = ['NetChain[{NoSuchLayer[3]}, "Input" -> 2]']
    try:
        [text] = wl_side.missing("test")
    finally:
        del wl_side.PROBES["test"]
    assert "::" in text and "NoSuchLayer" in text


def test_frozen_array_is_bit_identical_in_wlnet():
    from wl_side import WlTrainer
    spec = TINY["fold"]
    init = W.make_init(spec, np.float32)
    wl = WlTrainer(spec, init, W.make_batches(spec, np.float32)[:1])
    wl.train(5)
    got = wl.params()
    assert got["W3"].tobytes() == init["W3"].tobytes()
    assert not np.array_equal(got["W2"], init["W2"])


INFO = {"date": "today", "cpu_count": 2, "loadavg": (0, 0, 0), "python": "3",
        "numpy": "2", "env": {}}


def timing(**rates):
    return {"batches": 10, "rounds": 1, "rates": rates, "steps": {k: 10 for k in rates},
            "times": {k: [10 / v] for k, v in rates.items()}, "overhead_s": 0.001}


def verdict(ok, diff=0.0):
    return {"ok": ok, "max_diff": diff, "frozen": {"W3": True}, "moved": {"W2": True}}


def test_report_refuses_a_figure_when_the_sides_disagree():
    r = timing(wlnet=100.0, torch=50.0, jax=400.0, jax_epoch=800.0)
    c = {"reference": "wlnet", "errors": {}, "missing": [],
         "torch": verdict(False, 0.1), "jax": verdict(False, 0.2), "jax_epoch": verdict(True)}
    text = report.report({"W1-b1": r}, {"W1-b1": c}, {"W1-b1": 1000.0}, {}, INFO)
    assert "DISAGREE" in text and "2.00x" not in text
    assert "400" not in text.split("Every repeat")[0]      # JAX per batch disagreed
    assert "800" in text and "0.12x" in text               # the whole epoch agreed


def test_report_says_what_wlnet_lacks_and_shows_the_checked_references():
    r = timing(torch=50.0, jax=80.0, jax_epoch=90.0)
    r["accuracy"] = {"torch": 0.88, "jax": 0.87, "jax_epoch": 0.87}
    c = {"reference": "torch", "errors": {"wlnet": "NetChain::invarg: long text"},
         "missing": ["NetChain::invarg: ConvolutionLayer[2, {3, 3}] is not a layer or a net."],
         "jax": verdict(True), "jax_epoch": verdict(True)}
    text = report.report({"W5": r, "W4": r}, {"W5": c, "W4": c}, {}, {}, INFO)
    assert "not yet available: NetChain::invarg: ConvolutionLayer[2, {3, 3}]" in text
    assert "| 50 |" in text and "| 80 |" in text
    assert "0.880" in text
    compiled = text.split("compiled path")[1].split("##")[0]
    assert "| W4 | not yet available: NetChain::invarg" in compiled


@pytest.mark.parametrize("key", ["mlp", "conv"])
def test_a_short_timed_run_measures_every_side(key, jax_process):
    """time_workload end to end on a tiny size (what is measured, never how fast)."""
    needs(key)
    jax = HAS_JAX and key == "conv"       # the JAX side of the shuffled rounds
    # with JAX, wlnet's compiled path (wl_side.COMPILED_OPTION) runs JAX too
    r = jax_process(run.time_workload, TINY[key], 1, 8, jax) if HAS_JAX else \
        run.time_workload(TINY[key], 1, 8, jax=False)
    sides = {"torch"} | ({"jax", "jax_epoch"} if jax else set())
    if not wl_side.missing(TINY[key].kind):
        sides |= {"wlnet", "wlnet_compiled"} if HAS_JAX else {"wlnet"}
    assert set(r["rates"]) == sides and all(v > 0 for v in r["rates"].values())
    if key == "conv":
        assert set(r["accuracy"]) == sides
        assert all(0 <= a <= 1 for a in r["accuracy"].values())
    assert report.torch_table({"W5" if key == "conv" else "W3-b1": r}, {}, {})


def test_the_compiled_column_is_one_option_away(monkeypatch):
    """Setting wl_side.COMPILED_OPTION checks and times a second wlnet side and fills the
    compiled table (here with Wolfram's default device standing in for the compiled
    path); an option wlnet refuses is reported as FAILED in wlnet's words."""
    monkeypatch.setattr(wl_side, "COMPILED_OPTION", 'TargetDevice -> "CPU"')
    spec = TINY["mlp"]
    c = run.check(spec, steps=20, jax=False)
    assert_agrees(c["wlnet_compiled"])
    assert "wlnet_compiled ok" in run.check_line(spec.name, c)
    r = run.time_workload(spec, repeats=1, n_batches=4, jax=False)
    assert set(r["rates"]) == {"wlnet", "wlnet_compiled", "torch"}
    compiled = report.compiled_table({"W3-b1": r}, {"W3-b1": c})
    assert "not yet available" not in compiled[2] and "JAX per batch" in compiled[2]
    monkeypatch.setattr(wl_side, "COMPILED_OPTION", 'TargetDevice -> "Nowhere"')
    c = run.check(spec, steps=2, jax=False)
    assert "wlnet_compiled" in c["errors"] and "wlnet" not in c["errors"]
    assert "FAILED: NetTrain::" in report.compiled_table({"W3-b1": timing(torch=1.0)},
                                                        {"W3-b1": c})[2]


def test_gemm_floor_is_positive_and_absent_without_a_model():
    assert run.gemm_floor(TINY["mlp"], repeats=1) > 0
    assert run.gemm_floor(TINY["lstm"]) is None
