"""The registered layers' examples for the generic layer tests, and JAX as a second
oracle for them. JAX runs in a process of its own (``python layer_examples.py`` prints
a JSON report): its threads must not live in the test process, whose REPL tests fork."""
import json
import sys

import numpy as np

from wlnet.nets.initialize import initialize
from wlnet.nets.layer import layer_classes
from wlnet.nets.plan import compile

LAYERS = layer_classes()
CASES = [(head, i) for head, cls in sorted(LAYERS.items())
         for i in range(len(cls.examples(np.random.default_rng(0))))]


def example(head, i, seed=0):
    """The example with its layer's arrays initialised and then moved off their initial
    values (ones and zeros would hide a wrong gradient); inputs in float64."""
    rng = np.random.default_rng(seed)
    ex = LAYERS[head].examples(rng)[i]
    net = initialize(ex.layer, rng)
    net = net.with_arrays({p: a + 0.3 * rng.standard_normal(a.shape)
                           for p, a in net.arrays().items()})
    inputs = {p: np.asarray(v, np.float64) for p, v in ex.inputs.items()}
    return ex, net, inputs


def jax_problem(head, i) -> str:
    """"" when ``jax.numpy`` runs the example's forward to the kernel's outputs and
    ``jax.grad`` of it gives the kernel's backward (float32), else what differs."""
    import jax
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
    try:
        for port, value in net.forward(jnp, arrays, {**inputs, **xs}).items():
            np.testing.assert_allclose(np.asarray(value), outs[port], rtol=2e-5, atol=2e-5,
                                       err_msg=f"output {port}")
        g_arrays, g_inputs = jax.grad(objective, argnums=(0, 1))(arrays, xs)
        for n, p in names.items():
            np.testing.assert_allclose(np.asarray(g_arrays[n]), grads[p], rtol=1e-3,
                                       atol=1e-4, err_msg=f"gradient of {n}")
        for p in free:
            np.testing.assert_allclose(np.asarray(g_inputs[p]), plan.input_grads[p],
                                       rtol=1e-3, atol=1e-4, err_msg=f"gradient of {p}")
    except Exception as problem:  # noqa: BLE001 (reported to the test, which fails)
        return f"{type(problem).__name__}: {problem}"
    return ""


if __name__ == "__main__":
    json.dump({f"{h}-{i}": jax_problem(h, i) for h, i in CASES}, sys.stdout)
