"""train() on a fake plan: linear regression y = W x + b with a hand-written gradient."""

import numpy as np
import pytest

from wlnet.train.loop import train
from wlnet.train.optimizers import SGD, Adam

W, B = ("lin", "Weights"), ("lin", "Biases")


class LinearPlan:
    """Per-example loss = mean over outputs of (W x + b - target)^2, as a plan would give it.

    Records what it saw: the batches, and copies of the arrays at each training forward.
    ``poison`` maps a training-forward call number (1-based) to what goes wrong there:
    "loss" (NaN loss), "grad" (NaN gradient), "interrupt" (KeyboardInterrupt)."""

    def __init__(self, n_in=3, n_out=2, poison=None):
        rng = np.random.default_rng(0)
        self.arrays = {B: np.zeros(n_out), W: rng.normal(size=(n_out, n_in))}
        self.poison = poison or {}
        self.calls = 0
        self.seen_rows = []
        self.seen_arrays = []
        self.validation_arrays = []

    def forward(self, inputs, training=False, rng=None):
        x, t = inputs["Input"], inputs["Target"]
        if training:
            self.calls += 1
            self.seen_rows.append(x[:, 0].copy())
            self.seen_arrays.append({p: a.copy() for p, a in self.arrays.items()})
            if self.poison.get(self.calls) == "interrupt":
                raise KeyboardInterrupt
        else:
            self.validation_arrays.append({p: a.copy() for p, a in self.arrays.items()})
        self.x = x.copy()
        self.diff = x @ self.arrays[W].T + self.arrays[B] - t
        loss = np.mean(self.diff ** 2, axis=1)
        if training and self.poison.get(self.calls) == "loss":
            loss[0] = np.nan
        return {"Loss": loss}

    def backward(self, output_grads):
        dy = output_grads["Loss"][:, None] * 2 * self.diff / self.diff.shape[1]
        grads = {W: dy.T @ self.x, B: dy.sum(axis=0)}
        if self.poison.get(self.calls) == "grad":
            grads[W][0, 0] = np.nan
        return grads


