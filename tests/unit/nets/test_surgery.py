"""Net surgery in the runtime: NetTake/NetDrop positions as Take and Drop read them, the
subgraph NetTake keeps, deletion with bridging, flattening and replacement that compute
the same function, renaming, muted graph outputs, and the gradients NetPortGradient
uses (Plan.gradients) against central differences."""
import numpy as np
import pytest

from wlnet.nets import flatten as flat
from wlnet.nets import subgraph, surgery
from wlnet.nets.errors import NetError
from wlnet.nets.graph import Chain, Graph
from wlnet.nets.initialize import initialize
from wlnet.nets.layers.elementwise import ElementwiseLayer
from wlnet.nets.layers.linear import LinearLayer
from wlnet.nets.layers.threading import ThreadingLayer
from wlnet.nets.operators import Fold
from wlnet.nets.paths import ALL
from wlnet.nets.plan import compile
from wlnet.nets.wiring import Wiring

RNG = np.random.default_rng(5)


def chain5():
    """Five layers whose sizes tell them apart: 2 -> 5 -> 5 -> 4 -> 4 -> 3."""
    return Chain([LinearLayer(5), ElementwiseLayer("Ramp"), LinearLayer(4),
                  ElementwiseLayer("Tanh"), LinearLayer(3)], ports={"Input": 2})


def kept(net):
    return [n.output_ports()["Output"] for n in net.children().values()]


ALL_SIZES = [(5,), (5,), (4,), (4,), (3,)]


@pytest.mark.parametrize("spec, take, expected", [
    (2, True, slice(0, 2)), (-2, True, slice(3, 5)), (5, True, slice(0, 5)),
    ([2, 4], True, slice(1, 4)), ([-3, -1], True, slice(2, 5)), ([1, 1], True, slice(0, 1)),
    (2, False, slice(2, 5)), (-1, False, slice(0, 4)), ([5, 5], False, slice(0, 4)),
    ([("nodeport", 1, "Output"), ("port", "Output")], True, slice(1, 5)),
    (("nodeport", 3, "Input"), True, slice(0, 2)), ([("port", "Input"), 2], True, slice(0, 2)),
])
def test_chain_take_drop_positions(spec, take, expected):
    assert kept(surgery.take_drop("NetTake", chain5(), spec, take)) == ALL_SIZES[expected]


@pytest.mark.parametrize("spec, tag", [
    (0, "netempty"), ([4, 2], "netempty"), (9, "invchtakespec"), ([2, 9], "invchtakespec"),
    ("x", "invchlayername"), (("port", "Foo"), "invportspec"),
    (("nodeport", 2, "Foo"), "invportname"), ([1, 2, 3], "invchtakespec"),
])
def test_chain_take_errors(spec, tag):
    with pytest.raises(NetError) as e:
        surgery.take_drop("NetTake", chain5(), spec, True)
    assert (e.value.symbol, e.value.tag) == ("NetTake", tag)


def test_taken_layers_keep_their_arrays_and_keys():
    net = initialize(chain5(), RNG)
    part = surgery.take_drop("NetTake", net, [3, 5], True)
    assert list(part.children()) == [1, 2, 3]
    assert part.children()[1] is net.children()[3]
    x = RNG.standard_normal((3, 2))
    head = compile(surgery.take_drop("NetTake", net, 2, True)).forward({"Input": x})["Output"]
    whole = compile(net).forward({"Input": x})["Output"]
    assert np.allclose(compile(part).forward({"Input": head})["Output"], whole, atol=1e-6)


def test_append_insert_delete():
    net = chain5()
    assert kept(surgery.append("NetAppend", net, [(None, 2)], True))[-1] == (2,)
    assert kept(surgery.append("NetPrepend", net, [(None, "Sin")], False))[0] == (2,)
    assert kept(surgery.insert("NetInsert", net, None, "Sin", 2))[1] == (5,)
    assert kept(surgery.insert("NetInsert", net, None, "Sin", -1))[-1] == (3,)
    assert kept(surgery.delete("NetDelete", net, [2, 4])) == [(5,), (4,), (3,)]
    alone = surgery.append("NetAppend", LinearLayer(3, input=2), [(None, "Tanh")], True)
    assert isinstance(alone, Chain) and alone.output_ports() == {"Output": (3,)}
    with pytest.raises(NetError, match="invnetchpend2"):
        surgery.append("NetAppend", net, [("x", "Tanh")], True)


