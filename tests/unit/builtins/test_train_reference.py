"""NetTrain against an independent reference written here in plain NumPy (float64).

The reference re-derives everything from the Wolfram facts (spec section 2.2): the loss
is the batch mean of MeanSquaredLossLayer (mean over an example's elements), the seed
fold is unrolled by hand (s_t = W3 (W2 (x_t + s_{t-1}) + b2), s_0 = 0) with its gradient
by back-propagation through time, and ADAM, SGD (momentum, "Polynomial" schedule) and
RMSProp are written from their update equations. NetTrain runs with
WorkingPrecision -> "Real64" and one batch per round, so the batch order does not matter.
"""

import numpy as np
import pytest

from wlnet.builtins.nets.values import NetValue, as_net
from wlnet.expr import Expr, PackedArray, S, Symbol
from wlnet.kernel.evaluator import Evaluation
from wlnet.kernel.session import Session
from wlnet.nets.layers.elementwise import ElementwiseLayer
from wlnet.nets.operators import Fold
from wlnet.nets.graph import Chain, Graph
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.threading import TotalLayer

W2 = np.array([[0.517432, -0.660375], [-0.524418, 0.517747]])
B2 = np.array([0.1, -0.2])
W3 = np.array([[1.0, 0.5], [0.0, 1.0]])
FOLD_DATA = [
    (np.array([[1.0, 2.0], [0.5, -1.0]]), np.array([[1.0, 2.0], [0.0, 1.0]])),
    (np.array([[0.3, 0.1], [1.0, 1.0], [-0.5, 0.2]]),
     np.array([[0.2, 0.1], [0.5, 0.4], [0.0, 0.3]])),
    (np.array([[2.0, -1.0], [0.0, 0.5]]), np.array([[-1.0, 1.0], [0.5, 0.5]])),
]
FOLD_KEYS = {("Net", "l2", "Weights"): "W2", ("Net", "l2", "Biases"): "b2",
             ("Net", "l3", "Weights"): "W3"}

CHAIN_W1 = np.array([[0.3, -0.2], [0.8, 0.1], [-0.5, 0.4]])
CHAIN_B1 = np.array([0.05, -0.1, 0.2])
CHAIN_W2 = np.array([[0.6, -0.3, 0.2], [0.1, 0.9, -0.4]])
CHAIN_B2 = np.array([0.0, 0.1])
CHAIN_X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.3, -0.7], [2.0, 1.0]])
CHAIN_Y = np.array([[0.5, -1.0], [1.0, 0.0], [-0.2, 0.3], [0.8, 0.8]])
CHAIN_KEYS = {(1, "Weights"): "W1", (1, "Biases"): "b1", (3, "Weights"): "W2",
              (3, "Biases"): "b2"}


# -- the reference ----------------------------------------------------------------------
def fold_loss_grad(p):
    """Batch-mean MSE loss of the seed fold and its gradient, by hand."""
    grads = {k: np.zeros_like(v) for k, v in p.items()}
    total = 0.0
    for x, y in FOLD_DATA:
        T = len(x)
        s, ls, hs, outs = np.zeros(2), [], [], []
        for t in range(T):
            l = x[t] + s
            h = p["W2"] @ l + p["b2"]
            s = p["W3"] @ h
            ls.append(l), hs.append(h), outs.append(s)
        outs = np.array(outs)
        total += np.mean((outs - y) ** 2)
        dout = 2 * (outs - y) / (T * 2) / len(FOLD_DATA)
        carry = np.zeros(2)
        for t in reversed(range(T)):
            gs = dout[t] + carry
            grads["W3"] += np.outer(gs, hs[t])
            gh = p["W3"].T @ gs
            grads["W2"] += np.outer(gh, ls[t])
            grads["b2"] += gh
            carry = p["W2"].T @ gh
    return total / len(FOLD_DATA), grads


