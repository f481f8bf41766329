"""Every registered layer keeps the contract of its one definition (wlnet/nets/layer.py),
on the examples it declares: its pure forward run with NumPy equals its kernel (while
evaluating and while training, from the same random draws), its hand-written backward
equals finite differences in float64 for every input and every array, and with JAX
installed ``jax.numpy`` runs the same forward and ``jax.grad`` of it agrees with the
backward (the second oracle issue 16 asks for). A new layer is checked here without a
line of test code; its own test module checks what is particular to it."""
import numpy as np
import pytest

from wlnet.nets.initialize import initialize
from wlnet.nets.layer import layer_classes
from wlnet.nets.plan import compile

LAYERS = layer_classes()
CASES = [(head, i) for head, cls in sorted(LAYERS.items())
         for i in range(len(cls.examples(np.random.default_rng(0))))]


def example(head, i, seed=0):
    """The example with its layer's arrays initialised and then moved off their initial
    values (ones and zeros would hide a wrong gradient)."""
    rng = np.random.default_rng(seed)
    ex = LAYERS[head].examples(rng)[i]
    net = initialize(ex.layer, rng)
    net = net.with_arrays({p: a + 0.3 * rng.standard_normal(a.shape)
                           for p, a in net.arrays().items()})
    inputs = {p: np.asarray(v, np.float64) for p, v in ex.inputs.items()}
    return ex, net, inputs


def test_every_layer_declares_examples():
    assert LAYERS and all(cls.examples(np.random.default_rng(0)) for cls in LAYERS.values())


def test_layer_and_its_kernel_forms_are_registered_once():
    assert all(cls.head == head for head, cls in LAYERS.items())


@pytest.mark.parametrize("head, i", CASES)
@pytest.mark.parametrize("training", [False, True])
def test_pure_forward_equals_the_kernel(head, i, training):
    ex, net, inputs = example(head, i)
    plan = compile(net, np.float64)
    got = plan.forward(inputs, training=training, rng=np.random.default_rng(5))
    arrays = {p[-1]: a for p, a in plan.arrays.items()}
    want = net.forward(np, arrays, inputs, training=training, rng=np.random.default_rng(5))
    assert got.keys() == want.keys()
    for port in got:
        assert np.shape(want[port]) == got[port].shape
        np.testing.assert_allclose(got[port], want[port], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("head, i", CASES)
def test_backward_equals_finite_differences(head, i, gradcheck):
    ex, net, inputs = example(head, i)
    gradcheck(net, inputs, skip_inputs=ex.exact)


@pytest.mark.parametrize("head, i", CASES)
def test_jax_runs_the_same_forward_and_its_gradient_is_the_backward(head, i):
    jax = pytest.importorskip("jax")
    jnp = jax.numpy
    ex, net, inputs = example(head, i)
    inputs = {p: v.astype(np.float32) for p, v in inputs.items()}
    plan = compile(net, np.float32)
    outs = plan.forward(inputs)
    rng = np.random.default_rng(9)
    seeds = {p: rng.standard_normal(v.shape).astype(np.float32) for p, v in outs.items()}
    grads = plan.backward(seeds)
    names = {p[-1]: p for p in plan.arrays}
    free = [p for p in inputs if p not in ex.exact]

    def objective(arrays, xs):
        out = net.forward(jnp, arrays, {**inputs, **xs})
        return sum(jnp.sum(out[p] * seeds[p]) for p in out)

    arrays = {n: jnp.asarray(plan.arrays[p]) for n, p in names.items()}
    xs = {p: jnp.asarray(inputs[p]) for p in free}
    for port, value in net.forward(jnp, arrays, {**inputs, **xs}).items():
        np.testing.assert_allclose(np.asarray(value), outs[port], rtol=2e-5, atol=2e-5)
    g_arrays, g_inputs = jax.grad(objective, argnums=(0, 1))(arrays, xs)
    for n, p in names.items():
        np.testing.assert_allclose(np.asarray(g_arrays[n]), grads[p], rtol=1e-3, atol=1e-4)
    for p in free:
        np.testing.assert_allclose(np.asarray(g_inputs[p]), plan.input_grads[p],
                                   rtol=1e-3, atol=1e-4)