def test_named_chain_edits():
    net = Chain({"a": LinearLayer(3), "b": ElementwiseLayer("Ramp")}, ports={"Input": 2})
    assert list(surgery.insert("NetInsert", net, "z", "Sin", "b").children()) == ["a", "z", "b"]
    assert list(surgery.append("NetAppend", net, [("c", 2)], True).children()) == \
        ["a", "b", "c"]
    for bad, tag in [((None, "b"), "invnetins1"), (("a", "b"), "invnetins3"),
                     (("q", "nope"), "invnetins4")]:
        with pytest.raises(NetError) as e:
            surgery.insert("NetInsert", net, bad[0], "Sin", bad[1])
        assert e.value.tag == tag
    renamed = surgery.rename("NetRename", net, lambda k: {"a": "first"}.get(k))
    assert list(renamed.children()) == ["first", "b"]
    with pytest.raises(NetError, match="dupnames"):
        surgery.rename("NetRename", net, lambda k: "same")


def diamond():
    """in -> 1 -> 2 -> 3(+) <- 1 ; 3 -> 4: node 3 adds node 1's and node 2's outputs."""
    return Graph([LinearLayer(3), ElementwiseLayer("Ramp"), ThreadingLayer("Plus"),
                  ElementwiseLayer("Tanh")],
                 [(1, 2), ([1, 2], 3), (3, 4)], ports={"Input": 2})


def test_graph_take_keeps_what_lies_between():
    g = initialize(diamond(), RNG)
    upto = subgraph.take("NetTake", g, ALL, 3)
    assert list(upto.children()) == [1, 2, 3] and upto.output_ports() == {"Output": (3,)}
    x = RNG.standard_normal((4, 2))
    inner = compile(upto).forward({"Input": x})["Output"]
    assert np.allclose(np.tanh(inner), compile(g).forward({"Input": x})["Output"], atol=1e-6)
    middle = subgraph.take("NetTake", g, 2, 3)
    assert sorted(middle.input_ports()) == ["Input", "Input1"]
    opened = subgraph.take("NetTake", g, ("nodeport", 1, "Output"), 4)
    assert list(opened.input_ports()) == ["1"]
    cut = subgraph.take("NetTake", g, ALL, ("nodeport", 3, "Input2"))
    assert list(cut.output_ports()) == ["3/Input2"] and len(cut.children()) == 2
    with pytest.raises(NetError, match="invnetvertex"):
        subgraph.take("NetTake", g, ALL, 9)


def test_graph_delete_bridges_or_refuses():
    g = diamond()
    bridged = surgery.delete("NetDelete", g, [2])
    assert len(bridged.children()) == 3 and bridged.output_ports() == {"Output": (3,)}
    peripheral = surgery.delete("NetDelete", g, [3, 4])
    assert list(peripheral.children()) == [1, 2]
    line = Graph([LinearLayer(3), LinearLayer(4), ElementwiseLayer("Tanh")], [(1, 2), (2, 3)],
                 ports={"Input": 2})
    with pytest.raises(NetError) as e:
        surgery.delete("NetDelete", line, [2])
    assert (e.value.symbol, e.value.tag) == ("NetDelete", "invelide")


def test_muted_output_and_port_deletion():
    g = Graph({"sq": ElementwiseLayer(("Power", "x", 2)), "tr": ElementwiseLayer("Tanh")},
              [(("port", "Input"), "sq"), (("port", "Input"), "tr"), ("sq", ("port", "A")),
               ("tr", ("port", "B"))], ports={"Input": 2})
    one = surgery.delete_ports("NetDelete", g, ["B"])
    assert list(one.output_ports()) == ["A"] and one.muted() == [("tr", "Output")]
    rebuilt = Graph(*one.constructor()[0])
    assert list(rebuilt.output_ports()) == ["A"]
    with pytest.raises(NetError, match="invdelport"):
        surgery.delete_ports("NetDelete", g, ["Input"])
    renamed = surgery.rename_ports("NetRename", g, [("A", "Squares")])
    assert list(renamed.output_ports()) == ["Squares", "B"]


def nested():
    inner_graph = Graph([LinearLayer(3), ElementwiseLayer("Ramp")], [(1, 2)])
    return Graph({"g": inner_graph, "lin": LinearLayer(3),
                  "add": ThreadingLayer("Plus"),
                  "tail": Chain([ElementwiseLayer("Tanh"), LinearLayer(2)])},
                 [(("port", "Input"), "g"), (("port", "Input"), "lin"), (["g", "lin"], "add"),
                  ("add", "tail")], ports={"Input": 2})


