"""The plan's gradient buffers across backward calls: a linear layer that alone uses its
arrays writes their gradients in place (no zeroing, no temporary), everything else is
zeroed first; either way each call must give the gradients of that call alone."""
import numpy as np
import pytest

from wlnet.nets.operators import Fold, NestOp
from wlnet.nets.graph import Chain, Graph
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.sequence import SequenceLastLayer
from wlnet.nets.layers.threading import TotalLayer
from wlnet.nets.plan import compile

RNG = np.random.default_rng(7)


def grads_of(plan, inputs, seeds):
    plan.forward(inputs)
    return {p: g.copy() for p, g in plan.backward(seeds).items()}


def fresh_grads(net, inputs, seeds, dtype=np.float64):
    return grads_of(compile(net, dtype), inputs, seeds)


def same(a, b):
    """a equals the reference b, which must not be all zeros (that would prove nothing)."""
    assert any(np.any(v) for v in b.values())
    return a.keys() == b.keys() and all(np.allclose(a[p], b[p], rtol=1e-6, atol=1e-7)
                                        for p in a)


@pytest.mark.parametrize("batch", [1, 2, 5])
def test_repeated_backward_calls_equal_a_fresh_plan(batch):
    net = initialize(Chain([LinearLayer(6, input=4), "Tanh", LinearLayer(3)]), RNG)
    plan = compile(net, np.float64)
    assert len(plan._owners) == 2 and plan._zero == []  # both write in place
    for _ in range(3):
        x, gy = RNG.standard_normal((batch, 4)), RNG.standard_normal((batch, 3))
        got = grads_of(plan, {"Input": x}, {"Output": gy})
        assert same(got, fresh_grads(net, {"Input": x}, {"Output": gy}))


def test_batch_of_one_matches_the_outer_product_in_float32():
    net = initialize(Chain([LinearLayer(256, input=784)]), RNG)
    plan = compile(net)
    x, gy = RNG.standard_normal((1, 784)), RNG.standard_normal((1, 256))
    got = grads_of(plan, {"Input": x}, {"Output": gy})
    want = np.outer(gy[0].astype(np.float32), x[0].astype(np.float32))
    assert got[(1, "Weights")].dtype == np.float32
    assert np.allclose(got[(1, "Weights")], want, rtol=1e-6)


def test_a_layer_no_gradient_reaches_is_zero_after_one_that_did():
    net = initialize(Graph({"a": LinearLayer(3, input=2), "b": LinearLayer(2, input=2)},
                           [(("port", "Input"), "a"), (("port", "Input"), "b")]), RNG)
    plan = compile(net, np.float64)
    x = RNG.standard_normal((4, 2))
    both = {"Output1": np.ones((4, 3)), "Output2": np.ones((4, 2))}
    grads_of(plan, {"Input": x}, both)
    only_a = grads_of(plan, {"Input": x}, {"Output1": np.ones((4, 3))})
    assert not np.any(only_a[("b", "Weights")]) and not np.any(only_a[("b", "Biases")])
    assert same(only_a, fresh_grads(net, {"Input": x}, {"Output1": np.ones((4, 3))}))


def test_frozen_arrays_keep_zero_gradients_after_an_earlier_full_pass():
    net = initialize(Chain([LinearLayer(3, input=2), LinearLayer(2)]), RNG)
    plan = compile(net, np.float64)
    x, gy = RNG.standard_normal((4, 2)), RNG.standard_normal((4, 2))
    full = grads_of(plan, {"Input": x}, {"Output": gy})
    plan.require_grads({(2, "Weights")}, input_grads=False)
    assert plan._writers == plan._owners[1:]  # the frozen layer's buffers are left alone
    part = grads_of(plan, {"Input": x}, {"Output": gy})
    for p in full:
        assert np.allclose(part[p], full[p] if p == (2, "Weights") else 0)


def test_arrays_used_inside_operators_are_summed_not_overwritten():
    nest = initialize(NestOp(Chain([LinearLayer(3, input=3), "Tanh"]), 3), RNG)
    plan = compile(nest, np.float64)
    assert plan._owners == []
    for _ in range(2):
        x, gy = RNG.standard_normal((2, 3)), RNG.standard_normal((2, 3))
        got = grads_of(plan, {"Input": x}, {"Output": gy})
        assert same(got, fresh_grads(nest, {"Input": x}, {"Output": gy}))


def test_sequences_of_several_lengths_add_into_a_layer_that_writes_in_place():
    cell = Graph({"l1": TotalLayer(), "l2": LinearLayer(2, input=2), "l3": LinearLayer(2)},
                 [([("port", "Input"), ("port", "State")], "l1"), ("l1", "l2"), ("l2", "l3")])
    net = initialize(Chain([Fold(cell, input=("Varying", 2)), SequenceLastLayer(),
                            LinearLayer(3)]), RNG)
    plan = compile(net, np.float64)
    assert len(plan._owners) == 1  # the last LinearLayer; the cell's are in an operator
    seqs = [RNG.standard_normal((n, 2)) for n in (3, 5, 3)]
    gy = RNG.standard_normal((3, 3))
    for _ in range(2):
        got = grads_of(plan, {"Input": seqs}, {"Output": gy})
    total = {p: 0 for p in got}
    for s, g in zip(seqs, gy):
        for p, v in fresh_grads(net, {"Input": s[None]}, {"Output": g[None]}).items():
            total[p] = total[p] + v
    assert np.any(got[(3, "Weights")]) and same(got, total)
