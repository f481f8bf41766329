"""The machinery every layer definition shares (wlnet/nets/layer.py): Python
construction, argument checking, the constructor InputForm and files write, recurrent
state ports and auxiliary (non-trainable) arrays. A small layer
(container_examples.GainLayer) exercises the last two: out = Gain * in + State, and
"Steps" counts the training passes that may update it (``mode.updates``: NetTrain's,
unless the layer is frozen)."""
import numpy as np
import pytest

from wlnet.kernel.builtin import BUILTINS
from wlnet.kernel.session import Session
from wlnet.nets.errors import NetError
from wlnet.nets.graph import Graph
from wlnet.nets.initialize import initialize
from wlnet.nets.layer import LAYERS
from wlnet.nets.layers.catenate import CatenateLayer
from wlnet.nets.layers.dropout import DropoutLayer
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.losses import CrossEntropyLossLayer
from wlnet.nets.layers.threading import ThreadingLayer, TotalLayer
from wlnet.nets.plan import compile

from .container_examples import GainLayer


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
        session.evaluate('frozen = NetTrain[net, {{1, 2} -> {1}}, MaxTrainingRounds -> 3, '
                         'LearningRateMultipliers -> {1 -> 0}, TrainingProgressReporting -> '
                         'None]; net[{1, 2}];')
        assert session.evaluate('frozen[[1, "Steps"]]')[-1].result.array.tolist() == [7, 7]
        assert session.evaluate('net[[1, "Steps"]]')[-1].result.array.tolist() == [7, 7]
        rates = session.evaluate('NetLearningRateMultipliers[net]')[-1].result
        assert [r.args[0].args[1].value for r in rates.args] == ["Gain", "Biases", "Weights"]
        info = session.evaluate('NetInformation[net]')[-1].result.value
        assert "arrays:  4 (7 elements, 28 bytes, 1 not trained)" in info
    finally:
        del LAYERS["GainTestLayer"]
        del BUILTINS[next(s for s in BUILTINS if s.name == "GainTestLayer")]
