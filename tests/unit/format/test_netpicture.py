"""Pictures of nets: the diagram read from a net (boxes, wires labelled with shapes, an
operator's frame and state loop) and the SVG/PNG/PDF files Export writes from it, checked
for what a reader needs to see (node names, layer types, shapes)."""

import re
import struct
import sys

import pytest

from wlnet import Session
from wlnet.format.netpicture import diagram

SEED = '''fixed = LinearLayer[2, "Weights" -> {{1., 0.5}, {0., 1.}}, "Biases" -> None];
core = NetGraph[<|"l1" -> TotalLayer[], "l2" -> LinearLayer[2, "Input" -> 2], "l3" -> fixed|>,
  {{NetPort["Input"], NetPort["State"]} -> "l1" -> "l2" -> "l3"}];
fold = NetInitialize[NetFoldOperator[core, "Input" -> {"Varying", 2}]];
chain = NetChain[{LinearLayer[3, "Input" -> 2], Ramp, LinearLayer[1]}];
lossy = NetGraph[{LinearLayer[1, "Input" -> 3], CrossEntropyLossLayer["Binary"],
  LogisticSigmoid}, {1 -> 3 -> NetPort[2, "Input"]}];
outer = NetGraph[{chain, NetMapOperator[LinearLayer[2], "Input" -> {"Varying", 1}]},
  {1 -> NetPort["Output1"]}];
nest = NetNestOperator[LinearLayer[2, "Input" -> 2], 3];'''


@pytest.fixture(scope="module")
def nets():
    session = Session(seed=1)
    outputs = session.evaluate(SEED)
    assert not [m for o in outputs for m in o.messages]
    return lambda name: session.evaluate(name)[0].result.payload


def wires(d):
    return {(w.source, w.target): w.label for w in d.wires}


def test_a_graph_is_its_ports_nodes_and_wires_labelled_with_shapes(nets):
    d = diagram(nets("core"))
    assert [(n.id, n.title, n.subtitle) for n in d.nodes] == [
        ("in:Input", "Input", "2"), ("in:State", "State", "2"), ("n:l1", "l1", "TotalLayer"),
        ("n:l2", "l2", "LinearLayer"), ("n:l3", "l3", "LinearLayer"),
        ("out:Output", "Output", "2")]
    assert wires(d) == {("in:Input", "n:l1"): "2", ("in:State", "n:l1"): "2",
                        ("n:l1", "n:l2"): "2", ("n:l2", "n:l3"): "2",
                        ("n:l3", "out:Output"): "2"}
    assert d.frame is None and d.loops == []


def test_a_fold_is_a_frame_around_its_net_with_the_state_loop(nets):
    d = diagram(nets("fold"))
    assert d.frame == "NetFoldOperator"
    assert d.loops == [("out:Output", "in:State", "State: 2, next step")]
    assert d.outer == [("in:Input", "Input", "{n, 2}", "in"),
                       ("out:Output", "Output", "{n, 2}", "out"),
                       ("out:Output", "State", "2", "out")]


def test_a_nest_loops_its_output_back_as_many_times_as_it_runs(nets):
    assert diagram(nets("nest")).loops == [("out:Output", "in:Input", "applied 3 times")]


def test_named_ports_of_a_node_are_named_on_their_wires(nets):
    labels = wires(diagram(nets("lossy")))
    assert labels[("n:3", "n:2")] == "Input: 1"
    assert labels[("in:Target", "n:2")] == "Target: 1"


def test_inner_containers_and_operators_are_single_boxes(nets):
    nodes = {n.id: (n.kind, n.subtitle) for n in diagram(nets("outer")).nodes}
    assert nodes["n:1"] == ("container", "NetChain (3 layers)")
    assert nodes["n:2"] == ("container", "NetMapOperator (LinearLayer)")


