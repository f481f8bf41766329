"""Every registered layer keeps the contract of its one definition (wlnet/nets/layer.py),
on the examples it declares: its pure forward run with NumPy equals its kernel (while
evaluating and while training, from the same random draws), its hand-written backward
equals finite differences in float64 for every input and every array, and with JAX
installed the JAX backend's lowering runs the same forward and ``jax.grad`` of it agrees
with the backward (the second oracle issue 16 asks for), for every layer and for every
container of ``container_examples.py``. A new layer is checked here without a line of
test code; its own test module checks what is particular to it."""
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from wlnet.nets.plan import compile

from .container_examples import NAMES
from .layer_examples import CASES, LAYERS, example

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def jax_report():
    """{case: problem or ""} from layer_examples.py run by a separate Python."""
    if importlib.util.find_spec("jax") is None:
        pytest.skip("JAX is not installed (the optional extra jax)")
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("layer_examples.py"))],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


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
    got.update(plan.final_states)    # a recurrent layer's states after the last step
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
def test_jax_runs_the_same_forward_and_its_gradient_is_the_backward(head, i, jax_report):
    assert jax_report[f"{head}-{i}"] == ""


@pytest.mark.parametrize("name", NAMES)
def test_jax_gradient_of_every_container_is_the_backward(name, jax_report):
    assert jax_report[f"container:{name}"] == ""
