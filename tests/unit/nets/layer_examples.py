"""The registered layers' examples for the generic layer tests, and JAX as a second
oracle for them and for every container (``container_examples.py``). JAX runs in a
process of its own (``python layer_examples.py`` prints a JSON report): its threads must
not live in the test process, whose REPL tests fork."""
import json
import sys
from pathlib import Path

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


def jax_problem(net, inputs, exact=()) -> str:
    """"" when the JAX backend's lowering of the net (its pure forward run with
    ``jax.numpy``, loops as ``lax.scan``) gives the plan's outputs and ``jax.grad`` of
    it gives the plan's backward (float32), else what differs."""
    import jax
    from wlnet.backends.jax.lowering import run
    inputs = {p: v.astype(np.float32) for p, v in inputs.items()}
    plan = compile(net, np.float32)
    outs = {**plan.forward(inputs), **plan.final_states}
    rng = np.random.default_rng(9)
    seeds = {p: rng.standard_normal(v.shape).astype(np.float32) for p, v in outs.items()}
    grads = plan.backward(seeds)
    free = [p for p in inputs if p not in exact]

    def objective(arrays, xs):
        out = run(net, arrays, {**inputs, **xs}, False)
        return sum(jax.numpy.sum(out[p] * seeds[p]) for p in out)

    arrays = {p: jax.numpy.asarray(a) for p, a in plan.arrays.items()}
    xs = {p: jax.numpy.asarray(inputs[p]) for p in free}
    try:
        for port, value in run(net, arrays, {**inputs, **xs}, False).items():
            np.testing.assert_allclose(np.asarray(value), outs[port], rtol=2e-5, atol=2e-5,
                                       err_msg=f"output {port}")
        g_arrays, g_inputs = jax.grad(objective, argnums=(0, 1))(arrays, xs)
        for p in plan.arrays:
            np.testing.assert_allclose(np.asarray(g_arrays[p]), grads[p], rtol=1e-3,
                                       atol=1e-4, err_msg=f"gradient of {p}")
        for p in free:
            np.testing.assert_allclose(np.asarray(g_inputs[p]), plan.input_grads[p],
                                       rtol=1e-3, atol=1e-4, err_msg=f"gradient of {p}")
    except Exception as problem:  # noqa: BLE001 (reported to the test, which fails)
        return f"{type(problem).__name__}: {problem}"
    return ""


def report() -> dict:
    """{case: problem or ""} for every layer example ("Head-i") and every container
    example ("container:name")."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import container_examples
    out = {}
    for head, i in CASES:
        ex, net, inputs = example(head, i)
        out[f"{head}-{i}"] = jax_problem(net, inputs, ex.exact)
    for name in container_examples.NAMES:
        out[f"container:{name}"] = jax_problem(*container_examples.example(name))
    return out


if __name__ == "__main__":
    json.dump(report(), sys.stdout)