def chain_loss_grad(p):
    """LinearLayer[3] -> Tanh -> LinearLayer[2] with batch-mean MSE, by hand."""
    h = CHAIN_X @ p["W1"].T + p["b1"]
    a = np.tanh(h)
    y = a @ p["W2"].T + p["b2"]
    n = len(CHAIN_X)
    dy = 2 * (y - CHAIN_Y) / y.shape[1] / n
    da = dy @ p["W2"]
    dh = da * (1 - a ** 2)
    grads = {"W2": dy.T @ a, "b2": dy.sum(0), "W1": dh.T @ CHAIN_X, "b1": dh.sum(0)}
    return float(np.mean(np.mean((y - CHAIN_Y) ** 2, axis=1))), grads


def reference_run(loss_grad, params, method, steps, rates, lr):
    """Losses before each step and the parameters after ``steps`` steps."""
    p = {k: v.astype(np.float64).copy() for k, v in params.items()}
    state = {k: [np.zeros_like(v) for _ in range(3)] for k, v in p.items()}
    losses = []
    for t in range(1, steps + 1):
        loss, g = loss_grad(p)
        losses.append(loss)
        for k in p:
            r = rates.get(k, 1.0)
            if r == 0:
                continue
            a, b, c = state[k]
            if method == "ADAM":
                a[:] = 0.9 * a + 0.1 * g[k]
                b[:] = 0.999 * b + 0.001 * g[k] ** 2
                p[k] -= lr * r * np.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t) * a / (np.sqrt(b) + 1e-5)
            elif method == "SGD":
                factor = np.sqrt(1 - min(t, steps) / (steps + 1))
                a[:] = 0.93 * a - lr * r * factor * g[k]
                p[k] += a
            else:  # RMSProp, centred (Graves)
                a[:] = 0.95 * a + 0.05 * g[k] ** 2
                b[:] = 0.95 * b + 0.05 * g[k]
                c[:] = 0.9 * c - lr * r * g[k] / np.sqrt(a - b ** 2 + 1e-6)
                p[k] += c
    return np.array(losses), p


# -- wlnet ------------------------------------------------------------------------------
def seed_fold():
    fixed = LinearLayer(2, weights=W3, biases=None)
    core = Graph({"l1": TotalLayer(), "l2": LinearLayer(2, input=2, weights=W2, biases=B2),
                  "l3": fixed},
                 [([("port", "Input"), ("port", "State")], "l1"), ("l1", "l2"), ("l2", "l3")])
    return Fold(core, input=("Varying", 2))


def small_chain():
    return Chain([LinearLayer(3, input=2, weights=CHAIN_W1, biases=CHAIN_B1),
                  ElementwiseLayer("Tanh"), LinearLayer(2, weights=CHAIN_W2, biases=CHAIN_B2)])


def session_with(**values):
    s = Session(seed=1)
    ev = Evaluation(s)
    for name, v in values.items():
        ev.evaluate(Expr(S.Set, Symbol(name), v))
    return s


def seq_expr(rows):
    return PackedArray(np.asarray(rows, dtype=np.float64))


def fold_data_expr():
    return Expr.make(S.List, [Expr(S.Rule, seq_expr(x), seq_expr(y)) for x, y in FOLD_DATA])


def chain_data_expr():
    return Expr(S.Rule, seq_expr(CHAIN_X), seq_expr(CHAIN_Y))


def train(net, data, keys, method, steps, lrm="Automatic"):
    """One batch per round (BatchSize = all examples), so the shuffle order is irrelevant."""
    s = session_with(net=NetValue(net), data=data)
    batch = len(data.args) if data.head is S.List else len(CHAIN_X)
    outs = s.evaluate(
        f'NetTrain[net, data, {{"FinalNet", "BatchLossList"}}, Method -> {method}, '
        f'MaxTrainingRounds -> {steps}, BatchSize -> {batch}, '
        f'WorkingPrecision -> "Real64", LearningRateMultipliers -> {lrm}]')
    assert not outs[-1].messages, outs[-1].messages
    final, losses = outs[-1].value.args
    arrays = as_net(final).arrays()
    return np.array(losses.array), {keys[p]: np.asarray(a, np.float64) for p, a in arrays.items()}


FOLD_START = {"W2": W2.astype(np.float32), "b2": B2.astype(np.float32),
              "W3": W3.astype(np.float32)}
