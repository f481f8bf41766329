"""Chains, graphs and operators in ONNX: NetChain and NetGraph wired tensor to tensor,
NetBidirectionalOperator as its two nets around reversals,
NetFoldOperator and NetMapOperator as Scans (sequences of several lengths through one
model, the sequence a symbolic dimension), NetNestOperator as a Loop; each equal to
wlnet in onnxruntime, read back as the same net, and read operator by operator (without
wlnet's description) into a net that computes the same."""
import numpy as np
import pytest

from wlnet.builtins.nets import onnx_files
from wlnet.builtins.nets.values import NetValue
from wlnet.nets.bidirectional import Bidirectional
from wlnet.nets.graph import Chain, Graph
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.catenate import CatenateLayer
from wlnet.nets.layers.dropout import DropoutLayer
from wlnet.nets.layers.elementwise import ElementwiseLayer
from wlnet.nets.layers.basic_recurrent import BasicRecurrentLayer
from wlnet.nets.layers.gru import GatedRecurrentLayer
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.lstm import LongShortTermMemoryLayer
from wlnet.nets.layers.sequence import SequenceLastLayer
from wlnet.nets.layers.softmax import SoftmaxLayer
from wlnet.nets.layers.threading import ThreadingLayer, TotalLayer
from wlnet.nets.operators import Fold, MapOp, NestOp

from .conftest import (assert_runs_like_wlnet, assert_same_net, exported, need_onnx,
                       without_description)

need_onnx()

from wlnet.backends.onnx import to_net  # noqa: E402

RNG = np.random.default_rng(7)


def seed_core():
    """The seed session's folded graph (examples/seed.wl)."""
    fixed = LinearLayer(2, weights=[[1., .5], [0., 1.]], biases=None)
    return Graph({"l1": TotalLayer(), "l2": LinearLayer(2, input=2), "l3": fixed},
                 [([("port", "Input"), ("port", "State")], "l1"), ("l1", "l2"), ("l2", "l3")])


def _init(net):
    net = initialize(net, np.random.default_rng(0))
    return net.with_arrays({p: a + 0.1 * RNG.standard_normal(a.shape).astype(np.float32)
                            for p, a in net.arrays().items()})


NETS = {
    "chain": lambda: Chain([LinearLayer(5, input=3), "Tanh", DropoutLayer(0.2),
                            LinearLayer(4), SoftmaxLayer()]),
    "keyed chain": lambda: Chain({"a": LinearLayer(4, input=(2, 3)), "b": "Ramp",
                                  "c": LinearLayer((2, 2))}),
    "graph": lambda: Graph(
        {"x": LinearLayer(3, input=2), "y": ElementwiseLayer("Tanh"),
         "d": ThreadingLayer("Subtract", input_ports=2), "cat": CatenateLayer(),
         "inner": Chain([LinearLayer(3), "LogisticSigmoid"])},
        [("x", "y"), (("port", "Second"), ("node", "d", "Input1")), ("y", ("node", "d", "Input2")),
         (["d", "x"], "cat"), ("d", "inner"), ("inner", ("port", "Sigmoid")),
         ("cat", ("port", "Joined"))], ports={"Second": 3}),
    "seed fold": lambda: Fold(seed_core(), input=("Varying", 2)),
    "fold of fixed length": lambda: Fold(seed_core(), input=(4, 2)),
    "fold then last": lambda: Chain([Fold(seed_core(), input=("Varying", 2)),
                                     SequenceLastLayer(), LinearLayer(1)]),
    "fold state feeds a layer": lambda: Graph(
        {"fold": Fold(seed_core(), input=(3, 2)), "out": LinearLayer(1)},
        [(("node", "fold", "State"), "out"), ("fold", ("port", "Seq"))]),
    "map": lambda: MapOp(Chain([LinearLayer(3, input=2), "Tanh"]), input=("Varying", 2)),
    "map in a fold": lambda: MapOp(Fold(seed_core()), input=("Varying", 3, 2)),
    "nest": lambda: NestOp(Chain([LinearLayer(2, input=2), "Tanh"]), 3),
    "nest none": lambda: NestOp(ElementwiseLayer("Sin", input=4), 0),
    "bidirectional": lambda: Bidirectional(LongShortTermMemoryLayer(3), input=("Varying", 2)),
    "bidirectional pair, mean": lambda: Bidirectional(
        [GatedRecurrentLayer(2), BasicRecurrentLayer(2)], "Mean", input=("Varying", 2)),
    "bidirectional to a vector": lambda: Bidirectional(
        Chain([LongShortTermMemoryLayer(3), SequenceLastLayer()]), input=(4, 2)),
}


def _inputs(net, length=3, batch=2):
    return {p: RNG.standard_normal((batch,) + tuple(length if d == "Varying" else d
                                                     for d in s))
            for p, s in net.input_ports().items()}


@pytest.fixture(scope="module", params=list(NETS))
def case(request):
    net = _init(NETS[request.param]())
    return net, exported(net)


def test_runs_like_wlnet_on_several_lengths(case):
    net, model = case
    for length in (1, 3, 8):
        assert_runs_like_wlnet(model, net, _inputs(net, length))


def test_reads_back_as_the_same_net(case):
    net, _ = case
    assert_same_net(onnx_files.loads(onnx_files.dumps(NetValue(net))).payload, net)


def test_reads_without_description_into_a_net_that_computes_the_same(case):
    net, model = case
    foreign = without_description(model)
    read = to_net(foreign)
    assert_runs_like_wlnet(foreign, read, _inputs(net, 4))


def test_sequences_are_a_symbolic_dimension():
    net = _init(NETS["map"]())
    model = exported(net)
    dims = [d.dim_param or d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim]
    out = [d.dim_param or d.dim_value for d in model.graph.output[0].type.tensor_type.shape.dim]
    assert dims == ["batch", "n", 2] and out == ["batch", "n", 3]


def test_fold_exports_its_final_state_and_starts_from_zeros():
    net = _init(NETS["seed fold"]())
    model = exported(net)
    assert [v.name for v in model.graph.input] == ["Input"]
    assert [v.name for v in model.graph.output] == ["Output", "State"]
    assert [n.op_type for n in model.graph.node if n.op_type == "Scan"] == ["Scan"]


def test_chain_reads_back_as_a_chain():
    net = _init(NETS["chain"]())
    read = to_net(without_description(exported(net)))
    assert read.head == "NetChain" and [n.head for n in read.children().values()] == [
        "LinearLayer", "ElementwiseLayer", "DropoutLayer", "LinearLayer", "SoftmaxLayer"]
