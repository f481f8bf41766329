"""Every layer: outputs equal a direct NumPy computation, gradients equal finite differences."""
import numpy as np
import pytest

from wlnet.nets.layers.elementwise import ElementwiseLayer
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.catenate import CatenateLayer
from wlnet.nets.layers.dropout import DropoutLayer
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.sequence import SequenceLastLayer
from wlnet.nets.layers.softmax import SoftmaxLayer
from wlnet.nets.layers.summation import SummationLayer
from wlnet.nets.layers.threading import ThreadingLayer, TotalLayer
from wlnet.nets.layers.losses import CrossEntropyLossLayer, MeanAbsoluteLossLayer, MeanSquaredLossLayer
from wlnet.nets.plan import compile

RNG = np.random.default_rng(7)


def run(net, **inputs):
    return compile(net, np.float64).forward(inputs)


def test_linear_output_and_arrays():
    w, b = RNG.standard_normal((3, 4)), RNG.standard_normal(3)
    layer = LinearLayer(3, weights=w, biases=b)
    assert layer.input_ports() == {"Input": (4,)} and layer.output_ports() == {"Output": (3,)}
    assert layer.array_paths() == [("Biases",), ("Weights",)]
    assert layer.arrays()[("Weights",)].dtype == np.float32
    x = RNG.standard_normal((5, 4))
    want = x @ layer.arrays()[("Weights",)].T + layer.arrays()[("Biases",)]
    assert np.allclose(run(layer, Input=x)["Output"], want)


def test_linear_forms_infer_shapes():
    assert LinearLayer(2, input=3).array_shapes() == {("Biases",): (2,), ("Weights",): (2, 3)}
    assert LinearLayer((2, 3), input=(4, 5)).array_shapes()[("Weights",)] == (6, 20)
    assert LinearLayer((), input=3).output_ports() == {"Output": ()}
    assert LinearLayer().array_shapes() == {("Biases",): None, ("Weights",): None}
    assert LinearLayer(weights=np.ones((2, 5))).input_ports() == {"Input": (5,)}
    assert LinearLayer(2, biases=None).array_paths() == [("Weights",)]


@pytest.mark.parametrize("layer, shape", [
    (LinearLayer(3, input=4), (4,)),
    (LinearLayer((2, 2), input=(3, 2)), (3, 2)),
    (LinearLayer((), input=3, biases=None), (3,)),
    (SoftmaxLayer(input=5), (5,)),
    (SoftmaxLayer(input=(2, 3)), (2, 3)),
    (SequenceLastLayer(input=(4, 3)), (4, 3)),
    (SummationLayer(input=(2, 3)), (2, 3)),
    (DropoutLayer(0.3, input=3), (3,)),
])
def test_single_input_gradients(gradcheck, layer, shape):
    gradcheck(layer, {"Input": RNG.standard_normal((4,) + shape)})


FUNCTIONS = ["Ramp", "Tanh", "LogisticSigmoid", "Sin", "Cos", "Exp", "Log", "Sqrt", "Abs",
             ("Plus", ("Power", "x", 2.0), 1.0),
             ("Times", 3.0, ("Sin", "x"), ("Power", "x", -1.0)),
             ("Power", 2.0, ("Tanh", "x")),
             ("Power", "x", "x")]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_elementwise_gradients(gradcheck, function):
    x = RNG.uniform(0.2, 2.0, (3, 4)) * RNG.choice([-1, 1], (3, 4))
    if function in ("Log", "Sqrt") or (isinstance(function, tuple) and function[1] == "x"):
        x = np.abs(x)
    gradcheck(ElementwiseLayer(function, input=4), {"Input": x})


def test_elementwise_values():
    x = RNG.uniform(0.1, 2, (2, 3))
    expected = {"Ramp": np.maximum(x - 1, 0), "LogisticSigmoid": 1 / (1 + np.exp(1 - x))}
    for name, want in expected.items():
        assert np.allclose(run(ElementwiseLayer(name, input=3), Input=x - 1)["Output"], want)
    tree = ("Plus", ("Power", "x", 2.0), 1.0)
    assert np.allclose(run(ElementwiseLayer(tree, input=3), Input=x)["Output"], x ** 2 + 1)


