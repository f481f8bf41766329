"""Optimizers against update equations typed out again here in plain NumPy (float64)."""

import math
import tracemalloc

import numpy as np
import pytest

from wlnet.train.optimizers import SGD, Adam, RMSProp

P, Q = ("a", "Weights"), ("a", "Biases")
STEPS = 6


def problem():
    """A quadratic bowl per array: grad(w) = A w - b, so each step depends on the last."""
    rng = np.random.default_rng(7)
    A = rng.normal(size=(3, 3))
    A = A @ A.T + np.eye(3)
    return {P: (A, rng.normal(size=(3, 2)), rng.normal(size=(3, 2))),
            Q: (A, rng.normal(size=(3,)), rng.normal(size=(3,)))}


def grad_of(spec, w):
    A, b, _ = spec
    return A @ w - b


def run(optimizer, rates, steps=STEPS):
    spec = problem()
    arrays = {p: s[2].copy() for p, s in spec.items()}
    for t in range(1, steps + 1):
        grads = {p: grad_of(spec[p], arrays[p]) for p in arrays}
        optimizer.step(arrays, grads, rates, t)
    return arrays


def reference(update, rates, steps=STEPS):
    """Same problem, with ``update(w, g, state, rate, t) -> w`` written out by hand."""
    spec = problem()
    arrays = {p: s[2].copy() for p, s in spec.items()}
    states = {p: {} for p in arrays}
    for t in range(1, steps + 1):
        grads = {p: grad_of(spec[p], arrays[p]) for p in arrays}
        for p in arrays:
            if rates[p] != 0:
                arrays[p] = update(arrays[p], grads[p], states[p], rates[p], t)
    return arrays


def adam_ref(lr=0.001, b1=0.9, b2=0.999, eps=1e-5, l2=0.0, clip=None):
    def update(w, g, st, rate, t):
        g = g + l2 * w
        if clip is not None:
            g = np.clip(g, -clip, clip)
        st["m"] = b1 * st.get("m", 0) + (1 - b1) * g
        st["v"] = b2 * st.get("v", 0) + (1 - b2) * g * g
        lr_t = lr * rate * math.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        return w - lr_t * st["m"] / (np.sqrt(st["v"]) + eps)
    return update


def sgd_ref(lr=0.01, mu=0.93, total=None, l2=0.0, clip=None):
    def update(w, g, st, rate, t):
        factor = 1.0 if total is None else math.sqrt(1 - min(t, total) / (total + 1))
        if clip is not None:
            g = np.clip(g, -clip, clip)
        st["mom"] = mu * st.get("mom", 0) - lr * factor * rate * (g + l2 * w)
        return w + st["mom"]
    return update


def rmsprop_ref(lr=0.001, beta=0.95, mu=0.9, eps=1e-6, l2=0.0, clip=None):
    def update(w, g, st, rate, t):
        g = g + l2 * w
        if clip is not None:
            g = np.clip(g, -clip, clip)
        st["n"] = beta * st.get("n", 0) + (1 - beta) * g * g
        st["a"] = beta * st.get("a", 0) + (1 - beta) * g
        st["d"] = mu * st.get("d", 0) - lr * rate * g / np.sqrt(st["n"] - st["a"] ** 2 + eps)
        return w + st["d"]
    return update


def sgd(**kw):
    opt = SGD(**kw)
    opt.total_steps = 10
    return opt


CASES = [
    ("adam", lambda: Adam(), adam_ref()),
    ("adam-opts", lambda: Adam(0.01, beta1=0.8, beta2=0.99, epsilon=1e-3, l2=0.1,
                               gradient_clipping=0.5), adam_ref(0.01, 0.8, 0.99, 1e-3, 0.1, 0.5)),
    ("sgd", lambda: sgd(), sgd_ref(total=10)),
    ("sgd-opts", lambda: sgd(learning_rate=0.05, momentum=0.5, l2=0.2, gradient_clipping=0.3),
     sgd_ref(0.05, 0.5, 10, 0.2, 0.3)),
    ("sgd-plain", lambda: SGD(momentum=0, schedule=None), sgd_ref(mu=0.0)),
    ("rmsprop", lambda: RMSProp(), rmsprop_ref()),
    ("rmsprop-opts", lambda: RMSProp(0.01, beta=0.9, momentum=0.5, epsilon=1e-4, l2=0.1,
                                     gradient_clipping=0.5),
     rmsprop_ref(0.01, 0.9, 0.5, 1e-4, 0.1, 0.5)),
]