def test_a_lone_layer_shows_its_arrays(nets):
    [layer] = [n for n in diagram(nets("fixed")).nodes if n.kind == "layer"]
    assert (layer.title, layer.subtitle) == ("LinearLayer", "Weights 2\u00d72")


def svg_texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_export_of_the_fold_draws_every_name(tmp_path):
    pytest.importorskip("matplotlib")
    pytest.importorskip("grandalf")
    session = Session(seed=1)
    session.evaluate(SEED)
    for ext in ("svg", "png", "pdf"):
        [out] = session.evaluate(f'Export["{tmp_path / ("fold." + ext)}", fold]')
        assert out.messages == [] and out.result.value.endswith(ext)
    texts = svg_texts((tmp_path / "fold.svg").read_text())
    for name in ("NetFoldOperator", "l1", "l2", "l3", "TotalLayer", "LinearLayer", "State",
                 "{n, 2}", "State: 2, next step"):
        assert name in texts, name
    width, height = struct.unpack(">II", (tmp_path / "fold.png").read_bytes()[16:24])
    assert 600 < width < 2400 and 150 < height < 1000 and width > 2 * height


def test_every_kind_of_net_can_be_drawn(nets):
    pytest.importorskip("grandalf")
    from wlnet.format import drawing, plots
    for name in ("core", "fold", "chain", "lossy", "outer", "nest", "fixed"):
        svg = plots.save(drawing.figure(diagram(nets(name))), "svg").decode()
        assert svg.startswith("<?xml") and "<text" in svg


def test_without_grandalf_export_says_what_is_missing(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    monkeypatch.setitem(sys.modules, "grandalf", None)
    monkeypatch.setitem(sys.modules, "grandalf.graphs", None)
    session = Session()
    [out] = session.evaluate(f'Export["{tmp_path / "n.svg"}", LinearLayer[2, "Input" -> 2]]')
    assert [m.name for m in out.messages] == ["Export::noplot"]
    assert out.messages[0].args[0].value == "grandalf"


NEW_LAYERS = '''coded = NetChain[{EmbeddingLayer[4], LongShortTermMemoryLayer[5], SequenceLastLayer[],
  LinearLayer[2], SoftmaxLayer[]}, "Input" -> NetEncoder[{"Characters", "abc"}],
  "Output" -> NetDecoder[{"Class", {"x", "y"}}]];
bi = NetBidirectionalOperator[GatedRecurrentLayer[3], "Input" -> {"Varying", 2}];
bichain = NetChain[{bi, AggregationLayer[Mean, 1]}];
states = NetGraph[{LongShortTermMemoryLayer[3], LinearLayer[2]}, {NetPort[1, "State"] -> 2},
  "Input" -> {4, 2}];'''


@pytest.fixture(scope="module")
def new_nets():
    session = Session(seed=1)
    assert not [m for o in session.evaluate(NEW_LAYERS) for m in o.messages]
    return lambda name: session.evaluate(name)[0].result.payload


def test_ports_with_coders_show_what_they_take_and_give(new_nets):
    nodes = {n.id: n.subtitle for n in diagram(new_nets("coded")).nodes}
    assert nodes["in:Input"] == "string (Characters encoder)"
    assert nodes["out:Output"] == "class (Class decoder)"


def test_a_bidirectional_operator_names_its_two_nets(new_nets):
    [box] = [n for n in diagram(new_nets("bi")).nodes if n.id == "n:"]
    assert box.subtitle == "ForwardNet: GatedRecurrentLayer, BackwardNet: GatedRecurrentLayer"
    node = next(n for n in diagram(new_nets("bichain")).nodes if n.id == "n:1")
    assert node.subtitle == ("NetBidirectionalOperator (GatedRecurrentLayer, "
                             "GatedRecurrentLayer)")


def test_a_wire_from_a_recurrent_state_names_the_state(new_nets):
    assert wires(diagram(new_nets("states")))[("n:1", "n:2")] == "State: 3"
