"""The benchmark's correctness check on a tiny size: wlnet (Wolfram code trained with
NetTrain through Session) and PyTorch (Wolfram's ADAM written as a torch optimizer) start
from the same arrays and data and agree after 20 steps; the frozen array stays
bit-identical. No timing is asserted. Skipped when torch is not installed."""

import dataclasses
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import run  # noqa: E402
import workloads as W  # noqa: E402

TINY = {
    "fold": W.Spec("tiny-fold", "fold", batch=3, width=3, steps_T=4),
    "fold-b1": W.Spec("tiny-fold-b1", "fold", batch=1, width=2, steps_T=10),
    "mlp": W.Spec("tiny-mlp", "mlp", batch=5, n_in=7, n_hidden=6, n_out=3),
}


@pytest.fixture(autouse=True)
def tiny_specs(monkeypatch):
    specs = dict(W.SPECS)
    specs.update({s.name: s for s in TINY.values()})
    monkeypatch.setattr(W, "SPECS", specs)


@pytest.mark.parametrize("key", list(TINY))
def test_wlnet_and_pytorch_agree_after_20_steps(key):
    result = run.check(TINY[key].name, steps=20)
    assert result["max_diff"] <= 1e-5, result
    assert all(result["frozen"].values()), result
    assert all(result["moved"].values()), result
    assert result["ok"]


def test_frozen_array_is_bit_identical_in_wlnet():
    from wl_side import WlTrainer
    spec = TINY["fold"]
    init = W.make_init(spec, np.float32)
    wl = WlTrainer(spec, init, W.make_batches(spec, np.float32)[:1])
    wl.train(5)
    got = wl.params()
    assert got["W3"].tobytes() == init["W3"].tobytes()
    assert not np.array_equal(got["W2"], init["W2"])


def test_report_refuses_a_ratio_when_the_sides_disagree():
    timing = {"batches": 10, "wlnet": 100.0, "torch": 50.0, "wlnet_all": [100.0],
              "torch_all": [50.0], "overhead_s": 0.001}
    bad = {"ok": False, "max_diff": 0.1, "frozen": {"W3": True}, "moved": {"W2": True}}
    info = {"date": "today", "cpu_count": 2, "loadavg": (0, 0, 0), "python": "3",
            "numpy": "2", "env": {}}
    text = run.report({"W1-b1": timing}, {"W1-b1": bad}, {"W1-b1": 1000.0}, {}, info)
    assert "DISAGREE" in text and "2.00x" not in text


def test_gemm_floor_is_positive():
    spec = dataclasses.replace(TINY["mlp"])
    assert run.gemm_floor(spec, repeats=1) > 0