CHAIN_START = {"W1": CHAIN_W1.astype(np.float32), "b1": CHAIN_B1.astype(np.float32),
               "W2": CHAIN_W2.astype(np.float32), "b2": CHAIN_B2.astype(np.float32)}
LEARNING_RATES = {"ADAM": 0.001, "SGD": 0.01, "RMSProp": 0.001}


@pytest.mark.parametrize("method", ["ADAM", "SGD", "RMSProp"])
def test_seed_fold_losses_and_weights_match_the_reference(method):
    losses, arrays = train(seed_fold(), fold_data_expr(), FOLD_KEYS, f'"{method}"', 6)
    ref_losses, ref = reference_run(fold_loss_grad, FOLD_START, method, 6, {},
                                    LEARNING_RATES[method])
    np.testing.assert_allclose(losses, ref_losses, atol=1e-6)
    for k in ref:
        np.testing.assert_allclose(arrays[k], ref[k], atol=1e-6, err_msg=k)
    assert not np.allclose(arrays["W3"], W3)     # training did move the arrays


@pytest.mark.parametrize("method", ["ADAM", "SGD", "RMSProp"])
def test_small_chain_losses_and_weights_match_the_reference(method):
    losses, arrays = train(small_chain(), chain_data_expr(), CHAIN_KEYS, f'"{method}"', 8)
    ref_losses, ref = reference_run(chain_loss_grad, CHAIN_START, method, 8, {},
                                    LEARNING_RATES[method])
    np.testing.assert_allclose(losses, ref_losses, atol=1e-6)
    for k in ref:
        np.testing.assert_allclose(arrays[k], ref[k], atol=1e-6, err_msg=k)


@pytest.mark.parametrize("net, data, keys, loss_grad, start", [
    (seed_fold, fold_data_expr, FOLD_KEYS, fold_loss_grad, FOLD_START),
    (small_chain, chain_data_expr, CHAIN_KEYS, chain_loss_grad, CHAIN_START)])
def test_gradients_match_the_reference(net, data, keys, loss_grad, start):
    """One plain SGD step with rate 1 moves every array by exactly -gradient."""
    plain = '{"SGD", "Momentum" -> 0, "LearningRateSchedule" -> None, "LearningRate" -> 1}'
    _, arrays = train(net(), data(), keys, plain, 1)
    _, grads = loss_grad({k: v.astype(np.float64) for k, v in start.items()})
    for k in grads:
        np.testing.assert_allclose(start[k] - arrays[k], grads[k], atol=1e-6, err_msg=k)


@pytest.mark.parametrize("method", ["ADAM", "SGD", "RMSProp"])
def test_multipliers_zero_tenth_minus_one_and_none(method):
    """0 and None freeze (bit-identical), 0.1 and -1 scale the update, per the reference."""
    lrm = '{{"Net", "l3"} -> None, {"Net", "l2", "Biases"} -> 0, {"Net", "l2", "Weights"} -> 0.1}'
    losses, arrays = train(seed_fold(), fold_data_expr(), FOLD_KEYS, f'"{method}"', 5, lrm)
    ref_losses, ref = reference_run(fold_loss_grad, FOLD_START, method, 5,
                                    {"W3": 0, "b2": 0, "W2": 0.1}, LEARNING_RATES[method])
    np.testing.assert_allclose(losses, ref_losses, atol=1e-6)
    np.testing.assert_allclose(arrays["W2"], ref["W2"], atol=1e-6)
    assert np.array_equal(arrays["W3"], W3.astype(np.float32))
    assert np.array_equal(arrays["b2"], B2.astype(np.float32))

    lrm = '{1 -> -1, _ -> 1}'
    losses, arrays = train(small_chain(), chain_data_expr(), CHAIN_KEYS, f'"{method}"', 5, lrm)
    ref_losses, ref = reference_run(chain_loss_grad, CHAIN_START, method, 5,
                                    {"W1": -1, "b1": -1}, LEARNING_RATES[method])
    np.testing.assert_allclose(losses, ref_losses, atol=1e-6)
    for k in ref:
        np.testing.assert_allclose(arrays[k], ref[k], atol=1e-6, err_msg=k)