def test_total_threading_catenate_values_and_gradients(gradcheck):
    a, b, c = (RNG.uniform(0.5, 2, (3, 4)) for _ in range(3))
    assert list(TotalLayer(input_ports=2).input_ports()) == ["Input1", "Input2"]
    assert np.allclose(run(TotalLayer(input_ports=3, output=4), Input1=a, Input2=b,
                           Input3=c)["Output"], a + b + c)
    gradcheck(TotalLayer(input_ports=3, output=4), {"Input1": a, "Input2": b, "Input3": c})
    for op, f in [("Plus", np.add), ("Times", np.multiply), ("Subtract", np.subtract),
                  ("Divide", np.divide), ("Max", np.maximum), ("Min", np.minimum)]:
        layer = ThreadingLayer(op, input_ports=2, output=4)
        assert np.allclose(run(layer, Input1=a, Input2=b)["Output"], f(a, b))
        gradcheck(layer, {"Input1": a, "Input2": b})
    cat = CatenateLayer(input_ports=2)
    cat = cat.refine({"Input1": (2, 3), "Input2": (4, 3)}, {})
    assert cat.output_ports() == {"Output": (6, 3)}
    x, y = RNG.standard_normal((2, 2, 3)), RNG.standard_normal((2, 4, 3))
    assert np.allclose(run(cat, Input1=x, Input2=y)["Output"], np.concatenate([x, y], 1))
    gradcheck(cat, {"Input1": x, "Input2": y})


def test_softmax_and_sequence_values():
    x = RNG.standard_normal((2, 5))
    e = np.exp(x)
    assert np.allclose(run(SoftmaxLayer(input=5), Input=x)["Output"], e / e.sum(1, keepdims=True))
    s = RNG.standard_normal((2, 4, 3))
    assert np.allclose(run(SequenceLastLayer(input=("Varying", 3)), Input=s)["Output"], s[:, -1])
    assert np.allclose(run(SummationLayer(input=(4, 3)), Input=s)["Output"], s.sum((1, 2)))


def test_dropout_only_in_training():
    plan = compile(initialize(DropoutLayer(0.5, input=1000), np.random.default_rng(0)))
    x = np.ones((2, 1000), dtype=np.float32)
    assert np.array_equal(plan.forward({"Input": x})["Output"], x)
    y = plan.forward({"Input": x}, training=True, rng=np.random.default_rng(1))["Output"]
    assert set(np.unique(y)) == {0.0, 2.0} and 0.4 < (y == 0).mean() < 0.6
    again = plan.forward({"Input": x}, training=True, rng=np.random.default_rng(1))["Output"]
    assert np.array_equal(y, again)


def test_losses_values_and_gradients(gradcheck):
    x, t = RNG.uniform(0.1, 0.9, (4, 3, 2)), RNG.uniform(0.1, 0.9, (4, 3, 2))
    mse = run(MeanSquaredLossLayer(input=(3, 2)), Input=x, Target=t)["Loss"]
    assert mse.shape == (4,) and np.allclose(mse, ((x - t) ** 2).mean((1, 2)))
    mae = run(MeanAbsoluteLossLayer(input=(3, 2)), Input=x, Target=t)["Loss"]
    assert np.allclose(mae, np.abs(x - t).mean((1, 2)))
    bce = run(CrossEntropyLossLayer("Binary", input=(3, 2)), Input=x, Target=t)["Loss"]
    assert np.allclose(bce, -(t * np.log(x) + (1 - t) * np.log(1 - x)).mean((1, 2)))
    for layer in (MeanSquaredLossLayer(input=(3, 2)), MeanAbsoluteLossLayer(input=(3, 2)),
                  CrossEntropyLossLayer("Binary", input=(3, 2)),
                  CrossEntropyLossLayer("Probabilities", input=(3, 2))):
        gradcheck(layer, {"Input": x, "Target": t})


def test_index_cross_entropy():
    p = RNG.uniform(0.1, 1, (4, 3, 5))
    p /= p.sum(-1, keepdims=True)
    t = RNG.integers(1, 6, (4, 3))
    layer = CrossEntropyLossLayer("Index", input=(3, 5))
    assert layer.input_ports() == {"Input": (3, 5), "Target": (3,)}
    loss = run(layer, Input=p, Target=t)["Loss"]
    want = -np.log(np.take_along_axis(p, (t - 1)[..., None], -1)[..., 0]).mean(1)
    assert np.allclose(loss, want)


def test_index_cross_entropy_gradients(gradcheck):
    p = RNG.uniform(0.1, 1, (4, 5))
    gradcheck(CrossEntropyLossLayer("Index", input=5),
              {"Input": p, "Target": RNG.integers(1, 6, 4)}, skip_inputs=("Target",))
