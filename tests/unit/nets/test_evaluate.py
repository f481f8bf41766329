"""``Net.evaluate``, the pure forward of a whole net that backends lower (the JAX backend
compiles and differentiates it): for every container and operator it equals the
compiled NumPy plan, evaluating and training (the same random draws), outputs and final
states. Layers are checked by their own contract (test_layer_contract.py)."""
import numpy as np
import pytest

from wlnet.nets.arrayapi import scan
from wlnet.nets.plan import compile

from wlnet.nets.initialize import initialize

from .container_examples import NAMES, counting_nets, example


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("training", [False, True])
def test_evaluate_equals_the_plan(name, training):
    net, inputs = example(name)
    plan = compile(net, np.float64)
    got = plan.forward(inputs, training=training, rng=np.random.default_rng(5))
    got.update(plan.final_states)
    want = net.evaluate(np, dict(plan.arrays), inputs, training, np.random.default_rng(5))
    assert sorted(want) == sorted(got)
    for port in got:
        np.testing.assert_allclose(want[port], got[port], rtol=1e-12, atol=1e-12,
                                   err_msg=port)


def test_scan_runs_a_python_loop_under_numpy():
    xs = {"a": np.arange(4.0), "b": np.ones(4)}
    final, ys = scan(np, lambda c, x: (c + x["a"], {"s": c * x["b"]}), 0.0, xs)
    assert final == 6.0 and ys["s"].tolist() == [0.0, 0.0, 1.0, 3.0]
    final, ys = scan(np, lambda c, x: (c * x, c), 1.0, np.array([2.0, 3.0]))
    assert final == 6.0 and ys.tolist() == [1.0, 2.0]


@pytest.mark.parametrize("name", list(counting_nets()))
def test_auxiliary_updates_are_what_the_kernels_do_in_place(name):
    """"Steps" counts the passes through its layer while training: the kernel adds 1 in
    place, its forward's ``Outputs.updates`` give +1, and ``evaluate`` threads it (a fold's 4 steps
    count 4, a nest of 3 counts 3)."""
    net, shape = counting_nets()[name]
    net = initialize(net, np.random.default_rng(0))
    x = {"Input": np.random.default_rng(1).standard_normal(shape)}
    updates = {}
    net.evaluate(np, net.arrays(), x, True, None, updates)
    steps = [p for p in net.arrays() if p[-1] == "Steps"]
    plan = compile(net, np.float64)
    plan.forward(x, training=True, updates=steps)   # NetTrain names what may change
    assert sorted(updates) == steps
    for p in steps:
        assert np.array_equal(updates[p], plan.arrays[p]), (p, updates[p], plan.arrays[p])
    untouched = {}
    net.evaluate(np, net.arrays(), x, False, None, untouched)
    assert untouched == {}