@pytest.mark.parametrize("name,make,ref", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("rate", [1.0, 0.1, -1.0])
def test_matches_reference(name, make, ref, rate):
    rates = {P: rate, Q: 1.0}
    got, want = run(make(), rates), reference(ref, rates)
    for p in want:
        np.testing.assert_allclose(got[p], want[p], rtol=0, atol=1e-6)
        assert not np.allclose(got[p], problem()[p][2])  # it did move


@pytest.mark.parametrize("name,make,ref", CASES, ids=[c[0] for c in CASES])
def test_rate_zero_is_bit_identical_and_keeps_no_state(name, make, ref):
    opt = make()
    opt.weight_clipping = 0.01  # must not touch a frozen array either
    before = problem()[P][2].copy()
    got = run(opt, {P: 0.0, Q: 1.0})
    assert got[P].tobytes() == before.tobytes()
    assert not opt.has_state(P) and opt.has_state(Q)


@pytest.mark.parametrize("name,make,ref", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("clip", [None, 0.05])
def test_pure_rule_is_the_in_place_update_bit_for_bit(name, make, ref, clip):
    """``update`` (the rule the JAX backend compiles) computes in float32 exactly what the
    in-place NumPy ``step`` does: the same operations in the same order."""
    opt, pure = make(), make()
    opt.weight_clipping = pure.weight_clipping = clip
    spec = problem()
    arrays = {p: s[2].astype(np.float32) for p, s in spec.items()}
    mine = {p: w.copy() for p, w in arrays.items()}
    states = {p: pure.initial_state(np, w) for p, w in mine.items()}
    for t in range(1, STEPS + 1):
        grads = {p: grad_of(spec[p], arrays[p]).astype(np.float32) for p in arrays}
        opt.step(arrays, grads, {P: 0.5, Q: 1.0}, t)
        for p, rate in ((P, 0.5), (Q, 1.0)):
            g = grad_of(spec[p], mine[p]).astype(np.float32)
            mine[p], states[p] = pure.update(np, mine[p], g, states[p],
                                             pure.learning_rate(t) * rate)
    for p in arrays:
        assert mine[p].dtype == np.float32 and mine[p].tobytes() == arrays[p].tobytes(), p


@pytest.mark.parametrize("name,make,ref", CASES, ids=[c[0] for c in CASES])
def test_learning_rate_table_is_the_rate_of_each_step(name, make, ref):
    custom = make()
    custom.schedule = lambda i, n: 1.0 / (1 + i)
    for opt in (make(), custom):
        opt.total_steps = 12
        np.testing.assert_allclose(opt.learning_rates(3, 9),
                                   [opt.learning_rate(t) for t in range(4, 13)],
                                   rtol=1e-13, atol=0)


def test_weight_clipping_bounds_the_array():
    got = run(Adam(0.5, weight_clipping=0.05), {P: 1.0, Q: 1.0})
    assert max(np.abs(a).max() for a in got.values()) <= 0.05


def test_learning_rates_reported():
    adam = Adam(0.01)
    assert adam.learning_rate(1) == pytest.approx(0.01 * math.sqrt(0.001) / 0.1)
    s = SGD()
    s.total_steps = 4
    assert s.learning_rate(4) == pytest.approx(0.01 * math.sqrt(1 - 4 / 5))
    s.schedule = lambda i, n: 1 - i / n  # Wolfram calls f[min(t-1, n), n]
    assert [s.learning_rate(t) for t in (1, 5)] == pytest.approx([0.01, 0.0])
    with pytest.raises(ValueError):
        SGD().learning_rate(1)  # "Polynomial" needs total_steps
    with pytest.raises(ValueError):
        Adam(schedule="Cosine")


def test_float32_stays_float32():
    w = {P: np.ones((4, 4), np.float32)}
    Adam().step(w, {P: np.ones((4, 4), np.float32)}, {P: 1.0}, 1)
    assert w[P].dtype == np.float32


@pytest.mark.parametrize("make", [Adam, lambda: sgd(l2=0.1), lambda: RMSProp(l2=0.1)])
def test_steps_allocate_nothing_array_sized(make):
    opt = make()
    w = {P: np.ones((500, 500))}  # 2 MB
    g = {P: np.full((500, 500), 0.5)}
    opt.step(w, g, {P: 1.0}, 1)  # first step allocates the state
    tracemalloc.start()
    for t in range(2, 6):
        opt.step(w, g, {P: 1.0}, t)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100_000