def regression(n=10, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    x[:, 0] = np.arange(n)  # column 0 names the example, so batches can be read back
    true_w = np.array([[0.1, -1.0, 2.0], [0.3, 0.5, -0.5]])
    return {"Input": x, "Target": x @ true_w.T + np.array([0.2, -0.1])}


def run(plan=None, data=None, **kw):
    plan = plan or LinearPlan()
    kw = {"batch_size": 4, "rounds": 3, "optimizer": Adam(0.01),
          "rates": {B: 1.0, W: 1.0}, "rng": np.random.default_rng(42), **kw}
    return plan, train(plan, data or regression(), **kw)


def test_batches_shuffle_each_round_and_pad_the_last_batch_from_the_round_start():
    plan, res = run()
    assert (res.batch_size, res.batches_per_round, res.total_batches) == (4, 3, 9)
    assert res.total_rounds == 3 and res.examples_processed == 36
    assert res.round_positions == [3, 6, 9]
    orders = []
    for r in range(3):
        rows = np.concatenate(plan.seen_rows[3 * r:3 * r + 3]).astype(int)
        assert sorted(rows[:10]) == list(range(10))
        assert list(rows[10:]) == list(rows[:2])
        orders.append(list(rows[:10]))
    assert orders[0] != orders[1] != orders[2]


def test_same_seed_same_run_other_seed_other_batches():
    (p1, r1), (p2, r2) = run(), run()
    np.testing.assert_array_equal(r1.batch_losses, r2.batch_losses)
    for p in r1.final_arrays:
        assert r1.final_arrays[p].tobytes() == r2.final_arrays[p].tobytes()
    p3, _ = run(rng=np.random.default_rng(43))
    assert any((a != b).any() for a, b in zip(p1.seen_rows, p3.seen_rows))


def test_losses_recorded_and_training_learns():
    data = regression(n=32)
    _, res = run(data=data, batch_size=8, rounds=150, optimizer=Adam(0.05))
    assert res.reason == "MaxTrainingRounds" and res.method == "ADAM"
    assert len(res.batch_losses) == 600 and len(res.round_losses) == 150
    assert res.round_losses[0] == pytest.approx(np.mean(res.batch_losses[:4]))
    assert res.round_loss < 1e-4 < res.round_losses[0]
    assert res.initial_learning_rate == 0.05
    assert res.final_learning_rate == pytest.approx(0.05 * np.sqrt(1 - 0.999 ** 600) / (1 - 0.9 ** 600))


def test_loss_is_batch_mean_and_update_uses_mean_gradient():
    plan, res = run(rounds=1, optimizer=SGD(0.1, momentum=0, schedule=None))
    x, t = regression()["Input"], regression()["Target"]
    rows = plan.seen_rows[0].astype(int)
    w0, b0 = plan.seen_arrays[0][W], plan.seen_arrays[0][B]
    diff = x[rows] @ w0.T + b0 - t[rows]
    assert res.batch_losses[0] == pytest.approx(np.mean(diff ** 2))
    grad_w = (2 * diff / 2).T @ x[rows] / 4
    np.testing.assert_allclose(plan.seen_arrays[1][W], w0 - 0.1 * grad_w, atol=1e-12)


def test_frozen_array_bit_identical_and_rates_recorded():
    plan = LinearPlan()
    before = plan.arrays[W].copy()
    _, res = run(plan, rates={B: 1.0, W: 0.0})
    assert res.final_arrays[W].tobytes() == before.tobytes()
    assert not np.array_equal(res.final_arrays[B], np.zeros(2))
    assert res.rates == {B: 1.0, W: 0.0}


def test_schedule_spans_all_planned_batches():
    _, res = run(optimizer=SGD(0.1), rounds=2)  # 6 batches planned
    assert res.final_learning_rate == pytest.approx(0.1 * np.sqrt(1 - 6 / 7))


@pytest.mark.parametrize("poison", ["loss", "grad"])
def test_non_finite_loss_stops_with_the_last_finite_arrays(poison):
    # "loss": batch 5 has a NaN loss. "grad": batch 4 has a NaN gradient, so its update
    # poisons the arrays and batch 5's loss is NaN. Either way 4 batches count and the
    # arrays that gave batch 4's loss come back.
    plan = LinearPlan(poison={5 if poison == "loss" else 4: poison})
    _, res = run(plan)
    assert res.reason == "NonFiniteLoss"
    assert res.total_batches == 4 and np.isfinite(res.batch_losses).all()
    assert res.round_losses == pytest.approx([np.mean(res.batch_losses[:3]), res.batch_losses[3]])
    for p, a in res.final_arrays.items():
        assert a.tobytes() == plan.seen_arrays[3][p].tobytes()


def test_should_stop_finishes_the_current_batch():
    asked = []
    plan, res = run(should_stop=lambda: asked.append(1) or len(asked) == 4)
    assert res.reason == "ManualStop" and res.total_batches == 4 and plan.calls == 4
    assert res.total_rounds == 2 and res.round_positions == [3, 4]
    assert not np.array_equal(res.final_arrays[W], plan.seen_arrays[3][W])  # update 4 kept


def test_keyboard_interrupt_in_forward_keeps_what_was_trained():
    plan, res = run(LinearPlan(poison={4: "interrupt"}))
    assert res.reason == "ManualStop" and res.total_batches == 3
    for p, a in res.final_arrays.items():
        assert a.tobytes() == plan.seen_arrays[3][p].tobytes()


def test_keyboard_interrupt_inside_an_update_undoes_it():
    class Interrupted(Adam):
        def step(self, arrays, grads, rates, t):
            super().step(arrays, grads, rates, t)
            if t == 3:
                raise KeyboardInterrupt

    plan, res = run(optimizer=Interrupted(0.01))
    assert res.reason == "ManualStop" and res.total_batches == 2
    for p, a in res.final_arrays.items():
        assert a.tobytes() == plan.seen_arrays[2][p].tobytes()


def test_time_goal():
    _, res = run(time_goal=0.0)
    assert res.reason == "TimeGoal" and res.total_batches == 1


def test_progress_after_every_batch():
    infos = []
    run(progress=infos.append)
    assert len(infos) == 9
    last = infos[-1]
    assert (last["round"], last["batch"], last["total_batches"], last["progress"]) == (3, 3, 9, 1.0)
    assert last["remaining"] == 0.0 and last["elapsed"] > 0
    assert {"loss", "round_loss", "learning_rate", "validation_loss",
            "examples_processed", "rounds", "batches_per_round"} <= set(last)


def test_validation_keeps_the_best_round():
    data = regression(n=12)
    check = regression(n=5, seed=3)
    check["Target"] = check["Target"] + np.linspace(-3, 3, 5)[:, None]  # unreachable
    plan, res = run(data=data, validation=check, rounds=6, optimizer=Adam(0.2))
    assert len(res.validation_losses) == 6 and res.validation_examples == 5
    best = int(np.argmin(res.validation_losses))
    assert res.best_validation_round == best + 1
    # validation of round r ran in batches 2r, 2r+1 (5 examples, B = 4: one padded batch)
    seen = plan.validation_arrays[2 * best]
    for p in seen:
        assert res.best_arrays[p].tobytes() == seen[p].tobytes()
    x, t = check["Input"], check["Target"]
    diff = x @ seen[W].T + seen[B] - t
    assert res.validation_losses[best] == pytest.approx(np.mean(diff ** 2))


def test_without_validation_trained_is_final():
    _, res = run()
    assert res.best_arrays is res.final_arrays and res.best_validation_round is None


def test_varying_length_columns_are_passed_as_lists():
    class SeqPlan(LinearPlan):
        def forward(self, inputs, training=False, rng=None):
            assert isinstance(inputs["Input"], list)
            x = np.stack([s.sum(axis=0) for s in inputs["Input"]])
            return super().forward({"Input": x, "Target": inputs["Target"]}, training, rng)

    rng = np.random.default_rng(5)
    seqs = [rng.normal(size=(k, 3)) for k in (1, 2, 3, 4, 5)]
    data = {"Input": seqs, "Target": rng.normal(size=(5, 2))}
    _, res = run(SeqPlan(), data=data, batch_size=2, rounds=2)
    assert res.total_batches == 6


def test_mismatched_columns_are_refused():
    with pytest.raises(ValueError):
        run(data={"Input": np.zeros((3, 3)), "Target": np.zeros((4, 2))})