def test_flatten_computes_the_same_function():
    net = initialize(nested(), RNG)
    flat_net = flat.flatten("NetFlatten", net, float("inf"))
    assert list(flat_net.children()) == ["g/1", "g/2", "lin", "add", "tail/1", "tail/2"]
    x = RNG.standard_normal((5, 2))
    assert np.allclose(compile(flat_net).forward({"Input": x})["Output"],
                       compile(net).forward({"Input": x})["Output"], atol=1e-6)
    once = flat.flatten("NetFlatten", Chain([Chain([Chain([LinearLayer(3)]), "Ramp"])],
                                            ports={"Input": 2}), 1)
    assert isinstance(once, Chain) and isinstance(once.children()[1], Chain)
    line = flat.flatten("NetFlatten", Graph([LinearLayer(3), "Ramp"], [(1, 2)],
                                            ports={"Input": 2}), float("inf"))
    assert isinstance(line, Chain)
    cell = Graph({"add": ThreadingLayer("Plus"), "post": Chain([ElementwiseLayer("Tanh")])},
                 [([("port", "Input"), ("port", "State")], "add"), ("add", "post")])
    fold = flat.flatten("NetFlatten", Fold(cell, input=("Varying", 2)), 5)
    assert list(fold.net.children()) == ["add", "post/1"]


def test_replace_nodes_counts_and_inlines():
    net = Chain([LinearLayer(3), ElementwiseLayer("Ramp"), LinearLayer(3)], ports={"Input": 2})

    def to_tanh(node):
        if isinstance(node, ElementwiseLayer):
            return ElementwiseLayer("Tanh")
        return None
    new, count = flat.replace_nodes("NetReplace", net, to_tanh)
    assert count == 1 and new.children()[2].params["Function"] == "Tanh"
    gone, _ = flat.replace_nodes("NetReplace", net, lambda n: flat.DELETE
                                 if isinstance(n, ElementwiseLayer) else None)
    assert len(gone.children()) == 2
    grown, _ = flat.replace_nodes("NetReplace", net, lambda n: Chain([LinearLayer(3), "Sin"])
                                  if isinstance(n, LinearLayer) else None)
    assert len(grown.children()) == 5 and grown.input_ports() == {"Input": (2,)}
    with pytest.raises(NetError, match="invnetrep"):
        flat.replace_nodes("NetReplace", net, lambda n: LinearLayer(5)
                           if isinstance(n, ElementwiseLayer) else None)


def test_wiring_line():
    assert Wiring.of(chain5()).line() == [1, 2, 3, 4, 5]
    assert Wiring.of(diamond()).line() is None


# -- the gradients NetPortGradient asks for ---------------------------------------------------

def central_difference(plan, inputs, buf, seeds, eps=1e-6):
    out = np.empty(buf.size)
    flat_buf = buf.reshape(-1)
    for i in range(buf.size):
        old = flat_buf[i]
        values = []
        for step in (eps, -eps):
            flat_buf[i] = old + step
            outs = plan.forward(inputs)
            values.append(sum(float(np.sum(seeds.get(p, 1.0) * v)) for p, v in outs.items()))
        flat_buf[i] = old
        out[i] = (values[0] - values[1]) / (2 * eps)
    return out.reshape(buf.shape)


@pytest.mark.parametrize("make, inputs", [
    (lambda: diamond(), {"Input": RNG.standard_normal((3, 2))}),
    (lambda: Fold(Graph([LinearLayer(2), ThreadingLayer("Plus"), ElementwiseLayer("Tanh")],
                        [(("port", "Input"), 1), ([1, ("port", "State")], 2), (2, 3)]),
                  input=("Varying", 2)),
     {"Input": RNG.standard_normal((2, 4, 2)), "State": RNG.standard_normal((2, 2))}),
])
def test_plan_gradients_match_central_differences(make, inputs):
    net = initialize(make(), np.random.default_rng(1))
    plan = compile(net, np.float64)
    outs, input_grads, array_grads = plan.gradients(inputs, {})
    for port, x in inputs.items():
        x = np.array(x, dtype=np.float64)
        fd = central_difference(plan, {**inputs, port: x}, x, {})
        assert np.allclose(input_grads[port], fd, rtol=1e-5, atol=1e-7), port
    for path, a in plan.arrays.items():
        fd = central_difference(plan, inputs, a, {})
        assert np.allclose(array_grads[path], fd, rtol=1e-5, atol=1e-7), path
    seed = {"Output": RNG.standard_normal(np.shape(outs["Output"]))}
    _, imposed, _ = plan.gradients(inputs, seed)
    x = np.array(inputs["Input"], dtype=np.float64)
    fd = central_difference(plan, {**inputs, "Input": x}, x, seed)
    assert np.allclose(imposed["Input"], fd, rtol=1e-5, atol=1e-7)


