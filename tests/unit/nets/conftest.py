"""Shared helpers for the net runtime tests: a finite-difference gradient check."""
import numpy as np
import pytest

from wlnet.nets.initialize import initialize
from wlnet.nets.plan import compile


def _loss(plan, inputs, weights):
    outs = {**plan.forward(inputs), **plan.final_states}
    return sum(float(np.sum(weights[p] * outs[p])) for p in weights)


def check_gradients(net, inputs, *, skip_inputs=(), seed=0, eps=1e-6, rtol=1e-5, atol=1e-7,
                    samples=6):
    """Compare plan.backward with central differences in float64 for every array and
    every float input, the loss weighing every output and final state; initialises
    missing arrays first. Returns the plan."""
    rng = np.random.default_rng(seed)
    if not net.is_initialized():
        net = initialize(net, rng)
    plan = compile(net, np.float64)
    inputs = {p: np.asarray(v, dtype=np.float64) for p, v in inputs.items()}
    outs = {**plan.forward(inputs), **plan.final_states}   # outputs and recurrent states
    weights = {p: rng.standard_normal(np.shape(v)) for p, v in outs.items()}
    grads = {p: g.copy() for p, g in plan.backward(weights).items()}
    input_grads = dict(plan.input_grads)
    targets = [(plan.arrays[p], grads[p], str(p)) for p in plan.arrays]
    targets += [(inputs[p], input_grads[p], p) for p in inputs if p not in skip_inputs]
    for buf, grad, name in targets:
        flat = buf.reshape(-1)
        picks = rng.choice(flat.size, size=min(samples, flat.size), replace=False)
        for i in picks:
            old = flat[i]
            flat[i] = old + eps
            up = _loss(plan, inputs, weights)
            flat[i] = old - eps
            down = _loss(plan, inputs, weights)
            flat[i] = old
            numeric = (up - down) / (2 * eps)
            assert np.isclose(grad.reshape(-1)[i], numeric, rtol=rtol, atol=atol), \
                (name, i, grad.reshape(-1)[i], numeric)
    return plan


@pytest.fixture
def gradcheck():
    return check_gradients
