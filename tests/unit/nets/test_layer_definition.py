"""The machinery every layer definition shares (wlnet/nets/layer.py): Python
construction, argument checking, the constructor InputForm and files write, recurrent
state ports and auxiliary (non-trainable) arrays. State ports and auxiliary arrays have
no registered layer yet (LSTM and BatchNormalization will), so a small layer defined
here exercises them: out = Gain * in + State, and "Steps" counts the training passes."""
import numpy as np
import pytest

from wlnet.kernel.builtin import BUILTINS
from wlnet.kernel.session import Session
from wlnet.nets.arrayspec import ArraySpec, ShapeOf, SizeOf
from wlnet.nets.base import Kernel, add_grad, fit
from wlnet.nets.errors import NetError
from wlnet.nets.graph import Graph
from wlnet.nets.initialize import initialize
from wlnet.nets.layer import LAYERS, Example, Layer
from wlnet.nets.layers.catenate import CatenateLayer
from wlnet.nets.layers.dropout import DropoutLayer
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.losses import CrossEntropyLossLayer
from wlnet.nets.layers.threading import ThreadingLayer, TotalLayer
from wlnet.nets.plan import compile


class GainLayer(Layer):
    """out = Gain * in + State (zeros when no state is given); the new state is out."""

    head = "GainTestLayer"
    states = ("State",)
    array_specs = (ArraySpec("Gain", ShapeOf("Input"), init="Ones"),
                   ArraySpec("Steps", (SizeOf("Input"),), init="Zeros", trainable=False))

    def shape_rule(self, ins, outs):
        s = fit(fit(ins["Input"], ins["State"], "the input and the state"), outs["Output"],
                "the input and the output")
        return {"Input": s, "State": s}, {"Output": s, "State": s}

    def forward(self, xp, arrays, inputs, training=False, rng=None):
        state = inputs.get("State")
        y = inputs["Input"] * arrays["Gain"] + (0 if state is None else state)
        return {"Output": y, "State": y}

    def kernel(self, compiler):
        return GainKernel(compiler.array("Gain"), compiler.array("Steps")[0], compiler.mode)

    @classmethod
    def examples(cls, rng):
        return [Example(cls(input=3), {"Input": rng.standard_normal((2, 3))})]


class GainKernel(Kernel):
    def __init__(self, gain, steps, mode):
        (self.c, self.gc), self.steps, self.mode = gain, steps, mode

    def run(self, r):
        x, s = r[self.ins[0]], r[self.ins[1]]
        y = x * self.c + (0 if s is None else s)
        r[self.outs[0]] = r[self.outs[1]] = y
        if self.mode.training:
            self.steps += 1  # an auxiliary array the kernel updates while training

    def back(self, r, g):
        gy = g[self.outs[0]]
        gs = g[self.outs[1]]
        total = gy if gs is None else (gs if gy is None else gy + gs)
        if total is None:
            return
        self.gc += (total * r[self.ins[0]]).sum(0)
        add_grad(g, self.ins[0], total * self.c)
        add_grad(g, self.ins[1], total)


def test_python_construction_by_keyword_and_defaults():
    assert LinearLayer(2, biases=None).array_paths() == [("Weights",)]
    assert LinearLayer(2, biases=True).array_paths() == [("Biases",), ("Weights",)]
    assert ThreadingLayer("Max", input_ports=2).input_count == 2
    assert DropoutLayer(dropout_probability=0.2).params == {"DropoutProbability": 0.2}
    with pytest.raises(TypeError):
        LinearLayer(2, inputs=3)


def test_arguments_are_checked_before_anything_is_built():
    for args, options in [([2, 3], {}), ([2], {"Foo": 1}), (["x"], {}),
                          ([2], {"Input": "Foo"}), ([2], {"Weights": [1, 2]})]:
        with pytest.raises(NetError) as info:
            LinearLayer.check_arguments(args, options)
        assert (info.value.symbol, info.value.tag) == ("LinearLayer", "invarg")
    with pytest.raises(NetError):
        ThreadingLayer.check_arguments([], {})     # its function is required
    assert LinearLayer.check_arguments([(3,)], {"Biases": None}) == \
        {"Size": (3,), "Biases": None}


def test_constructor_writes_what_differs_from_the_defaults():
    assert DropoutLayer(0.5, input=2).constructor() == ([], {"Input": (2,)})
    assert DropoutLayer(0.2).constructor() == ([0.2], {})
    assert CrossEntropyLossLayer("Index", input=3).constructor() == \
        ([], {"Input": (3,), "Target": ()})
    layer = TotalLayer(input_ports=2)
    assert layer.constructor() == ([], {"InputPorts": 2})
    assert layer.refine({"Input1": (3,)}, {}).constructor() == \
        ([], {"InputPorts": 2, "Output": (3,)})
    assert CatenateLayer(input_ports=((2,), (3,))).constructor() == \
        ([], {"InputPorts": ((2,), (3,)), "Output": (5,)})
    assert LinearLayer(2, weights=np.ones((2, 3)), biases=None).constructor()[1].keys() == \
        {"Weights", "Biases", "Input"}


def test_state_ports_are_optional_inputs_and_extra_outputs():
    layer = initialize(GainLayer(input=2), np.random.default_rng(0))
    assert layer.state_ports() == {"State": (2,)} and list(layer.output_ports()) == ["Output"]
    plan = compile(layer, np.float64)
    x, s = np.ones((3, 2)), np.full((3, 2), 5.0)
    assert np.array_equal(plan.forward({"Input": x})["Output"], x)
    out = plan.forward({"Input": x, "State": s})
    assert np.array_equal(out["Output"], x + s) and np.array_equal(plan.final_states["State"],
                                                                   x + s)
    graph = Graph({"g": GainLayer(), "l": LinearLayer(1)},
                  [(("node", "g", "State"), "l"), ("g", ("port", "Seq"))], ports={"Input": 2})
    assert graph.input_ports() == {"Input": (2,)} and graph.output_ports() == \
        {"Seq": (2,), "Output": (1,)}


def test_auxiliary_arrays_are_initialised_by_kind_and_never_trained():
    layer = initialize(GainLayer(input=2), np.random.default_rng(0))
    assert np.array_equal(layer.arrays()[("Gain",)], np.ones(2)) and \
        np.array_equal(layer.arrays()[("Steps",)], np.zeros(2))
    assert layer.trainable_paths() == [("Gain",)]
    LAYERS["GainTestLayer"] = GainLayer
    from wlnet.builtins.nets.layers import layer_builtin
    layer_builtin(GainLayer)
    try:
        session = Session(seed=1)
        session.evaluate('net = NetTrain[NetChain[{GainTestLayer["Input" -> 2], '
                         'LinearLayer[1]}], {{1, 2} -> {1}, {2, 1} -> {0}}, BatchSize -> 2, '
                         'MaxTrainingRounds -> 7, TrainingProgressReporting -> None]')
        assert session.evaluate('net[[1, "Steps"]]')[-1].result.array.tolist() == [7, 7]
        rates = session.evaluate('NetLearningRateMultipliers[net]')[-1].result
        assert [r.args[0].args[1].value for r in rates.args] == ["Gain", "Biases", "Weights"]
        info = session.evaluate('NetInformation[net]')[-1].result.value
        assert "arrays:  4 (7 elements, 28 bytes, 1 not trained)" in info
    finally:
        del LAYERS["GainTestLayer"]
        del BUILTINS[next(s for s in BUILTINS if s.name == "GainTestLayer")]