# -- NetEncoders and NetDecoders on the ports go along, as Wolfram's paclet keeps them ----

def coded_chain():
    """3 classes one-hot in, 2 classes out, on the chain's own ports."""
    from wlnet.nets.coders.classes import ClassDecoder, ClassEncoder
    from wlnet.nets.layers.softmax import SoftmaxLayer
    return Chain([LinearLayer(4), ElementwiseLayer("Ramp"), LinearLayer(2), SoftmaxLayer()],
                 ports={"Input": ClassEncoder(("a", "b", "c"), "UnitVector"),
                        "Output": ClassDecoder(("x", "y"))})


def coder_ports(net):
    return sorted(net.port_coders())


@pytest.mark.parametrize("edit, ports", [
    (lambda c: surgery.take_drop("NetDrop", c, -1, False), ["Input"]),
    (lambda c: surgery.take_drop("NetDrop", c, 1, False), ["Output"]),
    (lambda c: surgery.take_drop("NetTake", c, [1, 4], True), ["Input", "Output"]),
    (lambda c: surgery.take_drop("NetTake", c, [2, 3], True), []),
    (lambda c: surgery.append("NetAppend", c, [(None, ElementwiseLayer("Tanh"))], True),
     ["Input"]),
    (lambda c: surgery.append("NetPrepend", c, [(None, LinearLayer(3))], False), ["Output"]),
    (lambda c: surgery.insert("NetInsert", c, None, ElementwiseLayer("Tanh"), 2),
     ["Input", "Output"]),
    (lambda c: surgery.insert("NetInsert", c, None, ElementwiseLayer("Tanh"), -1), ["Input"]),
    (lambda c: surgery.delete("NetDelete", c, [2]), ["Input", "Output"]),
    (lambda c: surgery.delete("NetDelete", c, [4]), ["Input"]),
    (lambda c: flat.flatten("NetFlatten", Chain([c, ElementwiseLayer("Tanh")]), 5), ["Input"]),
    (lambda c: surgery.rename("NetRename", c, lambda k: "first" if k == "1" else None),
     ["Input", "Output"]),
    (lambda c: surgery.rename_ports("NetRename", c, [("Output", "y")]), ["Input", "y"]),
])
def test_chain_surgery_keeps_the_coders_of_the_ports_it_keeps(edit, ports):
    assert coder_ports(edit(coded_chain())) == ports


def test_graph_surgery_keeps_the_coders_of_the_ports_its_wires_still_name():
    c = coded_chain()
    g = Graph(list(c.children().values()), [(1, 2), (2, 3), (3, 4)],
              ports={p: coder for p, coder in c.port_coders().items()})
    assert coder_ports(subgraph.take("NetTake", g, ALL, 3)) == ["Input"]   # a new Output
    assert coder_ports(subgraph.take("NetTake", g, ("nodeport", 2, "Input"),
                                     ("port", "Output"))) == ["Output"]
    assert coder_ports(surgery.delete("NetDelete", g, [4])) == ["Input", "Output"]
    assert coder_ports(surgery.delete_ports("NetDelete", g, ["Output"])) == ["Input"]
    assert coder_ports(flat.flatten("NetFlatten", g, 1, "NetGraph")) == ["Input", "Output"]


def test_a_coder_on_a_layer_stays_on_the_layer_not_on_the_container():
    from wlnet.nets.coders.classes import ClassEncoder
    enc = ClassEncoder(("a", "b", "c"), "UnitVector")
    c = Chain([LinearLayer(2, input=enc), ElementwiseLayer("Tanh")])
    dropped = surgery.take_drop("NetDrop", c, -1, False)
    assert dropped.port_coders() == {"Input": enc} and dropped.constructor()[1] == {}
